package org.stemreach.downloads.project;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.gridfs.model.GridFSFile;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Service;
import org.stemreach.downloads.download.DownloadsProperties;
import org.stemreach.kit.outbox.AggregateWriter;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.kit.outbox.Projections;
import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.downloads.ProjectWithdrawn;
import org.stemreach.model.event.EventCatalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Creates, describes, publishes and withdraws projects and stores their files in GridFS. */
@Service
public class ProjectCatalog {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProjectCatalog.class);

    private final ProjectRepository projects;
    private final MongoTemplate mongo;
    private final AggregateWriter writer;
    private final GridFsTemplate files;
    private final Outbox outbox;
    private final long maxAssetBytes;
    /** Published projects as downloads see them; a change made here clears its entry at once. */
    private final Cache<String, Optional<Project>> published;

    public ProjectCatalog(ProjectRepository projects, MongoTemplate mongo, AggregateWriter writer, GridFsTemplate files,
                          Outbox outbox, DownloadsProperties properties) {
        this.projects = projects;
        this.mongo = mongo;
        this.writer = writer;
        this.files = files;
        this.outbox = outbox;
        this.maxAssetBytes = properties.maxAssetSize().toBytes();
        this.published = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.projectCacheTtl()).build();
    }

    /** The largest file accepted for an asset, in bytes ({@code stemreach.downloads.max-asset-size}). */
    public long maxAssetBytes() {
        return maxAssetBytes;
    }

    /**
     * The project if it is published, for serving its files: read from MongoDB at most once per
     * {@code stemreach.downloads.project-cache-ttl} (so another instance's withdrawal takes effect within that time;
     * this instance's own changes at once).
     */
    public Optional<Project> findPublished(String id) {
        return published.get(id, key -> projects.findById(key).filter(Project::isPublished));
    }

    /** Forgets what downloads know of the project, so that the next one reads it again. */
    public void forget(String id) {
        published.invalidate(id);
    }

    /**
     * A new project is inserted with its events; a changed one (read by {@link #forChange}, so without the events
     * still waiting in its outbox) is written by the {@link AggregateWriter}: its new events are appended, and events
     * the relay has published and removed meanwhile cannot come back.
     */
    private Project save(Project project) {
        try {
            if (project.version() == null) {
                return projects.insert(project);
            }
            if (!writer.update(project, List.copyOf(project.outbox()))) {
                throw new OptimisticLockingFailureException("project " + project.id() + " was changed meanwhile; try again");
            }
            return get(project.id());
        } finally {
            published.invalidate(project.id());
        }
    }

    private Project forChange(String id) {
        return Optional.ofNullable(mongo.findOne(Projections.allBut(mongo, new Query(Criteria.where("_id").is(id)), Project.class,
                HasOutbox.FIELD), Project.class)).orElseThrow(() -> new UnknownProjectException(id));
    }

    public Project create(NetworkId network, Project.Details details, boolean publish) {
        Project project = Project.draft(ProjectId.random(), network, details, outbox.clock().instant());
        if (publish) {
            publish(project);
        }
        return save(project);
    }

    /** Makes a project public; publishing a public project again changes nothing (no event, its date stays). */
    public Project publish(String id) {
        Project project = forChange(id);
        if (project.isPublished()) {
            return project;
        }
        publish(project);
        return save(project);
    }

    private void publish(Project project) {
        var fact = project.publish(outbox.clock().instant());
        project.outbox().add(outbox.event(EventCatalog.PROJECT_PUBLISHED, "project", project.id(), fact));
    }

    public Project update(String id, Project.Details details) {
        return update(id, details, null);
    }

    /**
     * Changes the description; with {@code expectedVersion} (the version the caller read, from {@code If-Match}) only
     * if nobody changed the project since, else {@link ChangedMeanwhileException}.
     */
    public Project update(String id, Project.Details details, Long expectedVersion) {
        Project project = forChange(id);
        if (expectedVersion != null && !expectedVersion.equals(project.version())) {
            throw new ChangedMeanwhileException(id, project.version());
        }
        if (project.describedBy(details)) {
            return project; // the same description again (a retried request): nothing written, no event
        }
        project.update(details, outbox.clock().instant())
                .ifPresent(fact -> project.outbox().add(outbox.event(EventCatalog.PROJECT_UPDATED, "project", project.id(), fact)));
        return save(project);
    }

    public Project withdraw(String id) {
        Project project = forChange(id);
        var now = outbox.clock().instant();
        if (project.withdraw(now)) {
            project.outbox().add(outbox.event(EventCatalog.PROJECT_WITHDRAWN, "project", project.id(),
                    new ProjectWithdrawn(project.projectId(), project.networkId(), now)));
        }
        return save(project);
    }

    public Optional<Project> find(String id) {
        return projects.findById(id);
    }

    public Project get(String id) {
        return find(id).orElseThrow(() -> new UnknownProjectException(id));
    }

    public List<Project> all() {
        return projects.findAll();
    }

    /**
     * Stores a file as the project's sheet or material after checking size, magic bytes and (for a ZIP) its
     * entries; a rejected file leaves nothing behind, and a replaced file is deleted.
     */
    public Project attach(String id, AssetKind kind, String filename, Path content) {
        Project project = forChange(id);
        long size;
        byte[] head;
        try {
            size = java.nio.file.Files.size(content);
            try (var in = java.nio.file.Files.newInputStream(content)) {
                head = in.readNBytes(8);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (size > maxAssetBytes) {
            throw new AssetTooLargeException("the file is larger than " + (maxAssetBytes >= 1024 * 1024
                    ? maxAssetBytes / (1024 * 1024) + " MB" : maxAssetBytes / 1024 + " KB"));
        }
        if (!FileKinds.matches(kind, head)) {
            throw new InvalidAssetException("the file is not a " + (kind == AssetKind.SHEET ? "PDF" : "ZIP")
                    + " (its first bytes do not match the format)");
        }
        List<String> entries = kind == AssetKind.MATERIAL ? ZipInspector.entries(content) : List.of();
        String sha256;
        try {
            sha256 = sha256(content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String name = safeFilename(filename, project, kind);
        ObjectId fileId;
        try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(content))) {
            fileId = files.store(in, name, FileKinds.contentType(kind),
                    new Document("projectId", id).append("kind", kind.name()).append("sha256", sha256));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Optional<Asset> previous = project.asset(kind);
        project.attach(kind, new Asset(fileId.toHexString(), name, FileKinds.contentType(kind), size, sha256,
                outbox.clock().instant(), entries));
        Project saved;
        try {
            saved = save(project);
        } catch (RuntimeException e) {
            files.delete(new Query(Criteria.where("_id").is(fileId)));
            throw e;
        }
        // The project points at the new file now: the old one may go, and if that fails it is only left over.
        previous.ifPresent(old -> {
            try {
                files.delete(new Query(Criteria.where("_id").is(new ObjectId(old.fileId()))));
            } catch (RuntimeException e) {
                log.warn("the replaced file {} of project {} could not be removed: {}", old.fileId(), id, e.toString());
            }
        });
        return saved;
    }

    /** Copies a stored file to {@code target}. */
    public void copy(Asset asset, Path target) {
        GridFSFile file = files.findOne(new Query(Criteria.where("_id").is(new ObjectId(asset.fileId()))));
        if (file == null) {
            throw new MissingFileException(asset);
        }
        try (InputStream in = files.getResource(file).getInputStream()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (com.mongodb.MongoGridFSException e) {
            // Its chunks went while this copy read them: the file was replaced (an upload, possibly on another instance).
            throw new MissingFileException(asset);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The name a file is served under: the uploaded name with its letters (accents and other scripts too: "Ideeën voor één
     * les.pdf"), only what a file system or a header cannot hold replaced; else one made from the project's title.
     */
    static String safeFilename(String filename, Project project, AssetKind kind) {
        String base = filename == null ? "" : java.text.Normalizer.normalize(filename, java.text.Normalizer.Form.NFC)
                .replaceAll("[\\p{Cntrl}/\\\\:*?\"<>|]", "_").strip();
        if (base.isEmpty() || base.startsWith(".")) {
            // From the title, in plain letters (é becomes e), as the name of a file a teacher keeps.
            String plain = java.text.Normalizer.normalize(project.title(), java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            String slug = plain.replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-+|-+$)", "").toLowerCase(Locale.ROOT);
            base = (slug.isEmpty() ? (kind == AssetKind.SHEET ? "projectfiche" : "lesmateriaal") : slug) + FileKinds.extension(kind);
        }
        // The content was checked to be a PDF or a ZIP: the name says so too, whatever it was uploaded as (sheet.html).
        if (!base.toLowerCase(Locale.ROOT).endsWith(FileKinds.extension(kind))) {
            base = base + FileKinds.extension(kind);
        }
        return base.length() > 120 ? base.substring(base.length() - 120) : base;
    }

    /** The file's SHA-256, read through in pieces (an upload is never all in memory). */
    private static String sha256(Path content) throws java.io.IOException {
        try (var in = new java.security.DigestInputStream(java.nio.file.Files.newInputStream(content), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every few hours (the first time 15 minutes after a start): stored files no project points at, an hour after they
     * were stored (see below).
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${stemreach.downloads.file-sweep-interval:6h}",
            initialDelayString = "PT15M")
    public void sweepFiles() {
        try {
            removeUnreferencedFiles(java.time.Duration.ofHours(1));
        } catch (RuntimeException e) {
            log.warn("stored files no project points at were not removed this time: {}", e.toString());
        }
    }

    /**
     * Removes files no project points at, stored more than {@code minAge} ago: left over when an upload stopped between
     * storing its file and saving its project (a crash), or when removing a replaced file failed. Younger ones may belong
     * to an upload still under way. Returns how many went.
     */
    public int removeUnreferencedFiles(java.time.Duration minAge) {
        java.util.Set<String> referenced = new java.util.HashSet<>();
        for (org.bson.Document project : mongo.getCollection(mongo.getCollectionName(Project.class))
                .find().projection(new Document("assets", 1))) {
            Object assets = project.get("assets");
            if (assets instanceof Document byKind) {
                byKind.values().forEach(asset -> {
                    if (asset instanceof Document document && document.get("fileId") != null) {
                        referenced.add(document.get("fileId").toString());
                    }
                });
            }
        }
        java.util.Date before = java.util.Date.from(outbox.clock().instant().minus(minAge));
        List<ObjectId> unreferenced = new java.util.ArrayList<>();
        files.find(new Query(Criteria.where("uploadDate").lt(before))).forEach(file -> {
            org.bson.BsonValue fileId = file.getId();
            if (fileId.isObjectId() && !referenced.contains(fileId.asObjectId().getValue().toHexString())) {
                unreferenced.add(fileId.asObjectId().getValue());
            }
        });
        unreferenced.forEach(id -> files.delete(new Query(Criteria.where("_id").is(id))));
        if (!unreferenced.isEmpty()) {
            log.info("removed {} stored files no project points at", unreferenced.size());
        }
        return unreferenced.size();
    }

    /** Whether the file is (still) in GridFS: not replaced by a newer upload since the project was read. */
    public boolean stored(Asset asset) {
        return files.findOne(new Query(Criteria.where("_id").is(new ObjectId(asset.fileId())))) != null;
    }

    /**
     * Writes bytes {@code first} to {@code first + length - 1} of a stored file straight from GridFS: for when no local
     * copy can be made (a full or failing disk), slower but still a download.
     */
    public void write(Asset asset, long first, long length, OutputStream out) throws IOException {
        GridFSFile file = files.findOne(new Query(Criteria.where("_id").is(new ObjectId(asset.fileId()))));
        if (file == null) {
            throw new MissingFileException(asset);
        }
        try (InputStream in = files.getResource(file).getInputStream()) {
            in.skipNBytes(first);
            byte[] buffer = new byte[64 * 1024];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new java.io.EOFException("file " + asset.fileId() + " ended " + left + " bytes early");
                }
                out.write(buffer, 0, read);
                left -= read;
            }
        } catch (com.mongodb.MongoGridFSException e) {
            throw new MissingFileException(asset);
        }
        out.flush();
    }

    /** A stored file that is not (or no longer: replaced by a newer upload) in GridFS. */
    public static class MissingFileException extends IllegalStateException {
        public MissingFileException(Asset asset) {
            super("file " + asset.fileId() + " of " + asset.filename() + " is missing from GridFS");
        }
    }

    public static class UnknownProjectException extends RuntimeException {
        public UnknownProjectException(String id) {
            super("No project with id " + id + ".");
        }
    }

    /** The project is no longer at the version the caller read. */
    public static class ChangedMeanwhileException extends RuntimeException {
        public ChangedMeanwhileException(String id, Long current) {
            super("project " + id + " was changed since you read it (it is now at version " + current + "): read it again");
        }
    }

    public static class InvalidAssetException extends RuntimeException {
        public InvalidAssetException(String message) {
            super(message);
        }
    }

    /** A file above the configured size of an asset (the multipart limit may be set higher). */
    public static class AssetTooLargeException extends InvalidAssetException {
        public AssetTooLargeException(String message) {
            super(message);
        }
    }
}
