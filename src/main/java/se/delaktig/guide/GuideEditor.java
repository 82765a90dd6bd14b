package se.delaktig.guide;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Changes interview guides. Only administrators and process leads (of any unit) may edit; anyone
 * else is told the page does not exist.
 *
 * <p>A locked version – one a round uses – never changes. The first change to it copies the whole
 * version (areas, questions with the same keys, wording) as version + 1 and applies the change to the
 * copy; every method therefore returns where the change landed. Input is validated before anything
 * is copied, so a rejected form never leaves an empty new version behind.
 */
@Service
@Transactional
public class GuideEditor {

    /** A question as typed in the editor. {@code options} one per line; a blank {@code key} is generated. */
    public record QuestionDraft(String text, String type, String options, String interviewerPrompt, String key) {
    }

    /** A wording as typed: blank text removes the wording. {@code ageBand} null means every age. */
    public record WordingInput(String language, AgeBand ageBand, String text) {
        /** The form field the wording is typed in, e.g. {@code wording-ar-5-8} or {@code wording-en-all}. */
        public String field() {
            return fieldName(language, ageBand);
        }
    }

    public static String fieldName(String language, AgeBand band) {
        return "wording-" + language + "-" + (band == null ? "all" : band.code());
    }

    /**
     * Where an edit landed: the guide version that now holds the change ({@code newVersion} when it was
     * copied from a locked one) and the edited area and question in that version.
     */
    public record Edited(long guideId, int version, boolean newVersion, Long areaId, Long questionId) {
    }

    static final int MAX_TEXT = 500;
    static final int MAX_PROMPT = 1000;
    static final int MAX_OPTION = 200;
    static final int MAX_TITLE = 100;
    static final int MAX_INTRO = 1000;
    static final int MAX_NAME = 150;
    static final int MAX_WORDING = 1000;
    private static final Pattern KEY = Pattern.compile("^[a-z0-9_]+(\\.[a-z0-9_]+)*$");
    private static final int MAX_KEY = 80;

    private final JdbcClient jdbc;
    private final Guides guides;
    private final CurrentActor actors;

    GuideEditor(JdbcClient jdbc, Guides guides, CurrentActor actors) {
        this.jdbc = jdbc;
        this.guides = guides;
        this.actors = actors;
    }

    /** Whether the signed-in person may edit guides: administrators and process leads. */
    @Transactional(readOnly = true)
    public boolean mayEdit() {
        return actors.find().map(a -> a.administrator() || a.isProcessLeadAnywhere()).orElse(false);
    }

    /** The guide for the editor pages; a 404 for anyone who may not edit. */
    @Transactional(readOnly = true)
    public Guide forEditing(long guideId) {
        requireEditor();
        return guides.find(guideId).orElseThrow(NotFoundException::new);
    }

    /**
     * Whether a question's key may still change: only in an unlocked version, and only while no other
     * version of the guide has a question with that key – once used, a key ties the years together.
     */
    @Transactional(readOnly = true)
    public boolean keyEditable(long guideId, long questionId) {
        var guide = guides.find(guideId).orElseThrow(NotFoundException::new);
        var question = guide.question(questionId).orElseThrow(NotFoundException::new);
        return !guide.locked() && !keyUsedElsewhere(guide, question.key());
    }

    /** A new guide of its own, version 1, without areas yet. */
    public Edited createGuide(String name) {
        requireEditor();
        var trimmed = required("name", name, MAX_NAME, "guide.name.required", "guide.name.tooLong");
        var taken = jdbc.sql("select count(*) from guide where lower(name) = lower(?)").param(trimmed).query(Integer.class).single() > 0;
        if (taken) {
            throw new InvalidInputException("name", "guide.name.taken");
        }
        var id = jdbc.sql("insert into guide (name, version) values (?, 1) returning id").param(trimmed).query(Long.class).single();
        return new Edited(id, 1, false, null, null);
    }

    /** Locks a version on purpose, before any round uses it ("this is the version we publish"). */
    public void lockVersion(long guideId) {
        requireEditor();
        guides.lock(guideId);
    }

