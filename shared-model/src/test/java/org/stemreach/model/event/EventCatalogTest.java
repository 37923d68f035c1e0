package org.stemreach.model.event;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EventCatalogTest {

    private final JsonMapper json = new JsonMapper();

    private JsonNode resource(String path) throws IOException {
        try (InputStream in = EventCatalogTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return json.readTree(in);
        }
    }

    @Test
    void everyEventTypeHasAVersionedNameATopicAndASchemaOfItsOwn() throws IOException {
        Set<String> names = new HashSet<>();
        for (EventType<?> type : EventCatalog.all()) {
            assertThat(names.add(type.name())).isTrue();
            assertThat(type.name()).doesNotContain(type.dataClass().getSimpleName()).matches(".*\\.v[1-9][0-9]*");
            assertThat(Topics.all()).contains(type.topic());
            assertThat(type.topic()).startsWith("stemreach." + type.name().split("\\.")[1].substring(0, 4));
            JsonNode schema = resource(type.schemaResource());
            assertThat(schema.get("$id").asString()).isEqualTo(type.schemaId());
            assertThat(schema.get("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.get("additionalProperties").asBoolean(true))
                    .as(type.name() + " forbids undeclared fields, so personal data cannot slip into it").isFalse();
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(SchemaLocation.of("classpath:" + type.schemaResource().substring(1)));
        }
        assertThat(EventCatalog.byName("stemreach.downloads.download-recorded.v1")).contains(EventCatalog.DOWNLOAD_RECORDED);
        assertThat(EventCatalog.byName("DownloadRecorded")).isEmpty();
    }

    @Test
    void noSchemaFileIsOrphaned() throws IOException {
        try (var files = Files.list(Path.of("src/main/resources/schemas/events"))) {
            Set<String> declared = new HashSet<>();
            EventCatalog.all().forEach(type -> declared.add(type.name() + ".schema.json"));
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(declared::contains);
        }
    }

    @Test
    void typeNamesMustBeExplicitAndVersioned() {
        assertThatThrownBy(() -> new EventType<>("org.stemreach.DownloadRecorded", String.class, Topics.DOWNLOADS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventType<>("stemreach.downloads.download-recorded", String.class, Topics.DOWNLOADS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(EventCatalog.DOWNLOAD_RECORDED.version()).isEqualTo(1);
    }

    @Test
    void theFunderContractCopyIsIdenticalToTheSharedOne() throws IOException {
        Path shared = Path.of("../../shared/contracts/kpi-feed-v1.schema.json");
        assumeTrue(Files.exists(shared), "../shared is not beside this checkout");
        assertThat(json.readTree(Files.readString(Path.of("src/main/resources/schemas/kpi-feed-v1.schema.json"))))
                .isEqualTo(json.readTree(Files.readString(shared)));
    }

    @Test
    void theDomainCopyIsIdenticalToTheSharedOne() throws IOException {
        Path shared = Path.of("../../shared/domain.md");
        assumeTrue(Files.exists(shared), "../shared is not beside this checkout");
        assertThat(Files.readString(Path.of("../docs/domain.md"))).isEqualTo(Files.readString(shared));
    }
}
