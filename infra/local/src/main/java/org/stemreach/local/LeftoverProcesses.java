package org.stemreach.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The child processes of a running platform, written down as they start ({@code <pid> <start instant>} per line), so
 * that a launcher that was killed outright (SIGKILL, the OOM killer: no shutdown hook ran) leaves nothing in the way of
 * the next start: that start stops the children still running from the list (matched by pid and start time, so a
 * process that merely reuses a pid is left alone) before it checks the ports. The list's first line is the launcher
 * itself: while that one still runs, its children are its own (a second start then finds the ports taken).
 */
final class LeftoverProcesses {

    private static final Logger log = LoggerFactory.getLogger(LeftoverProcesses.class);

    private final Path file;
    /** Whether the list is this launcher's (another one that still runs keeps its own). */
    private volatile boolean owned;

    LeftoverProcesses(Path file) {
        this.file = file;
    }

    /**
     * Stops what an earlier launcher that is gone left running, then starts a new list with this launcher.
     *
     * @return whether an earlier launcher ended without stopping the platform (killed outright: its list was left)
     */
    boolean stopLeftovers() {
        boolean crashed = false;
        if (Files.exists(file)) {
            try {
                List<Child> listed = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(LeftoverProcesses::parse)
                        .flatMap(Optional::stream).toList();
                if (!listed.isEmpty() && running(listed.get(0)).isPresent()) {
                    return false; // its launcher still runs
                }
                // Last started first: the services before Kafka, so that they leave their consumer groups while it runs.
                List<Child> children = new java.util.ArrayList<>(listed.subList(1, listed.size()));
                java.util.Collections.reverse(children);
                if (children.stream().anyMatch(child -> running(child).isPresent())) {
                    log.warn("stopping what a launcher that was killed left running (up to 20 s each) ...");
                }
                children.forEach(LeftoverProcesses::stop);
                Files.delete(file);
                crashed = listed.size() > 1; // the launcher, and children it did not stop
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        owned = true;
        started(ProcessHandle.current().pid());
        return crashed;
    }

    /** Notes a child that has just started. */
    void started(long pid) {
        if (!owned) {
            return;
        }
        ProcessHandle.of(pid).flatMap(handle -> handle.info().startInstant()).ifPresent(started -> {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, pid + " " + started + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                log.warn("cannot note child process {} in {}: {}", pid, file, e.toString());
            }
        });
    }

    /** All children stopped normally: nothing left over (and nothing noted after this: the list is closed). */
    void clear() {
        if (!owned) {
            return;
        }
        owned = false;
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove {}: {}", file, e.toString());
        }
    }

    private record Child(long pid, Instant started) {
    }

    private static Optional<Child> parse(String line) {
        String[] parts = line.strip().split(" ");
        try {
            return parts.length == 2 ? Optional.of(new Child(Long.parseLong(parts[0]), Instant.parse(parts[1]))) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The process, if it is the one listed (same pid and start time) and still runs. */
    private static Optional<ProcessHandle> running(Child child) {
        return ProcessHandle.of(child.pid()).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(child.started()::equals).orElse(false));
    }

    private static void stop(Child child) {
        running(child).ifPresent(handle -> {
            log.warn("stopping process {} left running by a launcher that did not stop cleanly", child.pid());
            handle.destroy();
            try {
                handle.onExit().get(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
                try {
                    // Gone before the ports are checked: else they would look taken by something else.
                    handle.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    log.warn("process {} did not end when killed", child.pid());
                }
            }
        });
    }
}
