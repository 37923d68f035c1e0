package org.stemreach.analytics.replay;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayTest {

    @Test
    void aReplayNeedsEveryEventThereEverWas() {
        assertThatCode(() -> Replay.requireWholeLog(Map.of(new TopicPartition("stemreach.downloads", 0), 0L,
                new TopicPartition("stemreach.downloads", 1), 0L))).doesNotThrowAnyException();

        assertThatThrownBy(() -> Replay.requireWholeLog(Map.of(new TopicPartition("stemreach.downloads", 0), 0L,
                new TopicPartition("stemreach.downloads", 3), 1200L)))
                .hasMessageContaining("stemreach.downloads-3 starts at offset 1200").hasMessageContaining("nothing was rebuilt");
    }
}
