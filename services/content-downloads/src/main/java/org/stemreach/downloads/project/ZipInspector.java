package org.stemreach.downloads.project;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Lists the documents in a lesson-material ZIP and refuses archives that would write outside the folder they
 * are unpacked into (path traversal: {@code ../}, absolute paths, drive letters, symbolic links), archives whose local
 * entries differ from their directory, empty archives and archives that are not readable.
 */
public final class ZipInspector {

    static final int MAX_ENTRIES = 2000;
    /** What the documents may unpack to in all: far above real lesson material, far below a ZIP bomb. */
    static final long MAX_UNPACKED = 512L * 1024 * 1024;

    private ZipInspector() {
    }

    /**
     * The archive's documents. Names are read as UTF-8, or, for archives that do not mark them so (Windows Explorer's
     * "send to compressed folder"), in the ZIP format's own code page (CP437). Both the central directory (what unzip
     * tools read) and the local headers are checked, so an archive cannot show one name here and another to a teacher.
     */
    public static List<String> entries(Path zip) {
        return entries(zip, MAX_UNPACKED);
    }

    public static List<String> entries(byte[] zip) {
        return entries(zip, MAX_UNPACKED);
    }

    /** The same, refusing archives whose documents unpack to more than {@code maxUnpacked} bytes (declared or found). */
    static List<String> entries(byte[] zip, long maxUnpacked) {
        Path copy = null;
        try {
            copy = Files.createTempFile("stemreach-zip", ".zip");
            Files.write(copy, zip);
            return entries(copy, maxUnpacked);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            deleteQuietly(copy);
        }
    }

    /** The same, for a ZIP in a file (an upload as it arrived: never all in memory). */
    static List<String> entries(Path zip, long maxUnpacked) {
        try {
            return entries(zip, StandardCharsets.UTF_8, maxUnpacked);
        } catch (UnreadableNames e) {
            return entries(zip, Charset.forName("IBM437"), maxUnpacked);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind; the system's cleaner takes it
            }
        }
    }

    /** The names are not in this character set. */
    private static final class UnreadableNames extends RuntimeException {
        UnreadableNames(Throwable cause) {
            super(cause);
        }
    }

    private static List<String> entries(Path copy, Charset names, long maxUnpacked) {
        List<String> documents = new ArrayList<>();
        try {
            Set<String> listed = new HashSet<>();
            int entries = 0;
            try (ZipFile central = new ZipFile(copy.toFile(), names)) {
                long declared = 0;
                for (ZipEntry entry : java.util.Collections.list(central.entries())) {
                    check(entry.getName());
                    listed.add(entry.getName());
                    entries++;
                    declared += Math.max(0, entry.getSize());
                    requireAtMost(declared, maxUnpacked);
                    if (!entry.isDirectory()) {
                        documents.add(entry.getName());
                    }
                    if (documents.size() > MAX_ENTRIES) {
                        throw new ProjectCatalog.InvalidAssetException("the ZIP holds more than " + MAX_ENTRIES + " files");
                    }
                }
            }
            int count = 0;
            try (ZipInputStream local = new ZipInputStream(new java.io.BufferedInputStream(Files.newInputStream(copy)), names)) {
                long unpacked = 0;
                byte[] buffer = new byte[64 * 1024];
                for (ZipEntry entry; (entry = local.getNextEntry()) != null; ) {
                    check(entry.getName());
                    // Tools that unpack from the stream (not from the directory) write every local entry: none may be one
                    // the directory does not list, nor more than it lists (each unchecked beyond).
                    if (!listed.contains(entry.getName()) || ++count > entries) {
                        throw new ProjectCatalog.InvalidAssetException("the ZIP holds an entry its directory does not list: "
                                + entry.getName());
                    }
                    // Read rather than skipped: the sizes in the headers may lie, what unpacks is counted as it comes.
                    for (int read; (read = local.read(buffer)) > 0; ) {
                        unpacked += read;
                        requireAtMost(unpacked, maxUnpacked);
                    }
                }
            }
            if (count != entries) {
                // Entries no local header holds where the directory says: never unpacked here, nor counted.
                throw new ProjectCatalog.InvalidAssetException("the ZIP's directory lists entries its local headers do not hold");
            }
            refuseLinks(copy, names);
        } catch (ZipException | IllegalArgumentException e) {
            if (names.equals(StandardCharsets.UTF_8)) {
                throw new UnreadableNames(e);
            }
            throw new ProjectCatalog.InvalidAssetException("the ZIP cannot be read: " + e.getMessage());
        } catch (IOException e) {
            throw new ProjectCatalog.InvalidAssetException("the ZIP cannot be read: " + e.getMessage());
        }
        if (documents.isEmpty()) {
            throw new ProjectCatalog.InvalidAssetException("the ZIP contains no documents");
        }
        return documents;
    }

    /**
     * Symbolic links (a Unix mode in the directory) are refused: unpacked first, a link {@code les1/x -> ../../..} lets a
     * later entry {@code les1/x/evil} write outside the folder with common unzip tools.
     */
    private static void refuseLinks(Path zip, Charset names) throws IOException {
        try (org.apache.commons.compress.archivers.zip.ZipFile unix = org.apache.commons.compress.archivers.zip.ZipFile.builder()
                .setPath(zip).setCharset(names).get()) {
            for (ZipArchiveEntry entry : java.util.Collections.list(unix.getEntries())) {
                if (entry.isUnixSymlink()) {
                    throw new ProjectCatalog.InvalidAssetException("the ZIP contains a symbolic link: " + entry.getName());
                }
            }
        }
    }

    /** The name with its hidden characters written out (U+202E as a backslash, u and 202E), for a message that shows what was refused. */
    static String visible(String name) {
        return HIDDEN.matcher(name).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(
                String.format("\\u%04X", (int) match.group().charAt(0))));
    }

    private static void requireAtMost(long unpacked, long maxUnpacked) {
        if (unpacked > maxUnpacked) {
            throw new ProjectCatalog.InvalidAssetException("the ZIP unpacks to more than " + maxUnpacked / (1024 * 1024) + " MB");
        }
    }

    private static void check(String name) {
        if (unsafe(name)) {
            throw new ProjectCatalog.InvalidAssetException("the ZIP contains an unsafe path: " + visible(name));
        }
    }

    /**
     * Control characters, and the characters that turn text's direction around (U+202E before "fdp.exe" shows it as
     * "exe.pdf"): a name that shows a teacher something else than the file it is.
     */
    private static final java.util.regex.Pattern HIDDEN = java.util.regex.Pattern.compile("[\\p{Cc}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    static boolean unsafe(String name) {
        String path = name.replace('\\', '/');
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || HIDDEN.matcher(path).find()) {
            return true;
        }
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
