package org.stemreach.downloads.download;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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

import java.io.InputStream;
import java.time.Clock;

/**
 * Public download of a project's sheet or material. The file is streamed from GridFS; once it has been
 * served completely, the download is offered to {@link DownloadCounting}. Counting never breaks a download.
 */
@RestController
class DownloadController {

    private static final Logger log = LoggerFactory.getLogger(DownloadController.class);

    private final ProjectCatalog catalog;
    private final DownloadCounting counting;
    private final Clock clock;

    DownloadController(ProjectCatalog catalog, DownloadCounting counting, Clock clock) {
        this.catalog = catalog;
        this.counting = counting;
        this.clock = clock;
    }

    @GetMapping("/api/projects/{id}/assets/{kind}")
    ResponseEntity<StreamingResponseBody> download(@PathVariable String id, @PathVariable String kind, HttpServletRequest request) {
        AssetKind assetKind = FileKinds.parse(kind);
        Project project = catalog.find(id).filter(Project::isPublished)
                .orElseThrow(() -> ApiException.notFound("project", id));
        Asset asset = project.asset(assetKind).orElseThrow(() -> ApiException.notFound(kind + " of project", id));
        var served = new DownloadCounting.ServedDownload(project.projectId(), project.networkId(), assetKind,
                clock.instant(), request.getRemoteAddr(), request.getHeader(HttpHeaders.USER_AGENT), null, "web");
        StreamingResponseBody body = out -> {
            try (InputStream in = catalog.open(asset)) {
                in.transferTo(out);
            }
            out.flush();
            count(served);
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(asset.contentType()))
                .contentLength(asset.size())
                .eTag("\"" + asset.sha256() + "\"")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(asset.filename()).build().toString())
                .body(body);
    }

    private void count(DownloadCounting.ServedDownload served) {
        try {
            counting.record(served);
        } catch (RuntimeException e) {
            log.error("download of {} {} was served but could not be counted", served.projectId(), served.kind(), e);
        }
    }
}
