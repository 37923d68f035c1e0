package org.stemreach.downloads.project;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One page of a list for the public pages: which items, "25–48 of 120", and the links to the pages before and after,
 * keeping the reader's search and filters. A page number that is missing, not a number or out of range shows the
 * nearest page that exists, so an old bookmark never ends in an error.
 */
public record Paging<T>(List<T> items, int number, int pages, int first, int last, int total, String previous, String next) {

    public static final int SIZE = 24;

    /**
     * @param path   the list's path, as the page's links use it (Thymeleaf adds the context path)
     * @param filter the query parameters to keep, in order; blank ones are left out
     */
    public static <T> Paging<T> of(List<T> all, String requested, int size, String path, Map<String, String> filter) {
        int total = all.size();
        int pages = Math.max(1, (total + size - 1) / size);
        int number = Math.min(Math.max(1, parse(requested)), pages);
        int from = (number - 1) * size;
        int to = Math.min(total, from + size);
        return new Paging<>(all.subList(from, to), number, pages, total == 0 ? 0 : from + 1, to, total,
                number > 1 ? link(path, filter, number - 1) : null, number < pages ? link(path, filter, number + 1) : null);
    }

    public boolean several() {
        return pages > 1;
    }

    private static int parse(String requested) {
        if (requested == null || !requested.strip().matches("\\d{1,6}")) {
            return 1;
        }
        return Integer.parseInt(requested.strip());
    }

    private static String link(String path, Map<String, String> filter, int page) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        filter.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        if (page > 1) {
            query.add("page=" + page);
        }
        return path + query;
    }
}
