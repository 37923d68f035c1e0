package org.stemreach.downloads.download;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of a file (RFC 9110, section 14): {@code bytes=first-last}, {@code bytes=first-} or the
 * suffix {@code bytes=-length}. Several ranges in one request are answered with the whole file (allowed by
 * the RFC); a range that starts beyond the end is unsatisfiable (416).
 *
 * @param suffix whether it was asked for as a suffix ({@code bytes=-length}): the tail of a file, as archive tools and
 *               viewers read it to look inside (a ZIP's central directory), never the rest of a broken-off download
 */
public record ByteRange(long first, long last, boolean suffix) {

    public ByteRange(long first, long last) {
        this(first, last, false);
    }

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public long length() {
        return last - first + 1;
    }

    /** Whether serving this range completes the file: a download counts when its last byte is served. */
    public boolean reachesEndOf(long size) {
        return last == size - 1;
    }

    /**
     * Whether serving this range counts as a download: it completes the file (the whole of it, or the rest of a download
     * that broke off, resumed with {@code bytes=first-}), and it is not a look at the file's tail (a suffix range that
     * leaves out its start).
     */
    public boolean completesDownloadOf(long size) {
        return reachesEndOf(size) && (!suffix || first == 0);
    }

    /** The range to serve, empty for the whole file; throws {@link Unsatisfiable} for ranges outside the file. */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.isBlank() || header.contains(",")) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty(); // not a byte range we understand: the whole file
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0) {
                    throw new Unsatisfiable();
                }
                return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1, true));
            }
            long first = Long.parseLong(matcher.group(1));
            if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < first) {
                return Optional.empty(); // an invalid range (RFC 9110 14.1.1: ignored): the whole file
            }
            long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
            if (first >= size) {
                throw new Unsatisfiable();
            }
            return Optional.of(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static class Unsatisfiable extends RuntimeException {
        public Unsatisfiable() {
            super("range not satisfiable");
        }
    }
}
