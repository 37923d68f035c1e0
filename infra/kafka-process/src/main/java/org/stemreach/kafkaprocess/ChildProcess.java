package org.stemreach.kafkaprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM of the local platform: its output goes to a log file; it can be waited for (a line in
 * its output) and stopped gracefully (SIGTERM, then kill after a grace period).
 */
public final class ChildProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final CountDownLatch marker = new CountDownLatch(1);

    private ChildProcess(String name, Process process, Path logFile, Predicate<String> readyLine) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        Thread pump = new Thread(() -> pump(readyLine), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path workDir,
                              Path logFile, Predicate<String> readyLine) {
        try {
            Files.createDirectories(logFile.getParent());
            keepPrevious(logFile);
            ProcessBuilder builder = new ProcessBuilder(inOwnSession(command)).directory(workDir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            return new ChildProcess(name, builder.start(), logFile, readyLine);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /**
     * A log left by an earlier run of the child becomes {@code <log>.1} (replacing an older one): each log holds one run,
     * and the run before it is kept, rather than every run appended to one file for ever.
     */
    static void keepPrevious(Path logFile) throws IOException {
        if (Files.exists(logFile) && Files.size(logFile) > 0) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** util-linux's {@code setsid}, where there is one (Linux); elsewhere children stay in the launcher's process group. */
    static final Path SETSID = Path.of("/usr/bin/setsid");
    private static volatile boolean ownSessions;

    /**
     * Children started from now on run in sessions of their own (through {@code setsid}, which executes the command in
     * place: same pid). For the interactive launcher, whose shutdown hook stops them in order: Ctrl-C in the terminal then
     * reaches only the launcher, which stops the services first, then Kafka, then MongoDB (in the terminal's process group
     * every child got the signal at once, and Kafka stopped under services still sending). Not for tests and other
     * embedders: without a hook of theirs, children in their own sessions would outlive a build stopped with Ctrl-C.
     */
    public static void startInOwnSessions(boolean enabled) {
        ownSessions = enabled;
    }

    static List<String> inOwnSession(List<String> command) {
        if (!ownSessions || !Files.isExecutable(SETSID)) {
            return command;
        }
        List<String> wrapped = new java.util.ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.toString());
        wrapped.addAll(command);
        return wrapped;
    }

    private void pump(Predicate<String> readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            for (String line; (line = in.readLine()) != null; ) {
                log.println(line);
                if (marker.getCount() > 0 && readyLine.test(line)) {
                    marker.countDown();
                }
            }
        } catch (IOException e) {
            // The process ended; nothing more to copy.
        }
    }

    /** Waits until the ready line appeared; fails early if the process dies. */
    public void awaitReadyLine(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!marker.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with code " + process.exitValue() + " while starting; see " + logFile);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not start within " + timeout.toSeconds() + " s; see " + logFile);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s; see " + logFile);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
