package org.stemreach.downloads.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The local copies' directories: one per process, removed on shutdown, and left-behind ones removed at the next start. */
class AssetFilesTest {

    @TempDir
    Path parent;

    private DownloadsProperties properties() {
        return new DownloadsProperties("secret", Duration.ofSeconds(30), DataSize.ofMegabytes(25), "counter-robots.txt",
                DataSize.ofMegabytes(10), parent, Duration.ofSeconds(2), false);
    }

    private Path leftBehind(String name, Instant modified) throws Exception {
        Path directory = Files.createDirectories(parent.resolve(name));
        Files.writeString(directory.resolve("some-file-id-copy"), "bytes");
        Files.createFile(directory.resolve(".in-use"));
        Files.setLastModifiedTime(directory, FileTime.from(modified));
        return directory;
    }

    @Test
    void removesDirectoriesOfProcessesThatDiedButNotThoseInUseOrJustCreated() throws Exception {
        Path abandoned = leftBehind("content-downloads-1111", Instant.now().minus(Duration.ofHours(3)));
        Path justCreated = leftBehind("content-downloads-2222", Instant.now());
        Path somethingElse = leftBehind("other-tool-3333", Instant.now().minus(Duration.ofHours(3)));
        Path lockFileCleanedAway = leftBehind("content-downloads-5555", Instant.now().minus(Duration.ofHours(3)));
        Files.delete(lockFileCleanedAway.resolve(".in-use"));
        Files.setLastModifiedTime(lockFileCleanedAway, FileTime.from(Instant.now().minus(Duration.ofHours(3))));

        AssetFiles first = new AssetFiles(null, properties());
        Path firstDirectory = onlyNew(abandoned, justCreated, somethingElse, lockFileCleanedAway);
        Files.setLastModifiedTime(firstDirectory, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        AssetFiles second = new AssetFiles(null, properties());

        assertThat(abandoned).doesNotExist();
        assertThat(justCreated).exists();
        assertThat(somethingElse).exists();
        assertThat(lockFileCleanedAway).as("whose it is cannot be told").exists();
        assertThat(firstDirectory).as("in use by the first instance").exists();

        first.removeAll();
        second.removeAll();
        try (var left = Files.list(parent)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("content-downloads-2222", "other-tool-3333", "content-downloads-5555");
        }
    }

    @Test
    void aCopyThatDisappearedIsMadeAgain() throws Exception {
        var copies = new java.util.concurrent.atomic.AtomicInteger();
        var catalog = new org.stemreach.downloads.project.ProjectCatalog(null, null, null, null, null, properties()) {
            @Override
            public void copy(org.stemreach.downloads.project.Asset asset, Path target) {
                copies.incrementAndGet();
                try {
                    Files.writeString(target, "12345");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        var asset = new org.stemreach.downloads.project.Asset("f1", "les.zip", "application/zip", 5, "abc", Instant.now(), null);
        AssetFiles files = new AssetFiles(catalog, properties());
        try {
            Path first = files.file(asset);
            assertThat(files.file(asset)).isEqualTo(first);
            Files.delete(first); // e.g. a temporary-file cleaner
            Path again = files.file(asset);

            assertThat(again).exists().hasContent("12345");
            assertThat(copies).hasValue(2);
        } finally {
            files.removeAll();
        }
    }

    @Test
    void leavesTheDirectoryOfAnotherRunningProcessAlone() throws Exception {
        Path elsewhere = leftBehind("content-downloads-4444", Instant.now().minus(Duration.ofHours(3)));
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(),
                elsewhere.resolve(".in-use").toString()).redirectErrorStream(true).start();
        try {
            assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine()).isEqualTo("locked");
            // Not recent either (creating the lock file touched it): only the lock keeps it.
            Files.setLastModifiedTime(elsewhere, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
            new AssetFiles(null, properties()).removeAll();
            assertThat(elsewhere).as("locked by a running process").exists();
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        Files.setLastModifiedTime(elsewhere, FileTime.from(Instant.now().minus(Duration.ofHours(3))));
        new AssetFiles(null, properties()).removeAll();
        assertThat(elsewhere).as("its process ended").doesNotExist();
    }

    /** Another content-downloads process, as far as the lock goes: holds it until it is stopped. */
    public static final class HoldLock {
        public static void main(String[] args) throws Exception {
            try (var channel = java.nio.channels.FileChannel.open(Path.of(args[0]), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.lock();
                System.out.println("locked");
                System.out.flush();
                System.in.read();
            }
        }
    }

    private Path onlyNew(Path... known) throws Exception {
        try (var all = Files.list(parent)) {
            return all.filter(p -> !java.util.List.of(known).contains(p)).findFirst().orElseThrow();
        }
    }
}
