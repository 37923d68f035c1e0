package org.stemreach.analytics.dashboard;

import org.junit.jupiter.api.Test;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveUpdatesTest {

    private static Caller caller(String subject, String... grants) {
        return new Caller(subject, subject, Set.of(grants));
    }

    @Test
    void eachReaderHearsOnlyOfTheNetworksTheyMaySee() {
        Set<String> changed = Set.of("ISTEM", "STEMBASIS");

        assertThat(LiveUpdates.visibleTo(caller("ops", "OPS:ISTEM"), new java.util.TreeSet<>(changed))).isEqualTo("ISTEM");
        assertThat(LiveUpdates.visibleTo(caller("admin", "ADMIN"), new java.util.TreeSet<>(changed))).isEqualTo("ISTEM,STEMBASIS");
        assertThat(LiveUpdates.visibleTo(caller("other", "OPS:OTHER"), new java.util.TreeSet<>(changed))).isEmpty();
    }

    @Test
    void onlyOperationsTeamsListenAndEachUserWithAFewStreamsAtMost() {
        LiveUpdates live = new LiveUpdates();

        assertThatThrownBy(() -> live.subscribe(caller("coach", "COACH:ISTEM")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        assertThatThrownBy(() -> live.subscribe(caller("nobody")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(403));
        for (int i = 0; i < LiveUpdates.PER_USER; i++) {
            live.subscribe(caller("ops", "OPS:ISTEM"));
        }
        assertThatThrownBy(() -> live.subscribe(caller("ops", "OPS:ISTEM")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(429));
        live.subscribe(caller("colleague", "OPS:ISTEM")); // another user still may
        assertThat(live.open()).isEqualTo(LiveUpdates.PER_USER + 1);
    }

    @Test
    void aStreamThatEndedIsLetGoAtTheNextHeartbeatAndNoLongerCounts() {
        LiveUpdates live = new LiveUpdates();
        var first = live.subscribe(caller("ops", "OPS:ISTEM"));
        for (int i = 1; i < LiveUpdates.PER_USER; i++) {
            live.subscribe(caller("ops", "OPS:ISTEM"));
        }
        first.complete(); // the page was closed

        live.heartbeat();

        assertThat(live.open()).isEqualTo(LiveUpdates.PER_USER - 1);
        live.subscribe(caller("ops", "OPS:ISTEM")); // the page opened again
    }
}
