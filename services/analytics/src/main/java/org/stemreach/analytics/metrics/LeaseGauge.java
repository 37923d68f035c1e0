package org.stemreach.analytics.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;
import org.stemreach.analytics.projection.ProjectionLease;

/**
 * Whether this instance holds the projections' lease (1) or not (0): summed over the instances, 0 means no instance
 * writes the projections (MongoDB away from all of them, say) and the figures stand still, with every instance up.
 */
@Component
public class LeaseGauge implements MeterBinder {

    static final String NAME = "stemreach.analytics.projection.lease.held";

    private final ProjectionLease lease;

    public LeaseGauge(ProjectionLease lease) {
        this.lease = lease;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(NAME, lease, held -> held.isHeld() ? 1 : 0)
                .description("1 while this instance holds the lease to write the projections").register(registry);
    }
}
