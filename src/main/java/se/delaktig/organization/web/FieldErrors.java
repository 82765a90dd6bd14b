package se.delaktig.organization.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

/** Field errors of one submitted form, already in the person's language, in the order the fields appear. */
final class FieldErrors {

    private final MessageSource messages;
    private final Map<String, String> errors = new LinkedHashMap<>();

    FieldErrors(MessageSource messages) {
        this.messages = messages;
    }

    void reject(String field, String key, Object... args) {
        errors.putIfAbsent(field, messages.getMessage(key, args, key, LocaleContextHolder.getLocale()));
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
