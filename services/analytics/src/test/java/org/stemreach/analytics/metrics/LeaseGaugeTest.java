package org.stemreach.analytics.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.stemreach.analytics.projection.ProjectionLease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class LeaseGaugeTest {

    @Test
    void followsWhetherThisInstanceHoldsTheLease() {
        ProjectionLease lease = mock(ProjectionLease.class);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new LeaseGauge(lease).bindTo(registry);

        when(lease.isHeld()).thenReturn(true);
        assertThat(registry.get(LeaseGauge.NAME).gauge().value()).isEqualTo(1.0);
        when(lease.isHeld()).thenReturn(false);
        assertThat(registry.get(LeaseGauge.NAME).gauge().value()).isEqualTo(0.0);
    }
}
