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

/** The platform's child processes, as the launcher starts them. */
class ChildProcessTest {

    @Test
    @EnabledOnOs(OS.LINUX) // sessions and /proc: what setsid gives on Linux, where the launcher uses it
    void aChildRunsInASessionOfItsOwnSoTheTerminalsCtrlCReachesOnlyTheLauncher(@TempDir Path dir) throws IOException {
        ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "30"), Map.of(), dir, dir.resolve("sleeper.log"), line -> false);
        try {
            String[] stat = stat(child.pid());
            String[] ours = stat(ProcessHandle.current().pid());

            assertThat(Files.readString(Path.of("/proc", String.valueOf(child.pid()), "comm")).strip())
                    .as("setsid ran the command in place: the pid the launcher knows (and stops) is the command's").isEqualTo("sleep");
            assertThat(stat[5]).as("its own session").isEqualTo(String.valueOf(child.pid())).isNotEqualTo(ours[5]);
            assertThat(stat[4]).as("and process group, apart from the terminal's").isEqualTo(String.valueOf(child.pid())).isNotEqualTo(ours[4]);
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
        assertThat(child.isAlive()).isFalse();
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
