package org.stemreach.downloads.download;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises robots and crawlers by user agent, from a list of regular expressions (one per line,
 * '#' for comments), as in the COUNTER robots list. A request without a user agent counts as a robot.
 */
public final class RobotFilter {

    private final Pattern robots;

    public RobotFilter(List<String> patterns) {
        List<String> valid = patterns.stream().map(String::strip).filter(p -> !p.isEmpty() && !p.startsWith("#")).toList();
        this.robots = Pattern.compile(valid.isEmpty() ? "(?!)" : "(?:" + String.join(")|(?:", valid) + ")", Pattern.CASE_INSENSITIVE);
    }

    public static RobotFilter load(InputStream patterns) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(patterns, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RobotFilter(lines);
    }

    public boolean isRobot(String userAgent) {
        return userAgent == null || userAgent.isBlank() || robots.matcher(userAgent).find();
    }
}
