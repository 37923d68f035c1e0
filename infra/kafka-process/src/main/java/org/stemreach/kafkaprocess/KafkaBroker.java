package org.stemreach.kafkaprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node), run from the
 * jars of the {@code infra/kafka-broker} module in a child JVM, on fixed ports. Its log directory lives in the
 * given data directory, so topics and offsets survive a restart. The local platform runs on it, and tests that
 * stop and restart Kafka use it too.
 */
public final class KafkaBroker {

    private final Path classpathDir;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private ChildProcess process;

    public KafkaBroker(Path classpathDir, Path dataDir, int port, int controllerPort) {
        this.classpathDir = classpathDir;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public void start(Path logDir, Duration timeout) {
        start(logDir, timeout, pid -> { });
    }

    /** The same, telling {@code spawned} the broker's pid as soon as its process runs, before it is ready. */
    public void start(Path logDir, Duration timeout, java.util.function.LongConsumer spawned) {
        if (!Files.isDirectory(classpathDir)) {
            throw new IllegalStateException("Kafka's class path is missing at " + classpathDir + ": build first (./mvnw -DskipTests install)");
        }
        try {
            Files.createDirectories(dataDir);
            Path properties = dataDir.resolve("server.properties");
            Files.writeString(properties, serverProperties(), StandardCharsets.UTF_8);
            Path log4j = dataDir.resolve("log4j2.properties");
            Files.writeString(log4j, LOG4J, StandardCharsets.UTF_8);
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                ChildProcess format = ChildProcess.start("kafka-format", java(log4j, "kafka.tools.StorageTool", "format",
                                "-t", clusterId(), "-c", properties.toString(), "--standalone", "--ignore-formatted"),
                        Map.of(), dataDir, logDir.resolve("kafka-format.log"), line -> false);
                int exit = format.awaitExit(timeout);
                if (exit != 0) {
                    throw new IllegalStateException("formatting Kafka's storage failed (exit " + exit + "); see " + format.logFile());
                }
            }
            process = ChildProcess.start("kafka", java(log4j, "kafka.Kafka", properties.toString()), Map.of(), dataDir,
                    logDir.resolve("kafka.log"), line -> line.contains("Kafka Server started"));
            spawned.accept(process.pid());
            process.awaitReadyLine(timeout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    public ChildProcess process() {
        return process;
    }

    private List<String> java(Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx192m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Dlog4j2.configurationFile=" + log4j, "-Dlog4j2.shutdownHookEnabled=false",
                "-cp", classpathDir.toAbsolutePath() + "/*", mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private String serverProperties() {
        return String.join("\n",
                "# Written by the STEM Reach local platform at every start.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dataDir.resolve("logs").toAbsolutePath(),
                "num.partitions=4",
                "auto.create.topics.enable=true",
                "log.retention.ms=-1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.dedupe.buffer.size=8388608",
                "broker.session.timeout.ms=3000",
                "broker.heartbeat.interval.ms=1000",
                "");
    }

    /**
     * A Kafka cluster id: 16 random bytes, URL-safe Base64 without padding (as kafka-storage random-uuid), and, as
     * Kafka's own {@code Uuid.randomUuid()} makes sure, not starting with "-": the storage tool would read such an id
     * as an option and fail (once in 64 starts).
     */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    private static final String LOG4J = String.join("\n",
            "status = warn",
            "appender.console.type = Console",
            "appender.console.name = STDOUT",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = warn",
            "rootLogger.appenderRef.stdout.ref = STDOUT",
            "logger.server.name = kafka.server.KafkaRaftServer",
            "logger.server.level = info",
            "logger.started.name = kafka.server.BrokerServer",
            "logger.started.level = info",
            "");
}