    // Areas ----------------------------------------------------------------------------------------

    public Edited addArea(long guideId, String title, String intro) {
        requireEditor();
        var cleanTitle = required("title", title, MAX_TITLE, "guide.area.title.required", "guide.area.title.tooLong");
        var cleanIntro = optional("intro", intro, MAX_INTRO, "guide.area.intro.tooLong");
        var target = writable(guideId, null, null);
        var codes = new HashSet<>(jdbc.sql("select code from guide_area where guide_id = ?").param(target.guideId()).query(String.class).list());
        var code = unique(slug(cleanTitle, 3), codes);
        var position = jdbc.sql("select coalesce(max(position), 0) + 1 from guide_area where guide_id = ?").param(target.guideId())
                .query(Integer.class).single();
        var areaId = jdbc.sql("insert into guide_area (guide_id, position, code, title, intro) values (?, ?, ?, ?, ?) returning id")
                .params(target.guideId(), position, code, cleanTitle, cleanIntro).query(Long.class).single();
        return target.with(areaId, null);
    }

    public Edited updateArea(long guideId, long areaId, String title, String intro) {
        requireEditor();
        var cleanTitle = required("title", title, MAX_TITLE, "guide.area.title.required", "guide.area.title.tooLong");
        var cleanIntro = optional("intro", intro, MAX_INTRO, "guide.area.intro.tooLong");
        var target = writable(guideId, areaId, null);
        jdbc.sql("update guide_area set title = ?, intro = ? where id = ?").params(cleanTitle, cleanIntro, target.areaId()).update();
        return target.with(target.areaId(), target.questionId());
    }

    /** Moves an area one step up ({@code up}) or down; at the top or bottom nothing changes. */
    public Edited moveArea(long guideId, long areaId, boolean up) {
        requireEditor();
        var target = writable(guideId, areaId, null);
        var ids = jdbc.sql("select id from guide_area where guide_id = ? order by position, id").param(target.guideId())
                .query(Long.class).list();
        swapWithNeighbour("guide_area", ids, target.areaId(), up);
        return target.with(target.areaId(), target.questionId());
    }

    // Questions ------------------------------------------------------------------------------------

