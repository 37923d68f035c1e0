package org.stemreach.downloads.download;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.util.unit.DataSize;
import org.stemreach.kit.outbox.Outbox;
import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.downloads.AssetKind;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** A download served while its count cannot be written is counted as such, for the dashboards and alerts. */
class DownloadCountingTest {

    @Test
    void aCountThatCannotBeWrittenIsCountedAsNotCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MongoTemplate away = mock(MongoTemplate.class, call -> {
            throw new DataAccessResourceFailureException("MongoDB is away");
        });
        DownloadCounting counting = new DownloadCounting(away, mock(Outbox.class), new ClientKeys("a-test-secret-of-32-characters!!"),
                new RobotFilter(List.of("bot")), new DownloadsProperties("a-test-secret-of-32-characters!!", Duration.ofSeconds(30), DataSize.ofMegabytes(25),
                "counter-robots.txt", DataSize.ofMegabytes(512), null, Duration.ofSeconds(2), false), meters);
        var download = new DownloadCounting.ServedDownload(ProjectId.of("p1"), NetworkId.of("ISTEM"), AssetKind.SHEET, Instant.now(),
                "192.0.2.1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", null, null);

        assertThatThrownBy(() -> counting.record(download)).isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(meters.counter("stemreach.downloads.served", "outcome", "not_counted", "kind", "SHEET").count()).isEqualTo(1);
    }
}
