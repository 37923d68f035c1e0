package org.stemreach.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a launcher killed outright left running is stopped by the next start; nothing else is. */
class LeftoverProcessesTest {

    @TempDir
    Path data;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(Process::destroyForcibly);
    }

    private Process child() throws IOException {
        Process process = new ProcessBuilder("sleep", "300").start();
        started.add(process);
        return process;
    }

    @Test
    void theChildrenOfALauncherThatIsGoneAreStoppedAndOthersAreLeftAlone() throws Exception {
        Path file = data.resolve("run/processes.txt");
        Process goneLauncher = child();
        Process orphan = child();
        Process stranger = child();
        String launcherStart = goneLauncher.info().startInstant().orElseThrow().toString();
        String orphanStart = orphan.info().startInstant().orElseThrow().toString();
        goneLauncher.destroyForcibly().waitFor();
        Files.createDirectories(file.getParent());
        // The stranger's pid with another start time: a process that merely reuses a listed pid.
        Files.writeString(file, goneLauncher.pid() + " " + launcherStart + "\n" + orphan.pid() + " " + orphanStart + "\n"
                + stranger.pid() + " 2001-01-01T00:00:00Z\n");

        LeftoverProcesses next = new LeftoverProcesses(file);
        assertThat(next.stopLeftovers()).as("the last launcher was killed").isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> !orphan.isAlive());
        assertThat(stranger.isAlive()).isTrue();
        assertThat(Files.readString(file)).as("a new list, this launcher first").startsWith(ProcessHandle.current().pid() + " ");
        next.clear();
        assertThat(file).doesNotExist();
        assertThat(new LeftoverProcesses(file).stopLeftovers()).as("after a clean stop").isFalse();
    }

    @Test
    void whileTheLauncherOfTheListRunsItsChildrenAreItsOwn() throws Exception {
        Path file = data.resolve("run/processes.txt");
        LeftoverProcesses running = new LeftoverProcesses(file);
        running.stopLeftovers();
        Process child = child();
        running.started(child.pid());

        LeftoverProcesses second = new LeftoverProcesses(file);
        second.stopLeftovers();
        second.clear();

        assertThat(child.isAlive()).isTrue();
        assertThat(Files.readAllLines(file)).as("the running launcher's list is kept").hasSize(2);
    }
}