    public Edited addQuestion(long guideId, long areaId, QuestionDraft draft) {
        requireEditor();
        var guide = guides.find(guideId).orElseThrow(NotFoundException::new);
        var area = guide.area(areaId).orElseThrow(NotFoundException::new);
        var valid = validate(draft);
        var key = valid.key() == null ? generatedKey(guide, area, valid.text()) : valid.key();
        if (guide.question(key).isPresent()) {
            throw new InvalidInputException("key", "guide.question.key.taken", key);
        }
        var target = writable(guideId, areaId, null);
        var position = jdbc.sql("select coalesce(max(position), 0) + 1 from guide_question where area_id = ?").param(target.areaId())
                .query(Integer.class).single();
        var questionId = jdbc.sql("""
                insert into guide_question (area_id, position, question_key, type, text, interviewer_prompt, options)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(target.areaId(), position, key, valid.type().name(), valid.text(), valid.prompt(),
                        valid.options().toArray(String[]::new))
                .query(Long.class).single();
        return target.with(target.areaId(), questionId);
    }

    /**
     * Changes a question, and moves it to the end of another area when {@code areaId} names a
     * different area of the same version.
     */
    public Edited updateQuestion(long guideId, long questionId, QuestionDraft draft, Long areaId) {
        requireEditor();
        var guide = guides.find(guideId).orElseThrow(NotFoundException::new);
        var question = guide.question(questionId).orElseThrow(NotFoundException::new);
        var currentArea = guide.areaOf(questionId).orElseThrow();
        var targetArea = areaId == null ? currentArea : guide.area(areaId)
                .orElseThrow(() -> new InvalidInputException("areaId", "guide.question.area.unknown"));
        var valid = validate(draft);
        var key = valid.key() == null ? question.key() : valid.key();
        if (!key.equals(question.key())) {
            if (guide.locked() || keyUsedElsewhere(guide, question.key())) {
                throw new InvalidInputException("key", "guide.question.key.locked");
            }
            if (guide.question(key).isPresent()) {
                throw new InvalidInputException("key", "guide.question.key.taken", key);
            }
        }
        var target = writable(guideId, targetArea.id(), questionId);
        jdbc.sql("update guide_question set question_key = ?, type = ?, text = ?, interviewer_prompt = ?, options = ? where id = ?")
                .params(key, valid.type().name(), valid.text(), valid.prompt(), valid.options().toArray(String[]::new), target.questionId())
                .update();
        if (targetArea.id() != currentArea.id()) {
            jdbc.sql("""
                    update guide_question set area_id = :area,
                        position = (select coalesce(max(position), 0) + 1 from guide_question where area_id = :area)
                    where id = :id""")
                    .param("area", target.areaId()).param("id", target.questionId()).update();
        }
        return target.with(target.areaId(), target.questionId());
    }

    /** Moves a question one step up or down within its area. */
    public Edited moveQuestion(long guideId, long questionId, boolean up) {
        requireEditor();
        var target = writable(guideId, null, questionId);
        var areaId = jdbc.sql("select area_id from guide_question where id = ?").param(target.questionId()).query(Long.class).single();
        var ids = jdbc.sql("select id from guide_question where area_id = ? order by position, id").param(areaId).query(Long.class).list();
        swapWithNeighbour("guide_question", ids, target.questionId(), up);
        return target.with(areaId, target.questionId());
    }

    /**
     * Removes a question. From a locked version this makes a new version without it; the locked one
     * keeps it. Answers already given to a question keep it too: then the delete is refused.
     */
    public Edited deleteQuestion(long guideId, long questionId) {
        requireEditor();
        var target = writable(guideId, null, questionId);
        var areaId = jdbc.sql("select area_id from guide_question where id = ?").param(target.questionId()).query(Long.class).single();
        try {
            jdbc.sql("delete from guide_question where id = ?").param(target.questionId()).update();
        } catch (DataIntegrityViolationException e) {
            // Only reachable while a round uses an unlocked version (before it was locked): answers refer to it.
            throw new InvalidInputException("question", "guide.question.inUse");
        }
        return target.with(areaId, null);
    }

    // Wording ---------------------------------------------------------------------------------------

    /** Saves the child-facing wording of one question; a blank text removes that wording. */
    public Edited saveWordings(long guideId, long questionId, List<WordingInput> inputs) {
        requireEditor();
        var guide = guides.find(guideId).orElseThrow(NotFoundException::new);
        var question = guide.question(questionId).orElseThrow(NotFoundException::new);
        var languages = guides.languages().stream().map(Language::code).toList();
        var cleaned = new ArrayList<WordingInput>();
        for (var input : inputs) {
            if (!languages.contains(input.language())) {
                throw new InvalidInputException(input.field(), "guide.wording.language.unknown", input.language());
            }
            var text = optional(input.field(), input.text(), MAX_WORDING, "guide.wording.tooLong");
            cleaned.add(new WordingInput(input.language(), input.ageBand(), text));
        }
        var unchanged = cleaned.stream().allMatch(w -> Objects.equals(w.text(),
                question.find(w.language(), w.ageBand()).map(Wording::text).orElse(null)));
        if (unchanged) {
            // Nothing to save: a locked version must not turn into a new version for an unchanged form.
            return new Edited(guide.id(), guide.version(), false, guide.areaOf(questionId).orElseThrow().id(), questionId);
        }
        var target = writable(guideId, null, questionId);
        for (var w : cleaned) {
            var band = w.ageBand() == null ? null : w.ageBand().code();
            jdbc.sql("delete from question_wording where question_id = ? and language = ? and age_band is not distinct from ?")
                    .params(target.questionId(), w.language(), band).update();
            if (w.text() != null) {
                jdbc.sql("insert into question_wording (question_id, language, age_band, text) values (?, ?, ?, ?)")
                        .params(target.questionId(), w.language(), band, w.text()).update();
            }
        }
        return target.with(target.areaId(), target.questionId());
    }

    // Copy on write ---------------------------------------------------------------------------------

    private record Target(long guideId, int version, boolean newVersion, Long areaId, Long questionId) {
        Edited with(Long area, Long question) {
            return new Edited(guideId, version, newVersion, area, question);
        }
    }

    /**
     * The version a change may be written to: the guide itself while unlocked, otherwise a fresh copy
     * (version + 1) with the given area and question mapped to their copies.
     */
    private Target writable(long guideId, Long areaId, Long questionId) {
        var head = jdbc.sql("select name, version, locked_at is not null as locked from guide where id = ? for update").param(guideId)
                .query((rs, n) -> new Object[]{rs.getString("name"), rs.getInt("version"), rs.getBoolean("locked")})
                .optional().orElseThrow(NotFoundException::new);
        var name = (String) head[0];
        var version = (int) head[1];
        if (areaId != null && jdbc.sql("select count(*) from guide_area where id = ? and guide_id = ?").params(areaId, guideId)
                .query(Integer.class).single() == 0) {
            throw new NotFoundException();
        }
        if (questionId != null && jdbc.sql("""
                select count(*) from guide_question q join guide_area a on a.id = q.area_id where q.id = ? and a.guide_id = ?""")
                .params(questionId, guideId).query(Integer.class).single() == 0) {
            throw new NotFoundException();
        }
        if (!(boolean) head[2]) {
            return new Target(guideId, version, false, areaId, questionId);
        }
        // Two editors changing the same locked version at once must not both pick the same number.
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("guide:" + name).query(Object.class).single();
        var next = jdbc.sql("select max(version) + 1 from guide where name = ?").param(name).query(Integer.class).single();
        var copy = jdbc.sql("insert into guide (name, version, based_on) values (?, ?, ?) returning id")
                .params(name, next, guideId).query(Long.class).single();
        Long newArea = null;
        var oldAreas = jdbc.sql("select id from guide_area where guide_id = ? order by position, id").param(guideId).query(Long.class).list();
        for (var oldArea : oldAreas) {
            var created = jdbc.sql("""
                    insert into guide_area (guide_id, position, code, title, intro)
                    select ?, position, code, title, intro from guide_area where id = ? returning id""")
                    .params(copy, oldArea).query(Long.class).single();
            jdbc.sql("""
                    insert into guide_question (area_id, position, question_key, type, text, interviewer_prompt, options)
                    select ?, position, question_key, type, text, interviewer_prompt, options from guide_question where area_id = ?""")
                    .params(created, oldArea).update();
            if (oldArea.equals(areaId)) {
                newArea = created;
            }
        }
        jdbc.sql("""
                insert into question_wording (question_id, language, age_band, text)
                select nq.id, w.language, w.age_band, w.text
                from question_wording w
                join guide_question oq on oq.id = w.question_id join guide_area oa on oa.id = oq.area_id
                join guide_area na on na.guide_id = :copy and na.code = oa.code
                join guide_question nq on nq.area_id = na.id and nq.question_key = oq.question_key
                where oa.guide_id = :old""")
                .param("copy", copy).param("old", guideId).update();
        Long newQuestion = null;
        if (questionId != null) {
            newQuestion = jdbc.sql("""
                    select nq.id from guide_question oq join guide_area oa on oa.id = oq.area_id
                    join guide_area na on na.guide_id = ? and na.code = oa.code
                    join guide_question nq on nq.area_id = na.id and nq.question_key = oq.question_key
                    where oq.id = ?""").params(copy, questionId).query(Long.class).single();
        }
        return new Target(copy, next, true, newArea, newQuestion);
    }

    // Helpers ---------------------------------------------------------------------------------------

    private record ValidQuestion(String text, QuestionType type, List<String> options, String prompt, String key) {
    }

    private ValidQuestion validate(QuestionDraft draft) {
        var text = required("text", draft.text(), MAX_TEXT, "guide.question.text.required", "guide.question.text.tooLong");
        QuestionType type;
        try {
            type = QuestionType.valueOf(Objects.requireNonNullElse(draft.type(), ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("type", "guide.question.type.required");
        }
        var options = new ArrayList<String>();
        if (type == QuestionType.SINGLE_CHOICE || type == QuestionType.MULTIPLE_CHOICE) {
            for (var line : Objects.requireNonNullElse(draft.options(), "").split("\\R")) {
                var option = line.strip();
                if (option.isEmpty()) {
                    continue;
                }
                if (option.length() > MAX_OPTION) {
                    throw new InvalidInputException("options", "guide.question.options.tooLong", MAX_OPTION);
                }
                if (options.stream().anyMatch(option::equalsIgnoreCase)) {
                    throw new InvalidInputException("options", "guide.question.options.duplicate", option);
                }
                options.add(option);
            }
            if (options.size() < 2) {
                throw new InvalidInputException("options", "guide.question.options.tooFew");
            }
            guard("options", String.join("\n", options));
        }
        // Options of other types are dropped on purpose: they would never be shown or counted.
        var prompt = optional("interviewerPrompt", draft.interviewerPrompt(), MAX_PROMPT, "guide.question.prompt.tooLong");
        String key = null;
        if (draft.key() != null && !draft.key().isBlank()) {
            key = draft.key().strip();
            if (key.length() > MAX_KEY || !KEY.matcher(key).matches()) {
                throw new InvalidInputException("key", "guide.question.key.format");
            }
        }
        return new ValidQuestion(text, type, List.copyOf(options), prompt, key);
    }

    private boolean keyUsedElsewhere(Guide guide, String key) {
        return jdbc.sql("""
                select count(*) from guide_question q join guide_area a on a.id = q.area_id join guide g on g.id = a.guide_id
                where g.name = ? and g.id <> ? and q.question_key = ?""")
                .params(guide.name(), guide.id(), key).query(Integer.class).single() > 0;
    }

    /** "kontakt" + "Hur ofta träffar du din socialsekreterare?" becomes "kontakt.hur_ofta_traffar_du". */
    private static String generatedKey(Guide guide, Area area, String text) {
        var taken = new HashSet<String>();
        guide.questions().forEach(q -> taken.add(q.key()));
        var prefix = area.code().replaceAll("[^a-z0-9_]", "_");
        return unique(prefix + "." + slug(text, 4), taken);
    }

    static String slug(String text, int words) {
        var ascii = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        var parts = ascii.replaceAll("[^a-z0-9]+", " ").strip().split(" +");
        var slug = String.join("_", java.util.Arrays.stream(parts).filter(p -> !p.isEmpty()).limit(words).toList());
        if (slug.length() > 40) {
            slug = slug.substring(0, 40).replaceAll("_+$", "");
        }
        return slug.isEmpty() ? "fraga" : slug;
    }

    private static String unique(String base, java.util.Set<String> taken) {
        var candidate = base;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = base + "_" + i;
        }
        return candidate;
    }

    private static String required(String field, String value, int max, String requiredKey, String tooLongKey) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, requiredKey);
        }
        var trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new InvalidInputException(field, tooLongKey, max);
        }
        guard(field, trimmed);
        return trimmed;
    }

    private static String optional(String field, String value, int max, String tooLongKey) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new InvalidInputException(field, tooLongKey, max);
        }
        guard(field, trimmed);
        return trimmed;
    }

    private static void guard(String field, String text) {
        if (IdentityNumbers.containsIdentityNumber(text)) {
            throw new InvalidInputException(field, "privacy.identityNumber");
        }
    }

    private void swapWithNeighbour(String table, List<Long> orderedIds, long id, boolean up) {
        var index = orderedIds.indexOf(id);
        var other = up ? index - 1 : index + 1;
        if (index < 0 || other < 0 || other >= orderedIds.size()) {
            return;
        }
        // Renumber the whole list in its new order: old data may have gaps or equal positions.
        var order = new ArrayList<>(orderedIds);
        java.util.Collections.swap(order, index, other);
        for (int i = 0; i < order.size(); i++) {
            jdbc.sql("update " + table + " set position = ? where id = ?").params(i + 1, order.get(i)).update();
        }
    }

    private void requireEditor() {
        if (!mayEdit()) {
            throw new NotFoundException();
        }
    }
}
