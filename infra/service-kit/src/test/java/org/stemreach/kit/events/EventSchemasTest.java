package org.stemreach.kit.events;

import org.junit.jupiter.api.Test;
import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.TeacherId;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.downloads.DownloadRecorded;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventSchemasTest {

    private final EventSchemas schemas = new EventSchemas(true);
    private final CloudEventCodec codec = new CloudEventCodec();

    private ObjectNode download(TeacherId teacher) {
        var data = new DownloadRecorded(ProjectId.of("p-1"), NetworkId.of("ISTEM"), AssetKind.SHEET,
                Instant.parse("2026-01-01T10:00:00Z"), "web", teacher);
        return (ObjectNode) codec.dataTree(EventEnvelope.create(EventCatalog.DOWNLOAD_RECORDED, "/s", "project/p-1", data, Instant.now()));
    }

    @Test
    void acceptsDataThatFitsTheContract() {
        assertThatCode(() -> schemas.check(EventCatalog.DOWNLOAD_RECORDED, download(null))).doesNotThrowAnyException();
        assertThatCode(() -> schemas.check(EventCatalog.DOWNLOAD_RECORDED, download(TeacherId.of("t-1")))).doesNotThrowAnyException();
    }

    @Test
    void refusesPersonalDataSmuggledIntoAnEvent() {
        ObjectNode data = download(null);
        data.put("email", "teacher@school.be");

        assertThatThrownBy(() -> schemas.check(EventCatalog.DOWNLOAD_RECORDED, data))
                .isInstanceOf(EventSchemas.ContractViolationException.class)
                .hasMessageContaining("email");
    }

    @Test
    void refusesMissingAndMalformedFields() {
        ObjectNode missing = download(null);
        missing.remove("network");
        ObjectNode badTime = download(null);
        badTime.put("downloadedAt", "yesterday");

        assertThatThrownBy(() -> schemas.check(EventCatalog.DOWNLOAD_RECORDED, missing)).hasMessageContaining("network");
        assertThatThrownBy(() -> schemas.check(EventCatalog.DOWNLOAD_RECORDED, badTime)).hasMessageContaining("downloadedAt");
    }

    @Test
    void canBeSwitchedOff() {
        ObjectNode data = download(null);
        data.put("email", "x@y.be");

        assertThatCode(() -> new EventSchemas(false).check(EventCatalog.DOWNLOAD_RECORDED, data)).doesNotThrowAnyException();
        assertThat(new EventSchemas(true).errors("/schemas/events/stemreach.downloads.download-recorded.v1.schema.json",
                new JsonMapper().createObjectNode())).isNotEmpty();
    }
}
