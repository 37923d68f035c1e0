package org.stemreach.downloads.project;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;
import org.stemreach.model.NetworkId;
import org.stemreach.model.downloads.AssetKind;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The project catalogue API (operations team). */
@RestController
@RequestMapping(path = "/api/projects", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectController {

    private final ProjectCatalog catalog;

    ProjectController(ProjectCatalog catalog) {
        this.catalog = catalog;
    }

    record CreateProject(
            @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_-]{1,31}", message = "must be a network label such as ISTEM") String network,
            @NotBlank @Size(max = 300) String title,
            @Size(max = 5000) String summary,
            @Size(max = 20) List<@NotBlank @Size(max = 80) String> subjects,
            @Size(max = 20) List<@NotBlank @Size(max = 80) String> targetGroups,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> tags,
            @Size(max = 80) String licence,
            @Size(max = 500) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) address") String externalUrl,
            Boolean publish) {

        Project.Details details() {
            return new Project.Details(title, summary, subjects, targetGroups, tags, licence, externalUrl);
        }
    }

    record AssetView(String filename, String contentType, long size, String sha256, List<String> entries) {
    }

    record ProjectView(String id, String network, String title, String summary, List<String> subjects,
                       List<String> targetGroups, List<String> tags, String licence, String externalUrl, ProjectState state,
                       Instant publishedAt, Map<AssetKind, AssetView> assets) {

        static ProjectView of(Project project) {
            Map<AssetKind, AssetView> assets = new LinkedHashMap<>();
            project.assets().forEach((kind, asset) ->
                    assets.put(kind, new AssetView(asset.filename(), asset.contentType(), asset.size(), asset.sha256(), asset.entries())));
            return new ProjectView(project.id(), project.networkId().value(), project.title(), project.summary(),
                    project.subjects(), project.targetGroups(), project.tags(), project.licence(), project.externalUrl(),
                    project.state(), project.publishedAt(), assets);
        }
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ProjectView create(@Valid @RequestBody CreateProject request) {
        requireOperator(request.network());
        Project project = catalog.create(NetworkId.of(request.network()), request.details(), !Boolean.FALSE.equals(request.publish()));
        return ProjectView.of(project);
    }

    /** With {@code If-Match} (the {@code ETag} of a read): only if nobody changed the project since, else 412. */
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProjectView> update(@PathVariable String id, @Valid @RequestBody CreateProject request,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Project project = known(id);
        requireOperatorOf(project);
        if (!project.networkId().value().equals(request.network())) {
            throw ApiException.badRequest("a project stays in its network (" + project.networkId() + ")");
        }
        Long expected = null;
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.strip().equals("*")) {
            try {
                expected = Long.parseLong(ifMatch.strip().replaceFirst("^W/", "").replace("\"", ""));
            } catch (NumberFormatException e) {
                throw new ApiException(HttpStatus.PRECONDITION_FAILED, "Precondition failed", "If-Match is not an ETag of this project");
            }
        }
        try {
            return versioned(catalog.update(id, request.details(), expected));
        } catch (ProjectCatalog.ChangedMeanwhileException e) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "Changed meanwhile", e.getMessage());
        }
    }

    private static ResponseEntity<ProjectView> versioned(Project project) {
        return ResponseEntity.ok().eTag("\"" + project.version() + "\"").body(ProjectView.of(project));
    }

    @PostMapping("/{id}/withdraw")
    ProjectView withdraw(@PathVariable String id) {
        requireOperatorOf(known(id));
        return ProjectView.of(catalog.withdraw(id));
    }

    /** The published projects (for apps and the demo loader). */
    @GetMapping
    List<ProjectView> list() {
        return catalog.all().stream().filter(Project::isPublished).map(ProjectView::of).toList();
    }

    /** A published project for anyone; a draft or withdrawn one only for the operations team of its network (else 404). */
    @GetMapping("/{id}")
    ResponseEntity<ProjectView> get(@PathVariable String id) {
        Project project = known(id);
        if (!project.isPublished() && Caller.current().filter(caller -> caller.canOperate(project.networkId().value())).isEmpty()) {
            throw ApiException.notFound("project", id);
        }
        return versioned(project);
    }

    @PostMapping("/{id}/publish")
    ProjectView publish(@PathVariable String id) {
        requireOperatorOf(known(id));
        return ProjectView.of(catalog.publish(id));
    }

    @PutMapping(path = "/{id}/assets/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ProjectView upload(@PathVariable String id, @PathVariable String kind, @RequestPart("file") MultipartFile file) throws IOException {
        AssetKind assetKind = FileKinds.parse(kind);
        requireOperatorOf(known(id));
        if (file.isEmpty()) {
            throw ApiException.badRequest("the uploaded file is empty");
        }
        // The upload as a file of its own (the part's temporary file renamed there where the container can, else copied):
        // checked, hashed and stored from it in pieces, never all in memory.
        java.nio.file.Path upload = java.nio.file.Files.createTempFile("stemreach-upload", ".part");
        try {
            file.transferTo(upload.toFile());
            return ProjectView.of(catalog.attach(id, assetKind, file.getOriginalFilename(), upload));
        } catch (ProjectCatalog.AssetTooLargeException e) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "File too large", e.getMessage());
        } catch (ProjectCatalog.InvalidAssetException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Unacceptable file", e.getMessage());
        } finally {
            java.nio.file.Files.deleteIfExists(upload);
        }
    }

    /**
     * The operations team of the project's network only. To anyone else a draft does not exist (404, as an unknown id:
     * its id is not confirmed); a published project is public, so changing it is forbidden (403).
     */
    private static void requireOperatorOf(Project project) {
        if (!project.isPublished() && Caller.current().filter(caller -> caller.canOperate(project.networkId().value())).isEmpty()) {
            throw ApiException.notFound("project", project.projectId().value());
        }
        requireOperator(project.networkId().value());
    }

    private static void requireOperator(String network) {
        if (Caller.current().filter(caller -> caller.canOperate(network)).isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "Only the operations team of " + network + " may change its projects.");
        }
    }

    private Project known(String id) {
        return catalog.find(id).orElseThrow(() -> ApiException.notFound("project", id));
    }
}
