package se.delaktig.round.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import se.delaktig.organization.Organization;
import se.delaktig.organization.StaffMember;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.round.ContactType;
import se.delaktig.round.Gender;
import se.delaktig.round.InvalidRowsException;
import se.delaktig.round.Languages;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.web.InvalidInputException;

/**
 * Several children in one form: one row per child, with the fields of the single form. Rows that
 * are left empty are ignored. The rows arrive as {@code rows[3].age}; every field is taken as text
 * so that nothing typed is lost, not even an age written in letters. Case workers are typed (or
 * pasted from a spreadsheet) by name, separated by commas, and matched against the unit's staff.
 */
@Controller
class ParticipantRowsController {

    /** Rows the empty form starts with. */
    static final int EMPTY_ROWS = 5;

    private static final Pattern ROW_PARAM = Pattern.compile("rows\\[(\\d{1,3})]\\.(\\w+)");

    /** The fields of a row, in the order the page shows them and a pasted spreadsheet row fills them. */
    static final List<String> COLUMNS = List.of("firstName", "age", "gender", "contactType", "language", "guardians",
            "currentCaseWorkers", "formerCaseWorkers", "contact");

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Organization organization;
    private final MessageSource messages;

    ParticipantRowsController(RoundService rounds, ParticipantService participants, Organization organization,
                              MessageSource messages) {
        this.rounds = rounds;
        this.participants = participants;
        this.organization = organization;
        this.messages = messages;
    }

    /** One row as typed. */
    record RowForm(String firstName, String age, String gender, String contactType, String language, String guardians,
                   String currentCaseWorkers, String formerCaseWorkers, String contact) {

        static RowForm empty() {
            return new RowForm("", "", "", "", "sv", String.valueOf(ParticipantService.DEFAULT_GUARDIANS), "", "", "");
        }

        static RowForm of(Map<String, String> values) {
            return new RowForm(text(values, "firstName"), text(values, "age"), text(values, "gender"),
                    text(values, "contactType"), text(values, "language"), text(values, "guardians"),
                    text(values, "currentCaseWorkers"), text(values, "formerCaseWorkers"), text(values, "contact"));
        }

        private static String text(Map<String, String> values, String field) {
            var value = values.get(field);
            return value == null ? "" : value;
        }

        /** Nothing typed: the defaults of language and guardians do not count. */
        boolean isEmpty() {
            return firstName.isBlank() && age.isBlank() && gender.isBlank() && contactType.isBlank()
                    && (language.isBlank() || language.equals("sv"))
                    && (guardians.isBlank() || guardians.equals(String.valueOf(ParticipantService.DEFAULT_GUARDIANS)))
                    && currentCaseWorkers.isBlank() && formerCaseWorkers.isBlank() && contact.isBlank();
        }
    }

    /**
     * The problems of the rows, already in the person's language: under each field without the row
     * number (its fieldset names the row), in the summary with it.
     */
    static final class RowErrors {
        private final Map<String, String> byField = new LinkedHashMap<>();
        private final java.util.TreeMap<Integer, String> summary = new java.util.TreeMap<>();
        private final Map<Integer, String> summaryIds = new LinkedHashMap<>();

        static String id(int row, String field) {
            return "rows-" + row + "-" + field;
        }

        void add(int row, String field, String fieldLabel, String message, MessageSource messages, Locale locale) {
            var id = id(row, field);
            if (byField.putIfAbsent(id, message) == null) {
                // The summary lists the problems row by row, each row's fields in the order the page shows them.
                var order = row * COLUMNS.size() + Math.max(0, COLUMNS.indexOf(field));
                summary.put(order, messages.getMessage("participant.rows.error", new Object[]{row + 1, fieldLabel, message}, locale));
                summaryIds.put(order, id);
            }
        }

        public boolean has(int row, String field) {
            return byField.containsKey(id(row, field));
        }

        public String get(int row, String field) {
            return byField.get(id(row, field));
        }

        /** What aria-describedby of a field should name: its hint, if any, and its error, if any. */
        public String describedBy(int row, String field, String hint) {
            var ids = new ArrayList<String>();
            if (hint != null) {
                ids.add(hint);
            }
            if (has(row, field)) {
                ids.add(id(row, field) + "-error");
            }
            return ids.isEmpty() ? null : String.join(" ", ids);
        }

