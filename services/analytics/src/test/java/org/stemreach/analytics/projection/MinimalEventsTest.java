package org.stemreach.analytics.projection;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stemreach.analytics.network.AnalyticsProperties;
import org.stemreach.analytics.network.NetworkCalendars;
import org.stemreach.kit.consumer.DocumentUpdate;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.EventSchemas;
import org.stemreach.kit.events.ReceivedEvent;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consumer side of the event contracts: analytics reads and applies every event its schema allows, down to one that
 * carries only the required fields (a tolerant reader: optional fields may be missing, as in an older producer).
 */
class MinimalEventsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final CloudEventCodec codec = new CloudEventCodec();
    private final ReachProjection projection = new ReachProjection(new NetworkCalendars(
            new AnalyticsProperties("12-15", ZoneId.of("Europe/Brussels"), Map.of())));

    /** The types that count for a KPI (the registrations' own lifecycle and forgetting do not: attendance does). */
    private static final java.util.Set<EventType<?>> COUNTING = java.util.Set.of(EventCatalog.ACTIVITY_SCHEDULED, EventCatalog.ACTIVITY_CHANGED,
            EventCatalog.ACTIVITY_CANCELLED, EventCatalog.HEADCOUNT_RECORDED, EventCatalog.ATTENDANCE_RECORDED, EventCatalog.DOWNLOAD_RECORDED,
            EventCatalog.PROJECT_PUBLISHED, EventCatalog.PROJECT_UPDATED, EventCatalog.PROJECT_WITHDRAWN, EventCatalog.EXTERNAL_FIGURE_REPORTED);

    static List<EventType<?>> types() {
        return EventCatalog.all();
    }

    @ParameterizedTest
    @MethodSource("types")
    void anEventWithOnlyItsRequiredFieldsIsReadAndApplied(EventType<?> type) throws IOException {
        JsonNode schema;
        try (InputStream in = MinimalEventsTest.class.getResourceAsStream(type.schemaResource())) {
            schema = MAPPER.readTree(in);
        }
        JsonNode data = MinimalEvents.minimal(schema);
        assertThat(new EventSchemas(true).errors(type.schemaResource(), data)).as("the minimal data is valid: %s", data).isEmpty();
        ObjectNode envelope = MAPPER.createObjectNode().put("specversion", "1.0").put("id", "minimal-" + type.name())
                .put("source", "/test").put("type", type.name()).put("time", "2026-03-02T10:00:00Z").put("datacontenttype", "application/json");
        envelope.set("data", data);

        ReceivedEvent event = codec.decode(MAPPER.writeValueAsBytes(envelope));
        List<DocumentUpdate> updates = new ArrayList<>();
        boolean counts = plan(event, type, updates);

        assertThat(counts).as("whether %s counts for a KPI", type.name()).isEqualTo(COUNTING.contains(type));
        assertThat(updates.isEmpty()).as("%s changes a fact exactly when it counts", type.name()).isEqualTo(!counts);
    }

    private <T> boolean plan(ReceivedEvent event, EventType<T> type, List<DocumentUpdate> updates) {
        return projection.plan(new TypedEvent<>(event, type, codec.dataAs(event, type)), updates);
    }
}
