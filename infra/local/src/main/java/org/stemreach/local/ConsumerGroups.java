package org.stemreach.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;

import java.time.Duration;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The local broker's consumer groups, as the launcher needs them. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /**
     * Forgets a group's committed offsets (the group must have no members: its service is not started yet), so that it
     * reads its topics again from their start. For analytics after a launcher was killed: MongoDB's last moment of
     * changes may be gone while their offsets were committed in Kafka; read again, the events it has (kept with their
     * marks) are skipped and the ones it lost are applied, each once.
     *
     * @return whether the group had offsets to forget
     */
    static boolean forgetOffsets(String bootstrapServers, String group) {
        return forgetOffsets(bootstrapServers, group, Duration.ofSeconds(90));
    }

    /**
     * The same, waiting up to {@code patience} for members the broker still counts (consumers killed without leaving,
     * remembered until their session times out, 45 s by default).
     */
    static boolean forgetOffsets(String bootstrapServers, String group, Duration patience) {
        long giveUp = System.nanoTime() + patience.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            while (true) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get(60, TimeUnit.SECONDS);
                    return true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GroupIdNotFoundException) {
                        return false; // it never committed anything
                    }
                    if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() - giveUp > 0) {
                        throw new IllegalStateException("could not forget the offsets of consumer group " + group, e.getCause());
                    }
                    Thread.sleep(2_000); // a wait for the broker, not in a test
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not forget the offsets of consumer group " + group + " within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forgetting the offsets of consumer group " + group, e);
        }
    }
}
