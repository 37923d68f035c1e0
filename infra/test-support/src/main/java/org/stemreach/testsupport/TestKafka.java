package org.stemreach.testsupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

/** Plain Kafka clients on the shared test broker: what another service would send, and what really is on a topic. */
public final class TestKafka {

    private TestKafka() {
    }

    /** Sends one record to the shared test broker and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String value) {
        send(TestBackends.endpoints().kafkaBootstrap(), topic, key, value);
    }

    /** Sends one record to the broker at {@code bootstrap} and waits for its acknowledgement. */
    public static void send(String bootstrap, String topic, String key, String value) {
        sendBytes(bootstrap, topic, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one record whose value is any bytes (not necessarily text) to the shared test broker. */
    public static void sendBytes(String topic, String key, byte[] value) {
        sendBytes(TestBackends.endpoints().kafkaBootstrap(), topic, key, value);
    }

    private static void sendBytes(String bootstrap, String topic, String key, byte[] value) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e.getCause());
        }
    }

    /**
     * Every record now on {@code topic} whose value matches, read from the beginning up to the current end
     * of each partition (no consumer group involved); fails rather than answer with a part of them.
     */
    public static List<ConsumerRecord<String, String>> records(String topic, Predicate<String> valueMatches) {
        return records(TestBackends.endpoints().kafkaBootstrap(), topic, valueMatches);
    }

    /** The same on the broker at {@code bootstrap}. */
    public static List<ConsumerRecord<String, String>> records(String bootstrap, String topic, Predicate<String> valueMatches) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : rawRecords(bootstrap, topic)) {
            String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            if (value != null && valueMatches.test(value)) {
                matching.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                        record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(), value,
                        record.headers(), record.leaderEpoch()));
            }
        }
        return matching;
    }

    /** Every record on a topic of the shared test broker, its value as the bytes it is. */
    public static List<ConsumerRecord<String, byte[]>> rawRecords(String topic) {
        return rawRecords(TestBackends.endpoints().kafkaBootstrap(), topic);
    }

    private static List<ConsumerRecord<String, byte[]>> rawRecords(String bootstrap, String topic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return all;
            }
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    // A part of the topic would make a check that something is absent pass without having looked.
                    throw new IllegalStateException("could not read all of " + topic + " within 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(all::add);
            }
        }
        return all;
    }
}
