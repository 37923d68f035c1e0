package org.stemreach.local;

import org.stemreach.kafkaprocess.ChildProcess;
import org.stemreach.kafkaprocess.KafkaBroker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.stemreach.demo.DemoContext;
import org.stemreach.demo.DemoYear;
import org.stemreach.model.period.ReportingPeriodScheme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The local STEM Reach platform without Docker: a Mongo-wire server persisted to the data directory (in
 * this JVM), a real Kafka broker in KRaft mode (child JVM, data in the data directory), and every service
 * in its own JVM. Ctrl-C stops everything; starting again keeps the data.
 *
 * <pre>java -jar infra/local/target/stemreach-local.jar</pre>
 * Environment: {@code STEMREACH_HOME} (the repository, default: the working directory),
 * {@code STEMREACH_DATA} (default: {@code <home>/data}).
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger("stemreach-local");
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(240);

    /**
     * What to start and where.
     *
     * @param home               the repository (service jars and the broker class path are found below it)
     * @param dataDir            where Kafka and Mongo keep their data, and the logs go
     * @param serviceEnvironment extra environment for every service
     */
    public record Settings(Path home, Path dataDir, int kafkaPort, int kafkaControllerPort, int mongoPort, int mailPort,
                           int mailWebPort, List<ServiceSpec> services, Map<String, String> serviceEnvironment) {

        public static Settings defaults(Path home) {
            Path data = dataDirOf(home, System.getenv("STEMREACH_DATA"), "memory".equalsIgnoreCase(System.getenv("STEMREACH_MONGO")));
            // The demo year is loaded through the public download API with simulated times: local platform only.
            return new Settings(home, data, port("STEMREACH_KAFKA_PORT", 9092), port("STEMREACH_KAFKA_CONTROLLER_PORT", 9093),
                    port("STEMREACH_MONGO_PORT", 27017), port("STEMREACH_MAIL_PORT", 3025), port("STEMREACH_MAIL_WEB_PORT", 8025),
                    ServiceSpec.ALL.stream().map(spec -> spec.withPort(port(spec.portVariable(), spec.port()))).toList(),
                    Map.of("STEMREACH_DOWNLOADS_ACCEPT_SIMULATED_TIME", "true"));
        }

        /**
         * {@code STEMREACH_DATA}, else {@code <home>/data}; with MongoDB in memory {@code <home>/data-memory}, whose Kafka
         * data starts afresh each time: Kafka's events and offsets kept beside a database that is not would be counted
         * against nothing (and the data kept in {@code data/} stays as it was).
         */
        static Path dataDirOf(Path home, String configured, boolean mongoInMemory) {
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            return home.resolve(mongoInMemory ? "data-memory" : "data");
        }

        /** A port of the platform's own infrastructure, from the environment when one is in use here (a local MongoDB, say). */
        static int port(String variable, int standard) {
            String value = System.getenv(variable);
            if (value == null || value.isBlank()) {
                return standard;
            }
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(variable + " is not a port number: " + value);
            }
        }

        /** The platform in {@code dataDir}, on free random ports, with only the named services (for tests). */
        public static Settings onFreePorts(Path home, Path dataDir, List<String> serviceNames) {
            List<ServiceSpec> chosen = ServiceSpec.ALL.stream().filter(s -> serviceNames.contains(s.name()))
                    .map(s -> s.withPort(Launch.freePort())).toList();
            return new Settings(home, dataDir, Launch.freePort(), Launch.freePort(), Launch.freePort(), Launch.freePort(),
                    Launch.freePort(), chosen, Map.of());
        }

        public Settings withServiceEnvironment(Map<String, String> environment) {
            return new Settings(home, dataDir, kafkaPort, kafkaControllerPort, mongoPort, mailPort, mailWebPort, services, Map.copyOf(environment));
        }
    }

    private final Settings settings;
    private final MongoWireServer mongo;
    private final KafkaBroker kafka;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final MailCatcher mail;
    private final LeftoverProcesses leftovers;

    private volatile boolean closing;
    /** The analytics service, and its consumer group. */
    private static final String ANALYTICS = "analytics";

    private LocalPlatform(Settings settings) {
        this.settings = settings;
        this.mongo = new MongoWireServer(settings.dataDir().resolve("mongo").resolve("stemreach.mv.db"), settings.mongoPort(),
                "memory".equalsIgnoreCase(System.getenv("STEMREACH_MONGO")));
        this.kafka = new KafkaBroker(settings.home().resolve("infra/kafka-broker/target/lib"),
                settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
        this.mail = new MailCatcher(settings.mailPort(), settings.mailWebPort());
        this.leftovers = new LeftoverProcesses(settings.dataDir().resolve("run").resolve("processes.txt"));
        for (ServiceSpec spec : settings.services()) {
            services.add(new ServiceProcess(spec, settings.home().resolve("services").resolve(spec.name())
                    .resolve("target").resolve(spec.name() + ".jar")));
        }
    }

    /** Starts everything and returns when every service is ready. */
    public static LocalPlatform start(Settings settings) {
        LocalPlatform platform = new LocalPlatform(settings);
        try {
            platform.startAll();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll() {
        long started = System.nanoTime();
        boolean unclean = leftovers.stopLeftovers() && !mongoInMemory();
        if (unclean) {
            // The Mongo-wire server runs in the launcher and writes to disk a moment after each change; Kafka, a process of
            // its own, kept every event it had.
            log.warn("the last launcher ended without stopping the platform (killed?): MongoDB's changes of its last moment "
                    + "may be lost while Kafka kept their events. Analytics reads its topics again (what it has is skipped, what "
                    + "it lost is applied; records it cannot read go to the dead-letter topic once more); a registration or "
                    + "project change of that moment may be gone from its service. To start afresh, remove {}",
                    settings.dataDir().toAbsolutePath());
        }
        Launch.requireFreePort(settings.mongoPort(), "MongoDB", "STEMREACH_MONGO_PORT");
        Launch.requireFreePort(settings.mailPort(), "the mail catcher (SMTP)", "STEMREACH_MAIL_PORT");
        Launch.requireFreePort(settings.mailWebPort(), "the mail catcher (web)", "STEMREACH_MAIL_WEB_PORT");
        Launch.requireFreePort(settings.kafkaPort(), "Kafka", "STEMREACH_KAFKA_PORT");
        Launch.requireFreePort(settings.kafkaControllerPort(), "the Kafka controller", "STEMREACH_KAFKA_CONTROLLER_PORT");
        services.forEach(s -> Launch.requireFreePort(s.spec().port(), s.spec().name(), s.spec().portVariable()));
        Path logs = logDir();
        log.info("data directory: {}", settings.dataDir().toAbsolutePath());
        requireNotClosing();
        // Before anything in it is touched (the demo progress, Kafka's data).
        requireNotKeptData(settings.dataDir(), mongoInMemory());
        if (requireDataTogether(settings.dataDir(), mongoInMemory())) {
            // Nothing kept: neither is what an earlier demo load did, nor (MongoDB in memory) the events of an earlier run.
            try {
                Files.deleteIfExists(demoProgressFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (mongoInMemory() && Files.isDirectory(settings.dataDir().resolve("kafka"))) {
                log.info("MongoDB in memory: Kafka starts afresh too ({} removed)", settings.dataDir().resolve("kafka"));
                deleteRecursively(settings.dataDir().resolve("kafka"));
            }
            if (!mongoInMemory()) {
                firstStartBegins(settings.dataDir());
            }
        }
        mongo.start();
        log.info("Mongo-wire server (mongo-java-server, {}) at {}", mongo.description(), mongo.connectionString());
        mail.start();
        requireNotClosing();
        // Noted as soon as it runs: a launcher killed while Kafka starts leaves it for the next start to stop.
        kafka.start(logs, KAFKA_TIMEOUT, leftovers::started);
        log.info("Kafka broker (KRaft) at {} [pid {}]", kafka.bootstrapServers(), kafka.process().pid());
        if (!mongoInMemory()) {
            firstStartDone(settings.dataDir());
        }
        if (unclean && services.stream().anyMatch(s -> s.spec().name().equals(ANALYTICS))
                && ConsumerGroups.forgetOffsets(kafka.bootstrapServers(), ANALYTICS)) {
            log.info("analytics' offsets forgotten: it reads its topics again from their start");
        }
        for (ServiceProcess service : services) {
            // Under the lock close() takes: a Ctrl-C either comes before (nothing more is started) or after (it stops this
            // one too), never between the start and its note in the list of processes.
            synchronized (this) {
                requireNotClosing();
                service.start(kafka.bootstrapServers(), mongo.connectionString(), settings.home(), logs, environmentOf(service.spec()));
                leftovers.started(service.process().pid());
            }
        }
        List<CompletableFuture<Void>> ready = services.stream()
                .map(s -> CompletableFuture.runAsync(() -> {
                    s.awaitReady(SERVICE_TIMEOUT);
                    log.info("{} ready at {} [pid {}]", s.spec().name(), s.baseUrl(), s.process().pid());
                }))
                .toList();
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
        log.info("all {} services ready in {} s", services.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    /** Services trust the gateway's keys; the gateway routes to where the services listen. */
    private Map<String, String> environmentOf(ServiceSpec spec) {
        Map<String, String> environment = new java.util.LinkedHashMap<>(settings.serviceEnvironment());
        int gatewayPort = settings.services().stream().filter(ServiceSpec::isGateway).findFirst()
                .map(ServiceSpec::port).orElse(8080);
        if (spec.isGateway()) {
            for (ServiceSpec target : ServiceSpec.ALL) {
                if (!target.isGateway()) {
                    int port = settings.services().stream().filter(s -> s.name().equals(target.name())).findFirst()
                            .map(ServiceSpec::port).orElse(target.port());
                    environment.put("STEMREACH_GATEWAY_ROUTES_" + target.gatewayRoute().toUpperCase() + "_URI", "http://localhost:" + port);
                }
            }
        } else {
            environment.put("STEMREACH_SECURITY_JWK_SET_URI", "http://localhost:" + gatewayPort + "/.well-known/jwks.json");
            environment.put("SPRING_MAIL_HOST", "127.0.0.1");
            environment.put("SPRING_MAIL_PORT", String.valueOf(mail.smtpPort()));
            environment.put("STEMREACH_REGISTRATIONS_PUBLIC_BASE_URL", "http://localhost:" + gatewayPort + "/registrations");
        }
        return environment;
    }

    public Path logDir() {
        return settings.dataDir().resolve("logs");
    }

    public String kafkaBootstrap() {
        return kafka.bootstrapServers();
    }

    public String mongoUri() {
        return mongo.connectionString();
    }

    public String url(String service) {
        return services.stream().filter(s -> s.spec().name().equals(service)).findFirst()
                .map(ServiceProcess::baseUrl)
                .orElseThrow(() -> new IllegalArgumentException("no service " + service));
    }

    /** Resident memory of every process of the platform, in MB (Linux). */
    public long totalRssMegabytes() {
        long total = Launch.rssMegabytes(ProcessHandle.current().pid()).orElse(0);
        total += rss(kafka.process());
        for (ServiceProcess service : services) {
            total += rss(service.process());
        }
        return total;
    }

    private static long rss(ChildProcess process) {
        if (process == null) {
            return 0;
        }
        OptionalLong rss = Launch.rssMegabytes(process.pid());
        return rss.orElse(0);
    }

    /** Stops the services, then Kafka, then the Mongo-wire server (which commits its file). */
    @Override
    public void close() {
        // Seen by a start still under way (the shutdown hook may run during it): it starts nothing more.
        closing = true;
        synchronized (this) {
            stopAll();
        }
    }

    private void stopAll() {
        services.parallelStream().forEach(ServiceProcess::stop);
        kafka.stop();
        mongo.stop();
        mail.stop();
        leftovers.clear();
    }

    /**
     * Kafka's topics and MongoDB's documents belong together: the services' state and analytics' projections are in
     * MongoDB, the events they came from in Kafka. With only one of the two kept, a replay would count the demo year twice
     * (or lose everything), so the platform refuses to start rather than mix them.
     *
     * @return whether neither is kept (a first start, or MongoDB in memory)
     */
    /** MongoDB in memory starts Kafka afresh: never in a directory whose MongoDB data is kept. */
    static void requireNotKeptData(Path dataDir, boolean mongoInMemory) {
        if (mongoInMemory && Files.exists(dataDir.resolve("mongo").resolve("stemreach.mv.db"))) {
            throw new IllegalStateException(dataDir.toAbsolutePath() + " holds kept data, and STEMREACH_MONGO=memory "
                    + "starts Kafka afresh: name another directory with STEMREACH_DATA (or leave it unset: data-memory/)");
        }
    }

    static boolean requireDataTogether(Path dataDir, boolean mongoInMemory) {
        if (mongoInMemory) {
            return true;
        }
        boolean kafka = Files.exists(dataDir.resolve("kafka").resolve("logs").resolve("meta.properties"));
        boolean mongo = Files.exists(dataDir.resolve("mongo").resolve("stemreach.mv.db"));
        boolean firstStart = Files.exists(dataDir.resolve(FIRST_START));
        if (kafka != mongo && firstStart) {
            // A first start stopped before both were there: nothing was made from them yet, so it starts afresh.
            Path partial = dataDir.resolve(kafka ? "kafka" : "mongo");
            log.warn("{} is left from a first start that did not finish: removed, the platform starts afresh", partial);
            deleteRecursively(partial);
            return true;
        }
        if (kafka != mongo) {
            throw new IllegalStateException(dataDir.resolve(kafka ? "mongo" : "kafka") + " is missing while " + dataDir.resolve(kafka ? "kafka" : "mongo")
                    + " is kept: they belong together (the events and the state made from them). Delete all of " + dataDir
                    + " to start afresh.");
        }
        if (kafka) {
            firstStartDone(dataDir); // both there (a first start stopped just before it said so)
        }
        return !kafka;
    }

    /**
     * Written before a first start creates anything, removed once Kafka and MongoDB both hold their data: while it is
     * there, one without the other is a first start's leftover (removed); without it, one without the other is refused.
     */
    static final String FIRST_START = "first-start-under-way";

    static void firstStartBegins(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve(FIRST_START), "A first start is creating Kafka's and MongoDB's data here.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void firstStartDone(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FIRST_START));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + directory, e);
        }
    }

    private static boolean mongoInMemory() {
        return "memory".equalsIgnoreCase(System.getenv("STEMREACH_MONGO"));
    }

    /** Where the demo load keeps what it did (beside the data it belongs to). */
    private Path demoProgressFile() {
        return settings.dataDir().resolve("demo").resolve("progress.properties");
    }

    private void requireNotClosing() {
        if (closing) {
            throw new IllegalStateException("stopping: nothing more is started");
        }
    }

    public static void main(String[] args) {
        Path home = Optional.ofNullable(System.getenv("STEMREACH_HOME")).map(Path::of).orElse(Path.of("").toAbsolutePath());
        if (!Files.isDirectory(home.resolve("services"))) {
            System.err.println("Run this from the STEM Reach repository (or set STEMREACH_HOME): no services/ in " + home);
            System.exit(2);
        }
        Settings settings = Settings.defaults(home);
        // Ctrl-C reaches only this launcher, whose shutdown hook below stops the children in order.
        org.stemreach.kafkaprocess.ChildProcess.startInOwnSessions(true);
        LocalPlatform platform = new LocalPlatform(settings);
        // Before anything starts: stopped during its start (Ctrl-C, kill), it stops what already runs.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping STEM Reach ...");
            platform.close();
            System.out.println(mongoInMemory() ? "Stopped. MongoDB was in memory: nothing is kept (logs in "
                    + platform.logDir().toAbsolutePath() + ")" : "Stopped. Data kept in " + settings.dataDir().toAbsolutePath());
        }, "stemreach-stop"));
        try {
            platform.startAll();
        } catch (RuntimeException e) {
            if (platform.closing) {
                return; // stopping already (the shutdown hook runs)
            }
            System.err.println("STEM Reach could not start: " + e.getMessage());
            platform.close();
            System.exit(1);
            return;
        }
        printWelcome(platform, settings);
        if (!"false".equalsIgnoreCase(System.getenv("STEMREACH_DEMO"))) {
            Thread demo = new Thread(platform::loadDemoYear, "stemreach-demo");
            demo.setDaemon(true);
            demo.start();
        }
        platform.watch();
    }

    private static void printWelcome(LocalPlatform platform, Settings settings) {
        StringBuilder text = new StringBuilder("\nSTEM Reach is running: open http://localhost:" + settings.services().stream()
                .filter(ServiceSpec::isGateway).findFirst().map(ServiceSpec::port).orElse(8080)
                + " (sign in as ops-istem, ops-stembasis, coach-stembasis or admin; password stemreach).\n"
                + "Press Ctrl-C to stop (" + (mongoInMemory() ? "MongoDB in memory: nothing is kept" : "data is kept") + ").\n\n");
        for (ServiceProcess service : platform.services) {
            text.append(String.format("  %-22s %-24s %s%n", service.spec().name(), service.baseUrl(), service.spec().description()));
        }
        text.append(String.format("%n  %-22s %s%n", "Kafka", platform.kafkaBootstrap()));
        text.append(String.format("  %-22s %s%n", "MongoDB (wire)", platform.mongoUri()));
        text.append(String.format("  %-22s %s%n", "mails sent", platform.mail.url()));
        text.append(String.format("  %-22s %s%n", "logs", platform.logDir().toAbsolutePath()));
        text.append(String.format("  %-22s %d MB resident in all%n", "memory", platform.totalRssMegabytes()));
        int gatewayPort = settings.services().stream().filter(ServiceSpec::isGateway).findFirst().map(ServiceSpec::port).orElse(8080);
        var period = ReportingPeriodScheme.DEFAULT.periodOf(Instant.now());
        text.append(String.format("%n  KPIs now: curl -u admin:stemreach 'http://localhost:%d/analytics/api/kpis?network=ALL&period=%s'%n",
                gatewayPort, period.label()));
        if (Duration.between(period.from().atStartOfDay(ReportingPeriodScheme.DEFAULT.zone()).toInstant(), Instant.now()).toDays() < 120) {
            // A young period has held little yet: most of the demo year lies in the one before (choose it on the dashboard).
            text.append(String.format("  the period before (period %s began %s): ...&period=%s%n", period.label(), period.from(),
                    ReportingPeriodScheme.DEFAULT.previous(period).label()));
        }
        System.out.println(text);
    }

    /**
     * Loads the demo year through the services' APIs (idempotent: skipped where its data is there already), so the
     * dashboards show a realistic year on first start.
     */
    public void loadDemoYear() {
        long started = System.nanoTime();
        log.info("loading the demo year (STEMREACH_DEMO=false to skip) ...");
        try {
            Map<String, String> direct = new java.util.LinkedHashMap<>();
            for (ServiceProcess service : services) {
                direct.put(service.spec().name(), service.baseUrl());
            }
            int sent = DemoYear.load(new DemoContext(url("gateway"), direct, Clock.systemUTC(), mongoInMemory() ? null : demoProgressFile()));
            if (sent == 0) {
                log.info("demo year: loaded before (kept in {}), nothing sent again", demoProgressFile());
            } else {
                log.info("demo year sent in {} s; analytics takes it in within a minute, and the dashboards follow live",
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
        } catch (Exception e) {
            if (closing) {
                log.info(mongoInMemory() ? "demo year: stopped with the platform" : "demo year: stopped with the platform; the next start goes on where it stopped");
            } else {
                log.error(mongoInMemory() ? "the demo year could not be loaded completely: {}"
                        : "the demo year could not be loaded completely (the next start goes on where it stopped): {}", e.toString(), e);
            }
        }
    }

    /** Blocks, reporting any child that dies, until the platform is stopped (whose children it then does not report). */
    private void watch() {
        List<String> reported = new ArrayList<>();
        while (true) {
            Launch.pause(Duration.ofSeconds(2));
            if (closing) {
                return;
            }
            for (ServiceProcess service : services) {
                if (service.process() != null && !service.process().isAlive() && !reported.contains(service.spec().name())) {
                    reported.add(service.spec().name());
                    log.error("{} has stopped; see {}", service.spec().name(), service.process().logFile());
                }
            }
            if (kafka.process() != null && !kafka.process().isAlive() && !reported.contains("kafka")) {
                reported.add("kafka");
                log.error("Kafka has stopped; see {}", kafka.process().logFile());
            }
        }
    }
}
