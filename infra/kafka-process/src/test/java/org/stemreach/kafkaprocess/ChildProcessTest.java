package org.stemreach.kafkaprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The platform's child processes, as the launcher starts them. */
class ChildProcessTest {

    @Test
    void eachRunOfAChildHasALogOfItsOwnAndTheRunBeforeIsKept(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("logs").resolve("child.log");
        for (String run : List.of("first", "second", "third")) {
            ChildProcess child = ChildProcess.start("child", List.of("echo", run), Map.of(), dir, log, line -> false);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(child.isAlive()).isFalse();
                assertThat(Files.exists(log) ? Files.readString(log) : "").contains(run);
            });
        }

        assertThat(Files.readString(log)).isEqualTo("third\n");
        assertThat(Files.readString(dir.resolve("logs").resolve("child.log.1"))).isEqualTo("second\n");
        assertThat(dir.resolve("logs").resolve("child.log.2")).doesNotExist();
    }

    @Test
    @EnabledOnOs(OS.LINUX) // sessions and /proc: what setsid gives on Linux, where the launcher uses it
    void aChildOfTheLauncherRunsInASessionOfItsOwnSoTheTerminalsCtrlCReachesOnlyTheLauncher(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isExecutable(ChildProcess.SETSID), "util-linux setsid is installed (Debian: always)");
        ChildProcess.startInOwnSessions(true);
        ChildProcess child;
        try {
            child = sleeper(dir);
        } finally {
            ChildProcess.startInOwnSessions(false);
        }
        try {
            String pid = String.valueOf(child.pid());
            // setsid runs first, then executes the command in place: the pid the launcher knows (and stops) is the command's.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(Files.readString(Path.of("/proc", pid, "comm")).strip()).isEqualTo("sleep"));
            String[] stat = stat(child.pid());
            String[] ours = stat(ProcessHandle.current().pid());

            assertThat(stat[5]).as("its own session").isEqualTo(pid).isNotEqualTo(ours[5]);
            assertThat(stat[4]).as("and process group, apart from the terminal's").isEqualTo(pid).isNotEqualTo(ours[4]);
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void otherwiseAChildStaysInItsParentsProcessGroupAndEndsWithAStoppedBuild(@TempDir Path dir) throws IOException {
        ChildProcess child = sleeper(dir);
        try {
            assertThat(stat(child.pid())[4]).isEqualTo(stat(ProcessHandle.current().pid())[4]);
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
    }

    private static ChildProcess sleeper(Path dir) {
        return ChildProcess.start("sleeper", List.of("sleep", "30"), Map.of(), dir, dir.resolve("sleeper.log"), line -> false);
    }

    /** The fields of /proc/PID/stat after the command name (which may hold spaces): [2] is the state, [4] pgrp, [5] session. */
    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String afterName = stat.substring(stat.lastIndexOf(')') + 2);
        String[] rest = afterName.split(" ");
        String[] fields = new String[rest.length + 2];
        System.arraycopy(rest, 0, fields, 2, rest.length);
        return fields;
    }
}
