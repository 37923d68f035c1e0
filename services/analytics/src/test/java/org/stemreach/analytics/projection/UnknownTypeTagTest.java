package org.stemreach.analytics.projection;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Records of types analytics does not know are counted under a few tags, not one meter per type a record may carry. */
class UnknownTypeTagTest {

    @Test
    void aNewerEventOfAKnownSourceIsTaggedWithItsDomainAnythingElseAsOther() {
        assertThat(Projector.unknownTypeTag("stemreach.downloads.download-recorded.v2")).isEqualTo("stemreach.downloads.*");
        assertThat(Projector.unknownTypeTag("stemreach.coaching.session-held.v1")).as("a source whose events come later")
                .isEqualTo("stemreach.coaching.*");
        assertThat(Projector.unknownTypeTag("stemreach.elsewhere.thing-done.v1")).isEqualTo("other");
        assertThat(Projector.unknownTypeTag("com.example.whatever")).isEqualTo("other");
        assertThat(Projector.unknownTypeTag("")).isEqualTo("other");
    }

    @Test
    void randomTypesMakeNoNewTags() {
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            tags.add(Projector.unknownTypeTag("stemreach.registrations." + UUID.randomUUID()));
            tags.add(Projector.unknownTypeTag(UUID.randomUUID().toString()));
        }
        assertThat(tags).containsExactlyInAnyOrder("stemreach.registrations.*", "other");
    }

    @Test
    void everyTagAnIgnoredEventCanHaveIsKnownBeforehandSoItsCounterStartsAtZero() {
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            tags.add(Projector.unknownTypeTag("stemreach.registrations." + UUID.randomUUID()));
            tags.add(Projector.unknownTypeTag("stemreach.downloads." + UUID.randomUUID()));
            tags.add(Projector.unknownTypeTag(UUID.randomUUID().toString()));
        }
        assertThat(Projector.ignoredTags().get("unknown-type")).containsAll(tags);
        assertThat(Projector.ignoredTags().get("unusable-data")).contains("stemreach.downloads.download-recorded.v1");
    }
}
