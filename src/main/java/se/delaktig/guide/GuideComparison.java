package se.delaktig.guide;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What changed between two guide versions. Questions are matched by their stable key, so a question
 * that moved or got new wording counts as changed, not as one removed and one added – the same rule
 * later analysis uses to compare years.
 */
public record GuideComparison(Guide from, Guide to, List<Change> changes, List<AreaChange> areaChanges) {

    public enum Kind { ADDED, REMOVED, CHANGED }

    /** The parts of a question that can change between versions. */
    public enum Field { AREA, TEXT, TYPE, OPTIONS, PROMPT, POSITION }

    /** One question that differs. {@code before} is null when added, {@code after} when removed. */
    public record Change(String key, Kind kind, Question before, Question after, Area areaBefore, Area areaAfter,
                         Set<Field> fields) {
        public boolean changed(Field field) {
            return fields.contains(field);
        }

        /** For templates: {@code c.has('TEXT')}. */
        public boolean has(String field) {
            return fields.contains(Field.valueOf(field));
        }
    }

    /** An area added, removed or renamed, matched by its code. */
    public record AreaChange(String code, Kind kind, Area before, Area after) {
    }

    public boolean identical() {
        return changes.isEmpty() && areaChanges.isEmpty();
    }

    public long added() {
        return count(Kind.ADDED);
    }

    public long removed() {
        return count(Kind.REMOVED);
    }

    public long changed() {
        return count(Kind.CHANGED);
    }

    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    static GuideComparison of(Guide from, Guide to) {
        var changes = new ArrayList<Change>();
        for (var areaAfter : to.areas()) {
            for (var after : areaAfter.questions()) {
                var before = from.question(after.key());
                if (before.isEmpty()) {
                    changes.add(new Change(after.key(), Kind.ADDED, null, after, null, areaAfter, EnumSet.noneOf(Field.class)));
                    continue;
                }
                var areaBefore = from.areaOf(before.get().id()).orElseThrow();
                var fields = differences(before.get(), areaBefore, after, areaAfter);
                if (!fields.isEmpty()) {
                    changes.add(new Change(after.key(), Kind.CHANGED, before.get(), after, areaBefore, areaAfter, fields));
                }
            }
        }
        for (var areaBefore : from.areas()) {
            for (var before : areaBefore.questions()) {
                if (to.question(before.key()).isEmpty()) {
                    changes.add(new Change(before.key(), Kind.REMOVED, before, null, areaBefore, null, EnumSet.noneOf(Field.class)));
                }
            }
        }
        var areaChanges = new ArrayList<AreaChange>();
        for (var after : to.areas()) {
            var before = from.areas().stream().filter(a -> a.code().equals(after.code())).findFirst();
            if (before.isEmpty()) {
                areaChanges.add(new AreaChange(after.code(), Kind.ADDED, null, after));
            } else if (!before.get().title().equals(after.title()) || !Objects.equals(blankToNull(before.get().intro()), blankToNull(after.intro()))) {
                areaChanges.add(new AreaChange(after.code(), Kind.CHANGED, before.get(), after));
            }
        }
        from.areas().stream().filter(b -> to.areas().stream().noneMatch(a -> a.code().equals(b.code())))
                .forEach(b -> areaChanges.add(new AreaChange(b.code(), Kind.REMOVED, b, null)));
        return new GuideComparison(from, to, List.copyOf(changes), List.copyOf(areaChanges));
    }

    private static Set<Field> differences(Question before, Area areaBefore, Question after, Area areaAfter) {
        var fields = EnumSet.noneOf(Field.class);
        if (!areaBefore.code().equals(areaAfter.code())) {
            fields.add(Field.AREA);
        }
        if (!before.text().equals(after.text())) {
            fields.add(Field.TEXT);
        }
        if (before.type() != after.type()) {
            fields.add(Field.TYPE);
        }
        if (!before.options().equals(after.options())) {
            fields.add(Field.OPTIONS);
        }
        if (!Objects.equals(blankToNull(before.interviewerPrompt()), blankToNull(after.interviewerPrompt()))) {
            fields.add(Field.PROMPT);
        }
        if (fields.isEmpty() && before.position() != after.position()) {
            fields.add(Field.POSITION);
        }
        return fields;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
