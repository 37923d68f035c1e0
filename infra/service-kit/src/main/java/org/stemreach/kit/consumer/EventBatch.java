package org.stemreach.kit.consumer;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.stemreach.kit.events.CloudEventCodec;
import org.stemreach.kit.events.ReceivedEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * One poll of a batch-mode Spring Cloud Stream binding, decoded: the readable CloudEvents with where
 * they came from, and the records that could not be read (which the caller dead-letters).
 */
public record EventBatch(List<Item> items, List<Rejected> rejected) {

    /** A readable record. */
    public record Item(String topic, Integer partition, Long offset, byte[] value, ReceivedEvent event) {

        public Rejected reject(String reason) {
            return new Rejected(topic, partition, offset, value, reason);
        }
    }

    /** A record that cannot be applied, with where it came from. */
    public record Rejected(String topic, Integer partition, Long offset, byte[] value, String reason) {
    }

    public List<ReceivedEvent> events() {
        return items.stream().map(Item::event).toList();
    }

    public static EventBatch decode(Message<List<byte[]>> message, CloudEventCodec codec) {
        List<byte[]> values = message.getPayload();
        List<?> topics = header(message, KafkaHeaders.RECEIVED_TOPIC);
        List<?> partitions = header(message, KafkaHeaders.RECEIVED_PARTITION);
        List<?> offsets = header(message, KafkaHeaders.OFFSET);
        List<Item> items = new ArrayList<>(values.size());
        List<Rejected> rejected = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            byte[] value = values.get(i);
            if (value == null) {
                continue; // tombstone: nothing to apply
            }
            String topic = (String) at(topics, i);
            Integer partition = (Integer) at(partitions, i);
            Long offset = (Long) at(offsets, i);
            try {
                items.add(new Item(topic, partition, offset, value, codec.decode(value)));
            } catch (CloudEventCodec.MalformedEventException e) {
                rejected.add(new Rejected(topic, partition, offset, value, e.getMessage()));
            }
        }
        return new EventBatch(items, rejected);
    }

    private static List<?> header(Message<?> message, String name) {
        Object value = message.getHeaders().get(name);
        return value instanceof List<?> list ? list : List.of();
    }

    private static Object at(List<?> list, int index) {
        return index < list.size() ? list.get(index) : null;
    }
}
