package org.stemreach.kit.events;

import org.junit.jupiter.api.Test;
import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.downloads.AssetKind;
import org.stemreach.model.downloads.DownloadRecorded;
import org.stemreach.model.event.EventCatalog;
import org.stemreach.model.event.EventEnvelope;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CloudEventCodecTest {

    private final CloudEventCodec codec = new CloudEventCodec();
    private final DownloadRecorded download = new DownloadRecorded(ProjectId.of("p-1"), NetworkId.of("ISTEM"),
            AssetKind.MATERIAL, Instant.parse("2026-03-04T10:15:30Z"), "web", null);

    @Test
    void writesStructuredCloudEventsWithTheSpecAttributeNames() {
        EventEnvelope<DownloadRecorded> event = EventEnvelope.create(EventCatalog.DOWNLOAD_RECORDED,
                "/stemreach/content-downloads", "project/p-1", download, Instant.parse("2026-03-04T10:15:31Z"));

        JsonNode json = codec.tree(codec.encode(event));

        assertThat(json.get("specversion").asString()).isEqualTo("1.0");
        assertThat(json.get("type").asString()).isEqualTo("stemreach.downloads.download-recorded.v1");
        assertThat(json.get("source").asString()).isEqualTo("/stemreach/content-downloads");
        assertThat(json.get("id").asString()).isEqualTo(event.id());
        assertThat(json.get("time").asString()).isEqualTo("2026-03-04T10:15:31Z");
        assertThat(json.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(json.get("dataschema").asString()).isEqualTo("urn:stemreach:event:stemreach.downloads.download-recorded.v1");
        assertThat(json.get("data").get("network").asString()).isEqualTo("ISTEM");
        assertThat(json.get("data").get("projectId").asString()).isEqualTo("p-1");
    }

    @Test
    void readsBackTheEventAndItsData() {
        EventEnvelope<DownloadRecorded> event = EventEnvelope.create(EventCatalog.DOWNLOAD_RECORDED,
                "/stemreach/content-downloads", "project/p-1", download, Instant.now());

        ReceivedEvent received = codec.decode(codec.encode(event));

        assertThat(received.id()).isEqualTo(event.id());
        assertThat(codec.dataAs(received, EventCatalog.DOWNLOAD_RECORDED)).isEqualTo(download);
    }

    @Test
    void ignoresDataFieldsItDoesNotKnow() {
        String newer = """
                {"specversion":"1.0","id":"e1","source":"/x","type":"stemreach.downloads.download-recorded.v1",
                 "time":"2026-01-01T00:00:00Z","datacontenttype":"application/json",
                 "data":{"projectId":"p","network":"ISTEM","assetKind":"SHEET","downloadedAt":"2026-01-01T00:00:00Z",
                         "channel":"web","addedLater":42}}""";

        DownloadRecorded data = codec.dataAs(codec.decode(newer.getBytes(StandardCharsets.UTF_8)), EventCatalog.DOWNLOAD_RECORDED);

        assertThat(data.assetKind()).isEqualTo(AssetKind.SHEET);
    }

    @Test
    void rejectsWhatIsNotACloudEvent() {
        assertThatThrownBy(() -> codec.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CloudEventCodec.MalformedEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"specversion\":\"0.3\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{}}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CloudEventCodec.MalformedEventException.class);
        // The JSON null, and events without an id or a time: malformed too (not a NullPointerException further on).
        for (String value : List.of("null", "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\",\"time\":\"2026-01-01T00:00:00Z\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}",
                // a time no database date holds
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"time\":\"+300000000-01-01T00:00:00Z\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"s\",\"type\":\"t\",\"time\":\"+10000-01-01T00:00:00Z\",\"data\":{}}")) {
            assertThatThrownBy(() -> codec.decode(value.getBytes(StandardCharsets.UTF_8))).as(value)
                    .isInstanceOf(CloudEventCodec.MalformedEventException.class);
        }
    }

    @Test
    void rejectsDataThatBreaksTheValueTypes() {
        String badNetwork = """
                {"specversion":"1.0","id":"e1","source":"/x","type":"stemreach.downloads.download-recorded.v1",
                 "time":"2026-01-01T00:00:00Z","data":{"projectId":"p","network":"not a network","assetKind":"SHEET",
                 "downloadedAt":"2026-01-01T00:00:00Z","channel":"web"}}""";
        ReceivedEvent event = codec.decode(badNetwork.getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> codec.dataAs(event, EventCatalog.DOWNLOAD_RECORDED))
                .isInstanceOf(CloudEventCodec.MalformedEventException.class);
    }
}
