package org.stemreach.analytics.kpi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactStoreTest {

    @Test
    void refreshesAtOnceOnlyAfterALiveSizedBatchThatLeavesFewDocumentsToRead() {
        assertThat(FactStore.refreshNow(1, 3)).isTrue();
        assertThat(FactStore.refreshNow(FactStore.EAGER_REFRESH_BATCH, FactStore.EAGER_REFRESH_DOCUMENTS)).isTrue();
        assertThat(FactStore.refreshNow(FactStore.EAGER_REFRESH_BATCH + 1, 3)).as("a large batch").isFalse();
        assertThat(FactStore.refreshNow(1, FactStore.EAGER_REFRESH_DOCUMENTS + 1)).as("a small batch after large ones").isFalse();
    }
}
