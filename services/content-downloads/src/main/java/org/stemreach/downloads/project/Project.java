package org.stemreach.downloads.project;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;
import org.stemreach.kit.outbox.HasOutbox;
import org.stemreach.kit.outbox.OutboxEvent;
import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.downloads.ProjectPublished;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lesson project: free, openly licensed, with a project sheet (PDF) and lesson material (ZIP).
 * Its pending events live in the same document ({@link HasOutbox}), so state and events are written atomically.
 */
@Document("projects")
public class Project implements HasOutbox {

    public static final String DEFAULT_LICENCE = "CC BY 4.0";

    @Id
    private String id;
    @Version
    private Long version;
    private String network;
    private String title;
    private String summary;
    private List<String> subjects = new ArrayList<>();
    private List<String> targetGroups = new ArrayList<>();
    private List<String> tags = new ArrayList<>();
    private String externalUrl;
    private String licence;
    private ProjectState state = ProjectState.DRAFT;
    private Instant createdAt;
    private Instant publishedAt;
    private Instant updatedAt;
    private Instant withdrawnAt;
    private Map<AssetKind, Asset> assets = new EnumMap<>(AssetKind.class);
    private List<OutboxEvent> outbox = new ArrayList<>();

    protected Project() {
    }

    /** What the operations team describes; validated by the API. */
    public record Details(String title, String summary, List<String> subjects, List<String> targetGroups, List<String> tags,
                          String licence, String externalUrl) {
    }

    public static Project draft(ProjectId id, NetworkId network, Details details, Instant now) {
        Project project = new Project();
        project.id = id.value();
        project.network = network.value();
        project.createdAt = now;
        project.describe(details);
        return project;
    }

    /** Whether these details describe the project as it is (a request sent again): updating with them changes nothing. */
    public boolean describedBy(Details details) {
        Project described = new Project();
        described.describe(details);
        return java.util.Objects.equals(title, described.title) && java.util.Objects.equals(summary, described.summary)
                && java.util.Objects.equals(subjects, described.subjects) && java.util.Objects.equals(targetGroups, described.targetGroups)
                && java.util.Objects.equals(tags, described.tags) && java.util.Objects.equals(licence, described.licence)
                && java.util.Objects.equals(externalUrl, described.externalUrl);
    }

    private void describe(Details details) {
        title = details.title().strip();
        summary = details.summary();
        subjects = new ArrayList<>(details.subjects() == null ? List.of() : details.subjects());
        targetGroups = new ArrayList<>(details.targetGroups() == null ? List.of() : details.targetGroups());
        tags = new ArrayList<>(details.tags() == null ? List.of() : details.tags());
        licence = details.licence() == null || details.licence().isBlank() ? DEFAULT_LICENCE : details.licence();
        externalUrl = details.externalUrl();
    }

    /** Changes the description; returns the fact to publish if the project is public. */
    public Optional<ProjectPublished> update(Details details, Instant now) {
        describe(details);
        updatedAt = now;
        return isPublished() ? Optional.of(fact(now)) : Optional.empty();
    }

    /** Takes the project offline; returns whether it was public. */
    public boolean withdraw(Instant now) {
        if (state == ProjectState.WITHDRAWN) {
            return false; // withdrawn before: it stays withdrawn since then
        }
        boolean wasPublic = isPublished();
        state = ProjectState.WITHDRAWN;
        withdrawnAt = now;
        return wasPublic;
    }

    /** Makes the project public; returns the fact to publish. */
    public ProjectPublished publish(Instant now) {
        if (state == ProjectState.WITHDRAWN) {
            withdrawnAt = null;
        }
        state = ProjectState.PUBLISHED;
        publishedAt = now;
        return fact(now);
    }

    private ProjectPublished fact(Instant now) {
        return new ProjectPublished(projectId(), networkId(), title, subjects, targetGroups, licence, now);
    }

    public void attach(AssetKind kind, Asset asset) {
        assets.put(kind, asset);
    }

    public Optional<Asset> asset(AssetKind kind) {
        return Optional.ofNullable(assets.get(kind));
    }

    public boolean isPublished() {
        return state == ProjectState.PUBLISHED;
    }

    public ProjectId projectId() {
        return ProjectId.of(id);
    }

    public NetworkId networkId() {
        return NetworkId.of(network);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    public List<String> subjects() {
        return List.copyOf(subjects);
    }

    public List<String> targetGroups() {
        return List.copyOf(targetGroups);
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public String externalUrl() {
        return externalUrl;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String licence() {
        return licence;
    }

    public ProjectState state() {
        return state;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public Map<AssetKind, Asset> assets() {
        return Map.copyOf(assets);
    }

    /** The stored version; {@code null} until first stored. */
    public Long version() {
        return version;
    }

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }
}
