package org.stemreach.downloads.download;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.stemreach.downloads.project.Asset;
import org.stemreach.downloads.project.FileKinds;
import org.stemreach.downloads.project.Project;
import org.stemreach.downloads.project.ProjectCatalog;
import org.stemreach.kit.web.ApiException;
import org.stemreach.model.downloads.AssetKind;

import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Public download of a project's sheet or material, with the HTTP semantics of RFC 9110: ETag and
 * {@code If-None-Match} (304, not counted: no file is served), a single byte range (206; {@code If-Range}; 416 when
 * unsatisfiable).
 * The bytes come from the local copy ({@link AssetFiles}) and go to the socket by {@link Sendfile} where the
 * connector supports it. A download is offered to {@link DownloadCounting} when the whole file, or a range reaching
 * its last byte that is not a look at the tail ({@link ByteRange#completesDownloadOf}), is handed to the connector (sendfile) or has been written (otherwise). Counting never breaks a
 * download: its event goes through the outbox.
 */
@RestController
class DownloadController {

    private static final Logger log = LoggerFactory.getLogger(DownloadController.class);

    private final ProjectCatalog catalog;
    private final AssetFiles files;
    private final DownloadCounting counting;
    private final Clock clock;
    private final boolean acceptSimulatedTime;
    private final java.time.Duration closeUnusedAfter;
    /** Closes a file opened for a download whose body never ran (timed out in the queue, cancelled). */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor CLOSER = closer();

    DownloadController(ProjectCatalog catalog, AssetFiles files, DownloadCounting counting, Clock clock, DownloadsProperties properties,
                       @org.springframework.beans.factory.annotation.Value("${spring.mvc.async.request-timeout:30m}") java.time.Duration requestTimeout) {
        this.catalog = catalog;
        this.files = files;
        this.counting = counting;
        this.clock = clock;
        this.acceptSimulatedTime = properties.acceptSimulatedTime();
        this.closeUnusedAfter = requestTimeout.plusMinutes(1);
    }

    private static java.util.concurrent.ScheduledThreadPoolExecutor closer() {
        var executor = new java.util.concurrent.ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "download-file-closer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    @GetMapping("/api/projects/{id}/assets/{kind}")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String id, @PathVariable String kind, HttpServletRequest request) {
        return serve(id, kind, request, true);
    }

    private ResponseEntity<StreamingResponseBody> serve(String id, String kind, HttpServletRequest request, boolean mayReread) {
        AssetKind assetKind = FileKinds.parse(kind);
        Project project = catalog.findPublished(id)
                .orElseThrow(() -> ApiException.notFound("project", id));
        Asset asset = project.asset(assetKind).orElseThrow(() -> ApiException.notFound(kind + " of project", id));
        String etag = "\"" + asset.sha256() + "\"";
        // Browsers may keep a copy but ask every time (a 304 when unchanged): every download reaches the counting, and
        // a withdrawn project is no longer served from a cache. Shared caches keep nothing.
        CacheControl caching = CacheControl.noCache().cachePrivate();
        String disposition = attachment(asset.filename());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .eTag(etag)
                .cacheControl(caching)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition);
        var served = new DownloadCounting.ServedDownload(project.projectId(), project.networkId(), assetKind,
                requestTime(request), request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), null, "web");
        if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            // The browser still has this version: no file is served, so no download is counted (the rule).
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(caching).build();
        }
        long size = asset.size();
        Optional<ByteRange> range;
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        try {
            range = ifRange != null && !ifRange.equals(etag) ? Optional.empty()
                    : ByteRange.parse(request.getHeader(HttpHeaders.RANGE), size);
        } catch (ByteRange.Unsatisfiable e) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + size).build();
        }
        long first = range.map(ByteRange::first).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        boolean completes = range.map(r -> r.completesDownloadOf(size)).orElse(true);
        StreamingResponseBody body = null;
        // A HEAD request gets only the headers: not a download, so not counted (and no need for the file itself).
        if (!HttpMethod.HEAD.matches(request.getMethod())) {
            Path file;
            try {
                file = files.file(asset);
            } catch (ProjectCatalog.MissingFileException e) {
                if (!mayReread) {
                    throw e;
                }
                // Replaced since this project was read (an upload, possibly on another instance): read it again.
                catalog.forget(id);
                return serve(id, kind, request, false);
            } catch (java.io.UncheckedIOException e) {
                // No local copy can be made (a full or failing disk): the teacher still gets the file, from the database.
                log.warn("no local copy of {} of project {} ({}); serving it from the database", kind, id, e.getCause().toString());
                if (!catalog.stored(asset)) {
                    if (!mayReread) {
                        throw new ProjectCatalog.MissingFileException(asset);
                    }
                    catalog.forget(id); // replaced meanwhile, as above
                    return serve(id, kind, request, false);
                }
                file = null;
            }
            // Written here (not handed to sendfile), a download counts when its last byte is written, at that moment: a slow
            // download that began before another of the same client's never counts as that one's repeat.
            boolean simulated = acceptSimulatedTime && request.getHeader("X-Simulated-Time") != null;
            if (file == null) {
                body = out -> {
                    catalog.write(asset, first, length, out);
                    if (completes) {
                        count(simulated ? served : served.at(clock.instant()));
                    }
                };
            } else if (Sendfile.offer(request, file, first, length)) {
                if (completes) {
                    count(served);
                }
            } else {
                // Opened now, not when the body's turn comes on the streaming threads: a local copy evicted meanwhile
                // (deleted after a grace period) is still read whole through the open channel.
                FileChannel channel;
                try {
                    channel = FileChannel.open(file);
                } catch (java.io.IOException e) {
                    // Gone between finding and opening it (evicted, or replaced by an upload): find it again.
                    if (!mayReread) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    catalog.forget(id);
                    return serve(id, kind, request, false);
                }
                Path local = file;
                // Closed by the body; if the body never runs (the request timed out waiting for a streaming thread, or
                // was cancelled), a minute after the request's timeout, so no file stays open for good.
                var closing = CLOSER.schedule(() -> {
                    try {
                        channel.close();
                    } catch (java.io.IOException ignored) {
                        // closing a file only read from
                    }
                }, closeUnusedAfter.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                body = out -> {
                    try (channel) {
                        write(channel, local, first, length, out);
                    } finally {
                        closing.cancel(false);
                    }
                    if (completes) {
                        count(simulated ? served : served.at(clock.instant()));
                    }
                };
            }
        }
        if (range.isPresent()) {
            response = ResponseEntity.status(HttpStatus.PARTIAL_CONTENT).eTag(etag)
                    .cacheControl(caching)
                    .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .header(HttpHeaders.CONTENT_RANGE, "bytes " + range.get().first() + "-" + range.get().last() + "/" + size);
        }
        return response.contentType(MediaType.parseMediaType(asset.contentType())).contentLength(length).body(body);
    }

    /**
     * When the download happened: now, or (local demo platform only, {@code stemreach.downloads.accept-simulated-time})
     * the time in {@code X-Simulated-Time}, so that a demo year can be loaded through this public API.
     */
    private java.time.Instant requestTime(HttpServletRequest request) {
        String simulated = request.getHeader("X-Simulated-Time");
        if (acceptSimulatedTime && simulated != null) {
            try {
                return java.time.Instant.parse(simulated);
            } catch (java.time.format.DateTimeParseException e) {
                throw ApiException.badRequest("X-Simulated-Time is an ISO instant");
            }
        }
        return clock.instant();
    }

    private static void write(FileChannel channel, Path file, long first, long length, java.io.OutputStream out) throws java.io.IOException {
        var target = Channels.newChannel(out);
        long position = first;
        long end = first + length;
        while (position < end) {
            long sent = channel.transferTo(position, end - position, target);
            if (sent <= 0) {
                throw new java.io.EOFException(file + " ended at byte " + position + ", expected " + end);
            }
            position += sent;
        }
        out.flush();
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip().replaceFirst("^W/", "");
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private void count(DownloadCounting.ServedDownload served) {
        try {
            counting.record(served);
        } catch (RuntimeException e) {
            log.error("download of {} {} was served but could not be counted", served.projectId(), served.kind(), e);
        }
    }

    /**
     * {@code attachment} with the name in UTF-8 ({@code filename*}, RFC 6266/5987: "één" arrives as it was named) and in
     * plain ASCII for clients that only read {@code filename} (accents dropped, anything else an underscore).
     */
    static String attachment(String name) {
        String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("[^\\x20-\\x7E]", "_").replace('\\', '_').replace('"', '_');
        String utf8 = ContentDisposition.attachment().filename(name, java.nio.charset.StandardCharsets.UTF_8).build().toString();
        return "attachment; filename=\"" + plain + "\"; " + utf8.substring(utf8.indexOf("filename*="));
    }
}
