package se.delaktig.organization.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Field errors of one submitted form, already in the person's language, in the order the fields
 * appear. A form is checked whole before it is answered, so every error comes back in one go; the
 * summary above the form names each field by its label and links to it.
 */
final class FieldErrors {

    /** One line of the summary: the field to jump to and "Label: what is wrong". */
    record Line(String field, String text) {
    }

    private final MessageSource messages;
    private final Map<String, String> labelKeys;
    private final Map<String, String> errors = new LinkedHashMap<>();

    /** @param labelKeys the message key of each field's label, by field name */
    FieldErrors(MessageSource messages, Map<String, String> labelKeys) {
        this.messages = messages;
        this.labelKeys = labelKeys;
    }

    void reject(String field, String key, Object... args) {
        errors.putIfAbsent(field, text(key, args));
    }

    boolean has(String field) {
        return errors.containsKey(field);
    }

    boolean any() {
        return !errors.isEmpty();
    }

    Map<String, String> asMap() {
        return errors;
    }

    List<Line> summary() {
        var lines = new ArrayList<Line>();
        errors.forEach((field, message) -> {
            var label = labelKeys.get(field);
            lines.add(new Line(field, label == null ? message : text(label) + ": " + message));
        });
        return lines;
    }

    private String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The whole number, or null if the text is not one. */
    static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
