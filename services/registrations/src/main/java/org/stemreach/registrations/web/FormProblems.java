package org.stemreach.registrations.web;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A form's problems as its page shows them: a summary whose items link to their fields, and on each field
 * {@code aria-invalid} and {@code aria-describedby} pointing to its own item. A problem is a message code, its single
 * argument (a message code, or a number such as a row's), and the fields it is about.
 */
final class FormProblems {

    private FormProblems() {
    }

    /** A problem as the page lists it: its item's id, its words, and the first field it is about (a link to it). */
    record Problem(String id, String text, String field) {
    }

    /** Sets the model's {@code problems}, {@code invalid} (the fields' ids) and {@code describedBy} (field id to item id). */
    static void show(Model model, List<String[]> problems, Function<String[], List<String>> fieldsOf, MessageSource messages) {
        List<Problem> shown = new ArrayList<>();
        Set<String> invalid = new LinkedHashSet<>();
        Map<String, String> describedBy = new HashMap<>();
        for (String[] problem : problems) {
            List<String> fields = fieldsOf.apply(problem);
            Problem each = new Problem("problem-" + shown.size(), text(problem, messages), fields.isEmpty() ? null : fields.get(0));
            shown.add(each);
            invalid.addAll(fields);
            fields.forEach(field -> describedBy.putIfAbsent(field, each.id()));
        }
        model.addAttribute("problems", shown);
        model.addAttribute("invalid", invalid);
        model.addAttribute("describedBy", describedBy);
    }

    private static String text(String[] problem, MessageSource messages) {
        var locale = LocaleContextHolder.getLocale();
        // No argument, no message format: an apostrophe in the words stays as it is.
        Object[] args = problem.length < 2 || problem[1].isEmpty() ? null
                : new Object[]{problem[1].chars().allMatch(Character::isDigit) ? problem[1] : messages.getMessage(problem[1], null, locale)};
        return messages.getMessage(problem[0], args, locale);
    }
}
