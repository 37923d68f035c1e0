package org.stemreach.kafkaprocess;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTest {

    @Test
    void clusterIdsAreSixteenBytesAndNeverLookLikeAnOption() {
        // One in 64 random ids starts with "-"; among 10 000 some would.
        assertThat(IntStream.range(0, 10_000).mapToObj(i -> KafkaBroker.clusterId())).allSatisfy(id -> {
            assertThat(id).doesNotStartWith("-").hasSize(22);
            assertThat(Base64.getUrlDecoder().decode(id)).hasSize(16);
        });
    }
}
