package org.stemreach.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.stemreach.testsupport.TestBackends;
import org.stemreach.testsupport.TestKafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Against the test backends' real broker: a group's committed offsets forgotten, as after a killed launcher. */
class ConsumerGroupsIT {

    private final String bootstrap = TestBackends.endpoints().kafkaBootstrap();

    @Test
    void aGroupsCommittedOffsetsAreForgottenSoThatItReadsFromTheStartAgain() throws Exception {
        String topic = "groups-" + UUID.randomUUID();
        String group = "analytics-" + UUID.randomUUID();
        TestKafka.send(bootstrap, topic, "k", "one");
        TestKafka.send(bootstrap, topic, "k", "two");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> !consumer.poll(Duration.ofMillis(200)).isEmpty());
            consumer.commitSync();
        }
        assertThat(committed(group)).as("read and committed").isNotEmpty();

        assertThat(ConsumerGroups.forgetOffsets(bootstrap, group)).isTrue();

        assertThat(committed(group)).as("nothing committed any more: the group starts from its start offset").isEmpty();
        assertThat(ConsumerGroups.forgetOffsets(bootstrap, group)).as("nothing left to forget").isFalse();
    }

    @Test
    void aGroupWithAMemberLeftIsForgottenOnceItIsEmptyAndNotBefore() throws Exception {
        String topic = "groups-" + UUID.randomUUID();
        String group = "analytics-" + UUID.randomUUID();
        TestKafka.send(bootstrap, topic, "k", "one");
        KafkaConsumer<String, String> member = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        member.subscribe(List.of(topic));
        await().atMost(Duration.ofSeconds(30)).until(() -> !member.poll(Duration.ofMillis(200)).isEmpty());
        member.commitSync();

        // Still a member (a consumer killed without leaving is one until its session times out): not forgotten yet.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConsumerGroups.forgetOffsets(bootstrap, group, Duration.ofSeconds(3)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(committed(group)).isNotEmpty();

        // Once it has left, within the patience given, it is.
        var forgetting = java.util.concurrent.CompletableFuture.supplyAsync(() -> ConsumerGroups.forgetOffsets(bootstrap, group, Duration.ofSeconds(60)));
        member.close();
        assertThat(forgetting.get(90, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(committed(group)).isEmpty();
    }

    private Map<?, ?> committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        }
    }
}
