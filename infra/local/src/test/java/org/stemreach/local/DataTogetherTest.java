package org.stemreach.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The local platform keeps Kafka's events and MongoDB's state together, or neither. */
class DataTogetherTest {

    @TempDir
    Path data;

    private void kafka() throws IOException {
        Files.createDirectories(data.resolve("kafka/logs"));
        Files.writeString(data.resolve("kafka/logs/meta.properties"), "cluster.id=x\n");
    }

    private void mongo() throws IOException {
        Files.createDirectories(data.resolve("mongo"));
        Files.writeString(data.resolve("mongo/stemreach.mv.db"), "");
    }

    @Test
    void mongoDbInMemoryGetsADataDirectoryOfItsOwnUnlessOneIsNamed() {
        Path home = Path.of("/repo");

        assertThat(LocalPlatform.Settings.dataDirOf(home, null, false)).isEqualTo(home.resolve("data"));
        assertThat(LocalPlatform.Settings.dataDirOf(home, null, true)).as("never the kept data").isEqualTo(home.resolve("data-memory"));
        assertThat(LocalPlatform.Settings.dataDirOf(home, " ", true)).isEqualTo(home.resolve("data-memory"));
        assertThat(LocalPlatform.Settings.dataDirOf(home, "/elsewhere", true)).isEqualTo(Path.of("/elsewhere"));
    }

    @Test
    void mongoDbInMemoryIsRefusedADirectoryWhoseDataIsKept() throws IOException {
        assertThatCode(() -> LocalPlatform.requireNotKeptData(data, true)).doesNotThrowAnyException();
        kafka();
        mongo();
        assertThatThrownBy(() -> LocalPlatform.requireNotKeptData(data, true)).hasMessageContaining("holds kept data");
        assertThatCode(() -> LocalPlatform.requireNotKeptData(data, false)).doesNotThrowAnyException();
    }

    @Test
    void bothOrNeitherStart() throws IOException {
        assertThatCode(() -> LocalPlatform.requireDataTogether(data, false)).doesNotThrowAnyException();
        kafka();
        mongo();
        assertThatCode(() -> LocalPlatform.requireDataTogether(data, false)).doesNotThrowAnyException();
    }

    @Test
    void oneWithoutTheOtherIsRefusedWithWhatToDo() throws IOException {
        kafka();

        assertThatThrownBy(() -> LocalPlatform.requireDataTogether(data, false)).hasMessageContaining("mongo is missing")
                .hasMessageContaining("Delete all of " + data);
        assertThatCode(() -> LocalPlatform.requireDataTogether(data, true)).as("MongoDB in memory starts empty every time")
                .doesNotThrowAnyException();
    }

    @Test
    void whatAFirstStartThatDidNotFinishLeftIsRemoved() throws IOException {
        LocalPlatform.firstStartBegins(data);
        mongo();

        assertThat(LocalPlatform.requireDataTogether(data, false)).as("a fresh start").isTrue();
        assertThat(data.resolve("mongo")).doesNotExist();
    }

    @Test
    void onceBothHoldDataTheMarkOfAFirstStartIsGoneAndOneWithoutTheOtherIsRefusedAgain() throws IOException {
        LocalPlatform.firstStartBegins(data);
        kafka();
        mongo();

        assertThat(LocalPlatform.requireDataTogether(data, false)).isFalse();
        assertThat(data.resolve(LocalPlatform.FIRST_START)).doesNotExist();
        Files.delete(data.resolve("mongo/stemreach.mv.db"));
        assertThatThrownBy(() -> LocalPlatform.requireDataTogether(data, false)).hasMessageContaining("mongo is missing");
    }

}
