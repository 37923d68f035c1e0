package org.stemreach.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.Map;

/**
 * The real Kafka broker and Mongo-wire server of this test JVM, started once and shared by every
 * test context. Decides once: Testcontainers ({@code apache/kafka}, {@code mongo} as a replica set)
 * when a Docker engine answers, otherwise {@link EmbeddedKafkaKraftBroker} (a real KRaft broker in the
 * JVM) and mongo-java-server (memory backend, oplog on). {@code -Dinfra.forceLocal=true} forces the
 * fallback. Tests never skip for lack of Docker; the log says which backends ran.
 */
public final class TestBackends {

    public static final String FORCE_LOCAL = "infra.forceLocal";
    public static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    public static final String MONGO_IMAGE = "mongo:8.0";

    private static final Logger log = LoggerFactory.getLogger("test-backends");
    private static Endpoints endpoints;
    private static KafkaContainer kafkaContainer;
    private static MongoDBContainer mongoContainer;
    private static EmbeddedKafkaKraftBroker embeddedKafka;
    private static MongoServer mongoServer;

    private TestBackends() {
    }

    /**
     * Where the shared backends are.
     *
     * @param kafkaBootstrap Kafka bootstrap servers
     * @param mongoUri       connection string without a database name
     * @param containers     true when Testcontainers runs them
     */
    public record Endpoints(String kafkaBootstrap, String mongoUri, boolean containers, String description) {

        /** A connection string for one database. */
        public String mongoUri(String database) {
            return mongoUri + "/" + database;
        }
    }

    public static synchronized Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = useContainers() ? startContainers() : startLocal();
            log.info("Integration backends: {}", endpoints.description());
            Runtime.getRuntime().addShutdownHook(new Thread(TestBackends::stop, "test-backends-stop"));
        }
        return endpoints;
    }

    public static synchronized KafkaContainer kafkaContainer() {
        endpoints();
        return kafkaContainer;
    }

    public static synchronized MongoDBContainer mongoContainer() {
        endpoints();
        return mongoContainer;
    }

    static boolean useContainers() {
        if (Boolean.getBoolean(FORCE_LOCAL)) {
            log.info("-D{}=true: using the local fallback backends", FORCE_LOCAL);
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Endpoints startContainers() {
        kafkaContainer = new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE));
        mongoContainer = new MongoDBContainer(DockerImageName.parse(MONGO_IMAGE));
        kafkaContainer.start();
        mongoContainer.start();
        String mongo = mongoContainer.getConnectionString();
        return new Endpoints(kafkaContainer.getBootstrapServers(), mongo, true,
                "Testcontainers (Docker engine found): Kafka " + KAFKA_IMAGE + " at " + kafkaContainer.getBootstrapServers()
                        + ", MongoDB " + MONGO_IMAGE + " replica set at " + mongo);
    }

    private static Endpoints startLocal() {
        embeddedKafka = new EmbeddedKafkaKraftBroker(1, 4);
        embeddedKafka.brokerProperties(Map.of(
                        "auto.create.topics.enable", "true",
                        "group.initial.rebalance.delay.ms", "0",
                        "log.retention.ms", "-1"));
        embeddedKafka.afterPropertiesSet();
        MemoryBackend backend = new MemoryBackend();
        mongoServer = new MongoServer(backend);
        mongoServer.enableOplog();
        String mongo = mongoServer.bindAndGetConnectionString();
        String reason = Boolean.getBoolean(FORCE_LOCAL) ? "forced by -D" + FORCE_LOCAL : "no Docker engine";
        return new Endpoints(embeddedKafka.getBrokersAsString(), mongo, false,
                "local fallback (" + reason + "): Kafka EmbeddedKafkaKraftBroker (real KRaft broker in this JVM) at "
                        + embeddedKafka.getBrokersAsString() + ", Mongo-wire mongo-java-server (memory backend, oplog on) at " + mongo);
    }

    private static synchronized void stop() {
        if (embeddedKafka != null) {
            embeddedKafka.destroy();
        }
        if (mongoServer != null) {
            mongoServer.shutdownNow();
        }
        if (kafkaContainer != null) {
            kafkaContainer.stop();
        }
        if (mongoContainer != null) {
            mongoContainer.stop();
        }
    }
}
