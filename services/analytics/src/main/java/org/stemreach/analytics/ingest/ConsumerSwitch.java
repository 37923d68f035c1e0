package org.stemreach.analytics.ingest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.stereotype.Component;
import org.stemreach.analytics.kpi.FactStore;
import org.stemreach.analytics.projection.Generations;
import org.stemreach.analytics.projection.ProjectionLease;
import org.stemreach.analytics.replay.Replay;

/**
 * Consumes only while this instance holds the {@link ProjectionLease}: the {@code events-in-0} binding does not start
 * with the application (application.yml) but when the lease is taken, after the generation and the facts in memory
 * are read again (another instance may have written them meanwhile); it stops when the lease is lost.
 */
@Component
class ConsumerSwitch {

    static final String BINDING = "events-in-0";

    ConsumerSwitch(ProjectionLease lease, ObjectProvider<BindingsLifecycleController> bindings, Generations generations, FactStore facts,
                   Replay replay) {
        lease.onAcquired(() -> {
            generations.reload(replay.isRunning());
            facts.invalidate();
            bindings.getObject().changeState(BINDING, BindingsLifecycleController.State.STARTED);
        });
        lease.onLost(() -> bindings.getObject().changeState(BINDING, BindingsLifecycleController.State.STOPPED));
    }
}
