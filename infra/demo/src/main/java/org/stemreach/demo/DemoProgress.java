package org.stemreach.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a demo load has done so far, in a small properties file beside the platform's data, for the steps that cannot be
 * repeated without counting twice (downloads): a load stopped halfway resumes after the last step it started. Each
 * change is written to a new file that then replaces the old one, so a crash leaves the old or the new state, never a
 * mix. Without a file ({@link #none()}) nothing is kept and every load starts from the beginning.
 */
final class DemoProgress {

    private final Path file;
    private final Properties values = new Properties();

    private DemoProgress(Path file) {
        this.file = file;
    }

    /** The progress kept in {@code file} (read now if it exists). */
    static DemoProgress in(Path file) {
        DemoProgress progress = new DemoProgress(file);
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                progress.values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the demo progress in " + file, e);
            }
        }
        return progress;
    }

    /** Progress that is not kept anywhere. */
    static DemoProgress none() {
        return new DemoProgress(null);
    }

    synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.getProperty(key));
    }

    synchronized long number(String key) {
        return get(key).map(Long::parseLong).orElse(0L);
    }

    synchronized void put(String key, Object value) {
        values.setProperty(key, String.valueOf(value));
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path next = file.resolveSibling(file.getFileName() + ".next");
            try (Writer writer = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                values.store(writer, "STEM Reach demo year: what was loaded (delete together with the rest of the data)");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo progress in " + file, e);
        }
    }
}
