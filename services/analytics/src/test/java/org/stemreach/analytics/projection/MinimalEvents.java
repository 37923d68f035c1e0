package org.stemreach.analytics.projection;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The smallest data a JSON Schema of shared-model allows: only the required properties, each at its smallest (first
 * enum value, minimum, minItems, a short string matching its pattern). What a producer may send, at the least.
 */
final class MinimalEvents {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Values tried, in order, for a string with a pattern: network labels, ids, type names, period labels. */
    private static final List<String> PATTERNED = List.of("XN", "x1", "XT", "2026", "a");

    private MinimalEvents() {
    }

    static JsonNode minimal(JsonNode schema) {
        return minimal(schema, schema);
    }

    private static JsonNode minimal(JsonNode node, JsonNode root) {
        if (node.has("$ref")) {
            String ref = node.get("$ref").asString();
            return minimal(root.at(ref.substring(1)), root);
        }
        if (node.has("const")) {
            return node.get("const");
        }
        if (node.has("enum")) {
            return node.get("enum").get(0);
        }
        if (node.has("anyOf")) {
            return minimal(node.get("anyOf").get(0), root);
        }
        if (node.has("oneOf")) {
            return minimal(node.get("oneOf").get(0), root);
        }
        JsonNode type = node.get("type");
        String kind = type == null ? (node.has("properties") ? "object" : "string") : type.isArray() ? type.get(0).asString() : type.asString();
        return switch (kind) {
            case "object" -> {
                ObjectNode object = JSON.objectNode();
                if (node.has("required")) {
                    for (JsonNode name : node.get("required")) {
                        object.set(name.asString(), minimal(node.get("properties").get(name.asString()), root));
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = JSON.arrayNode();
                for (int i = 0; i < node.path("minItems").asInt(0); i++) {
                    array.add(minimal(node.get("items"), root));
                }
                yield array;
            }
            case "integer", "number" -> JSON.numberNode(node.has("minimum") ? node.get("minimum").asLong()
                    : node.has("exclusiveMinimum") ? node.get("exclusiveMinimum").asLong() + 1 : 0);
            case "boolean" -> JSON.booleanNode(false);
            case "null" -> JSON.nullNode();
            default -> JSON.stringNode(string(node));
        };
    }

    private static String string(JsonNode node) {
        String format = node.path("format").asString("");
        switch (format) {
            case "date-time":
                return "2026-03-02T10:00:00Z";
            case "date":
                return "2026-03-02";
            case "time":
                return "10:00:00";
            default:
                break;
        }
        if (node.has("pattern")) {
            Pattern pattern = Pattern.compile(node.get("pattern").asString());
            return PATTERNED.stream().filter(value -> pattern.matcher(value).find()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no example value for pattern " + pattern));
        }
        return "x".repeat(Math.max(1, node.path("minLength").asInt(1)));
    }
}
