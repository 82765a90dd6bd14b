package se.delaktig.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;

/**
 * Field errors for a page, already in the person's language: {@code errors.has('title')} and
 * {@code errors.get('title')} in templates. Pages re-render the form with what was typed plus these,
 * so nothing is lost.
 */
public final class FormErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    public static FormErrors none() {
        return new FormErrors();
    }

    public static FormErrors of(InvalidInputException e, MessageSource messages, Locale locale) {
        return new FormErrors().add(e, messages, locale);
    }

    public static FormErrors of(BindingResult binding, MessageSource messages, Locale locale) {
        var errors = new FormErrors();
        binding.getFieldErrors().forEach(error -> errors.byField.putIfAbsent(error.getField(), messages.getMessage(error, locale)));
        return errors;
    }

    public FormErrors add(InvalidInputException e, MessageSource messages, Locale locale) {
        byField.put(e.field(), messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
        return this;
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    public boolean any() {
        return !byField.isEmpty();
    }

    public Map<String, String> all() {
        return Map.copyOf(byField);
    }
}
