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
    private String licence;
    private ProjectState state = ProjectState.DRAFT;
    private Instant createdAt;
    private Instant publishedAt;
    private Map<AssetKind, Asset> assets = new EnumMap<>(AssetKind.class);
    private List<OutboxEvent> outbox = new ArrayList<>();

    protected Project() {
    }

    public static Project draft(ProjectId id, NetworkId network, String title, String summary, List<String> subjects,
                                List<String> targetGroups, String licence, Instant now) {
        Project project = new Project();
        project.id = id.value();
        project.network = network.value();
        project.title = title;
        project.summary = summary;
        project.subjects = new ArrayList<>(subjects == null ? List.of() : subjects);
        project.targetGroups = new ArrayList<>(targetGroups == null ? List.of() : targetGroups);
        project.licence = licence == null || licence.isBlank() ? DEFAULT_LICENCE : licence;
        project.createdAt = now;
        return project;
    }

    /** Makes the project public; returns the fact to publish. */
    public ProjectPublished publish(Instant now) {
        if (state == ProjectState.WITHDRAWN) {
            throw new IllegalStateException("project " + id + " was withdrawn");
        }
        state = ProjectState.PUBLISHED;
        publishedAt = now;
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

    @Override
    public List<OutboxEvent> outbox() {
        return outbox;
    }
}
