package org.stemreach.downloads.download;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises robots and crawlers by user agent, from a list of regular expressions (one per line,
 * '#' for comments), as in the COUNTER robots list, matched case-insensitively anywhere in the user agent.
 * A request without a user agent counts as a robot.
 *
 * <p>It runs for every download, so the list is split: plain words (most of it) are searched in the lower-cased
 * user agent with {@link String#contains}, only the real expressions go through the regex engine.
 */
public final class RobotFilter {

    private static final Pattern REGEX_SYNTAX = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");

    private final List<String> words;
    private final Pattern expressions;

    public RobotFilter(List<String> patterns) {
        List<String> valid = patterns.stream().map(String::strip).filter(p -> !p.isEmpty() && !p.startsWith("#")).toList();
        this.words = valid.stream().filter(p -> !REGEX_SYNTAX.matcher(p).find()).map(p -> p.toLowerCase(Locale.ROOT)).toList();
        List<String> regexes = valid.stream().filter(p -> REGEX_SYNTAX.matcher(p).find()).toList();
        this.expressions = Pattern.compile(regexes.isEmpty() ? "(?!)" : "(?:" + String.join(")|(?:", regexes) + ")",
                Pattern.CASE_INSENSITIVE);
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
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String lower = userAgent.toLowerCase(Locale.ROOT);
        for (String word : words) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return expressions.matcher(userAgent).find();
    }
}