        public boolean any() {
            return !summary.isEmpty();
        }

        /** Field id to message with the row number, row by row. */
        public Map<String, String> all() {
            var all = new LinkedHashMap<String, String>();
            summary.forEach((order, message) -> all.put(summaryIds.get(order), message));
            return all;
        }
    }

    @GetMapping("/rounds/{roundId}/participants/batch")
    String form(@PathVariable long roundId, Model model, Locale locale) {
        var rows = new ArrayList<RowForm>();
        for (int i = 0; i < EMPTY_ROWS; i++) {
            rows.add(RowForm.empty());
        }
        return page(roundId, model, rows, new RowErrors(), locale);
    }

    @PostMapping("/rounds/{roundId}/participants/batch")
    String add(@PathVariable long roundId, @RequestParam MultiValueMap<String, String> params,
               @RequestParam(required = false) String addRow, Model model, Locale locale, RedirectAttributes redirect) {
        var round = rounds.getManaged(roundId);
        var rows = rows(params);
        if (addRow != null) {
            // Without JavaScript, "Lägg till rad" sends the form and gets it back with one more row.
            rows.add(RowForm.empty());
            model.addAttribute("focusRow", rows.size() - 1);
            return page(roundId, model, rows, new RowErrors(), locale);
        }
        var staff = organization.staffOfUnit(round.unitId());
        var errors = new RowErrors();
        var inputs = new ArrayList<ParticipantService.NewParticipant>();
        var positions = new ArrayList<Integer>();
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            if (row.isEmpty()) {
                continue;
            }
            positions.add(i);
            inputs.add(input(i, row, staff, errors, locale));
        }
        if (inputs.isEmpty()) {
            errors.add(0, "firstName", label("firstName", locale), messages.getMessage("participant.rows.none", null, locale),
                    messages, locale);
            return page(roundId, model, rows, errors, locale);
        }
        try {
            var problems = participants.check(roundId, inputs);
            problems.forEach((k, list) -> list.forEach(e -> addError(errors, positions.get(k), e, locale)));
            if (errors.any()) {
                return page(roundId, model, rows, errors, locale);
            }
            var added = participants.addAll(roundId, inputs);
            redirect.addFlashAttribute("flash", added.size() == 1
                    ? messages.getMessage("participant.added", new Object[]{added.get(0).pseudonym()}, locale)
                    : messages.getMessage("participant.rows.added", new Object[]{added.size(),
                    added.get(0).pseudonym(), added.get(added.size() - 1).pseudonym()}, locale));
            redirect.addAttribute("ids", added.stream().map(p -> String.valueOf(p.id())).reduce((a, b) -> a + "," + b).orElse(""));
            return "redirect:/rounds/" + roundId + "/participants/added";
        } catch (InvalidRowsException e) {
            e.byRow().forEach((k, list) -> list.forEach(problem -> addError(errors, positions.get(k), problem, locale)));
            return page(roundId, model, rows, errors, locale);
        } catch (InvalidInputException e) {
            addError(errors, positions.get(0), e, locale);
            return page(roundId, model, rows, errors, locale);
        }
    }

    /**
     * What was just added, with the way on: more children, or back to the round. The ids come from
     * the address; only children of this round are shown, and each list is an audited read.
     */
    @GetMapping("/rounds/{roundId}/participants/added")
    String added(@PathVariable long roundId, @RequestParam(required = false) String ids, Model model) {
        var round = rounds.getManaged(roundId);
        Set<Long> wanted = new LinkedHashSet<>();
        if (ids != null) {
            for (var part : ids.split(",")) {
                try {
                    wanted.add(Long.valueOf(part.trim()));
                } catch (NumberFormatException e) {
                    // An address edited by hand: show the children that can be found.
                }
            }
        }
        List<Participant> added = wanted.isEmpty() ? List.of()
                : participants.of(roundId).stream().filter(p -> wanted.contains(p.id())).toList();
        model.addAttribute("round", round);
        model.addAttribute("added", added);
        return "round/participants-added";
    }

    private ParticipantService.NewParticipant input(int row, RowForm form, List<StaffMember> staff, RowErrors errors,
                                                    Locale locale) {
        Integer age = null;
        if (!form.age().isBlank()) {
            try {
                age = Integer.valueOf(form.age().trim());
            } catch (NumberFormatException e) {
                errors.add(row, "age", label("age", locale),
                        messages.getMessage("participant.rows.age.notNumber", null, locale), messages, locale);
                age = 0; // The service must not also say "missing": the age is there, just not a number.
            }
        }
        Integer guardians = null;
        if (!form.guardians().isBlank()) {
            try {
                guardians = Integer.valueOf(form.guardians().trim());
            } catch (NumberFormatException e) {
                guardians = -1;
            }
        }
        var current = staffIds(row, "currentCaseWorkers", form.currentCaseWorkers(), staff, errors, locale);
        var former = staffIds(row, "formerCaseWorkers", form.formerCaseWorkers(), staff, errors, locale);
        return new ParticipantService.NewParticipant(age, parse(Gender.class, form.gender()), form.language(),
                parse(ContactType.class, form.contactType()), form.firstName(), form.contact().isBlank() ? null : form.contact(),
                current, former, guardians);
    }

    /** Staff ids for names separated by commas; a name may be a display name or a username, in any case. */
    private List<Long> staffIds(int row, String field, String names, List<StaffMember> staff, RowErrors errors,
                                Locale locale) {
        var ids = new ArrayList<Long>();
        if (names.isBlank()) {
            return ids;
        }
        if (IdentityNumbers.containsIdentityNumber(names)) {
            // Never echo an identity number back, not even in an error message.
            errors.add(row, field, label(field, locale), messages.getMessage("privacy.identityNumber", null, locale),
                    messages, locale);
            return ids;
        }
        for (var raw : names.split("[,/]")) {
            var name = raw.trim();
            if (name.isEmpty()) {
                continue;
            }
            var byName = staff.stream().filter(s -> s.displayName().trim().equalsIgnoreCase(name)).toList();
            var matches = byName.isEmpty()
                    ? staff.stream().filter(s -> s.username().equalsIgnoreCase(name)).toList() : byName;
            if (matches.size() == 1) {
                ids.add(matches.get(0).id());
            } else {
                var key = matches.isEmpty() ? "participant.rows.caseWorker.unknownName" : "participant.rows.caseWorker.ambiguous";
                errors.add(row, field, label(field, locale), messages.getMessage(key, new Object[]{name}, locale),
                        messages, locale);
            }
        }
        return ids;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void addError(RowErrors errors, int row, InvalidInputException e, Locale locale) {
        var field = COLUMNS.contains(e.field()) ? e.field() : "firstName";
        errors.add(row, field, label(field, locale),
                messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale), messages, locale);
    }

    private String label(String field, Locale locale) {
        return messages.getMessage("participant.rows.column." + field, null, locale);
    }

    /** The rows of the form, in the order of their numbers, renumbered from 0. */
    static List<RowForm> rows(MultiValueMap<String, String> params) {
        var byIndex = new TreeMap<Integer, Map<String, String>>();
        params.forEach((name, values) -> {
            var matcher = ROW_PARAM.matcher(name);
            if (matcher.matches() && COLUMNS.contains(matcher.group(2)) && !values.isEmpty()) {
                byIndex.computeIfAbsent(Integer.valueOf(matcher.group(1)), i -> new LinkedHashMap<>())
                        .put(matcher.group(2), values.get(0));
            }
        });
        var rows = new ArrayList<RowForm>();
        byIndex.values().forEach(values -> rows.add(RowForm.of(values)));
        return rows;
    }

    private String page(long roundId, Model model, List<RowForm> rows, RowErrors errors, Locale locale) {
        var round = rounds.getManaged(roundId);
        model.addAttribute("round", round);
        model.addAttribute("rows", rows);
        model.addAttribute("rowErrors", errors);
        model.addAttribute("staff", organization.staffOfUnit(round.unitId()));
        model.addAttribute("genders", Gender.values());
        model.addAttribute("contactTypes", ContactType.values());
        model.addAttribute("languages", Languages.CODES);
        model.addAttribute("columns", COLUMNS);
        model.addAttribute("columnNames", COLUMNS.stream().map(c -> label(c, locale)).toList());
        return "round/participants-batch";
    }
}
