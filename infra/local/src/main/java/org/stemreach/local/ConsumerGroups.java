package org.stemreach.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

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
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            admin.deleteConsumerGroups(List.of(group)).all().get(60, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false; // it never committed anything
            }
            throw new IllegalStateException("could not forget the offsets of consumer group " + group, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not forget the offsets of consumer group " + group + " within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forgetting the offsets of consumer group " + group, e);
        }
    }
}
