package org.stemreach.kit.events;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventType;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSON Schemas of shared-model, loaded once. Producers check every event's data before it is
 * written to the outbox, so no event that breaks the contract ever reaches Kafka.
 */
public final class EventSchemas {

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> byLocation = new ConcurrentHashMap<>();
    private final boolean enabled;

    public EventSchemas(boolean enabled) {
        this.enabled = enabled;
        if (enabled) {
            EventCatalog.all().forEach(type -> schema(type.schemaResource()));
        }
    }

    /** Throws {@link ContractViolationException} if the data does not fit the type's schema. */
    public void check(EventType<?> type, JsonNode data) {
        if (!enabled) {
            return;
        }
        List<String> errors = errors(type.schemaResource(), data);
        if (!errors.isEmpty()) {
            throw new ContractViolationException(type.name() + " violates its schema: " + String.join("; ", errors));
        }
    }

    /** The messages of every violation of the schema at {@code classpathResource} (empty when valid). */
    public List<String> errors(String classpathResource, JsonNode json) {
        return schema(classpathResource).validate(json).stream()
                .map(Object::toString)
                .collect(Collectors.toList());
    }

    /** The same for a JSON text. */
    public List<String> errors(String classpathResource, String json) {
        return schema(classpathResource).validate(json, InputFormat.JSON).stream()
                .map(Object::toString)
                .collect(Collectors.toList());
    }

    private Schema schema(String classpathResource) {
        return byLocation.computeIfAbsent(classpathResource, resource -> {
            String path = resource.startsWith("/") ? resource.substring(1) : resource;
            if (EventSchemas.class.getClassLoader().getResource(path) == null) {
                throw new IllegalStateException("no JSON Schema on the classpath at " + path);
            }
            return registry.getSchema(SchemaLocation.of("classpath:" + path));
        });
    }

    public static final class ContractViolationException extends IllegalStateException {
        public ContractViolationException(String message) {
            super(message);
        }
    }
}
