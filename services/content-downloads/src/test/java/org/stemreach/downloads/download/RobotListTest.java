package org.stemreach.downloads.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The robots list shipped, or a newer one from a file named in the configuration, without a new release. */
class RobotListTest {

    @Test
    void theShippedListOrAFileNamedInTheConfiguration(@TempDir Path dir) throws Exception {
        Path newer = Files.writeString(dir.resolve("robots.txt"), "# a newer list\nquokka\n");

        RobotFilter shipped;
        try (InputStream in = CountingConfiguration.robots("counter-robots.txt", new DefaultResourceLoader()).getInputStream()) {
            shipped = RobotFilter.load(in);
        }
        RobotFilter fromFile;
        try (InputStream in = CountingConfiguration.robots("file:" + newer, new DefaultResourceLoader()).getInputStream()) {
            fromFile = RobotFilter.load(in);
        }

        assertThat(shipped.isRobot("Googlebot/2.1")).isTrue();
        assertThat(shipped.isRobot("Quokka/1.0")).isFalse();
        assertThat(fromFile.isRobot("Quokka/1.0")).isTrue();
    }
}
