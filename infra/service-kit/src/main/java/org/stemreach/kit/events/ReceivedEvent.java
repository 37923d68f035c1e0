package org.stemreach.kit.events;

import tools.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A CloudEvent as a consumer sees it: the attributes plus the raw JSON data, which
 * {@link CloudEventCodec#dataAs} turns into the event type's record.
 */
public record ReceivedEvent(String id, String source, String type, Instant time, String subject, JsonNode data) {
}
