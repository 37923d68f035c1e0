package org.stemreach.analytics.projection;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class DeferredEventsRetryTest {

    @Test
    void aRunThatFailsWithAnErrorLeavesTheScheduleGoing() {
        // A scheduled executor never runs a task again once it threw: every failure must stay inside the run.
        Projector projector = mock(Projector.class);
        when(projector.applyDeferred()).thenThrow(new OutOfMemoryError("test")).thenThrow(new IllegalStateException("test")).thenReturn(0);
        DeferredEventsRetry retry = new DeferredEventsRetry(projector, null, Duration.ofMinutes(5));

        assertThatCode(retry::applyDeferred).doesNotThrowAnyException();
        assertThatCode(retry::applyDeferred).doesNotThrowAnyException();
        retry.applyDeferred();

        verify(projector, times(3)).applyDeferred();
    }
}
