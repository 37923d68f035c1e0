package org.stemreach.kit.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Tuning of the outbox relay ({@code stemreach.outbox.*}).
 *
 * @param scanInterval  how often the relay scans every outbox collection for events whose hint was lost
 * @param batchSize     documents relayed per round trip
 * @param senderThreads threads that hand events to the Kafka producer (they do not wait for acknowledgements: every document of
 *                      a batch is in flight at once)
 * @param minBackoff    first wait after a failed publish
 * @param maxBackoff    longest wait between attempts while Kafka is unreachable
 * @param removalDelay  how long acknowledged events stay in their document before they are removed, together with
 *                      those of the same document acknowledged meanwhile (one update instead of one per event);
 *                      {@code 0} removes them right after they are published
 */
@ConfigurationProperties("stemreach.outbox")
public record OutboxProperties(
        @DefaultValue("30s") Duration scanInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("4") int senderThreads,
        @DefaultValue("200ms") Duration minBackoff,
        @DefaultValue("5s") Duration maxBackoff,
        @DefaultValue("1s") Duration removalDelay) {

    public OutboxProperties {
        if (removalDelay.isNegative()) {
            throw new IllegalArgumentException("stemreach.outbox.removal-delay cannot be negative");
        }
    }
}
