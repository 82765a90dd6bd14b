package se.delaktig.guide.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.guide.Area;
import se.delaktig.guide.Guide;
import se.delaktig.guide.GuideComparison;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.guide.Wording;
import se.delaktig.web.NotFoundException;

/** Interview guides as JSON, for integrations and regional comparison by question key. */
@RestController
@RequestMapping("/api/v1/guides")
class GuideApiController {

    record GuideSummaryJson(long id, String name, int version, int questionCount, boolean locked) {
    }

    record GuideJson(long id, String name, int version, boolean locked, int questionCount, List<AreaJson> areas) {
        static GuideJson of(Guide guide) {
            return new GuideJson(guide.id(), guide.name(), guide.version(), guide.locked(), (int) guide.questions().count(),
                    guide.areas().stream().map(AreaJson::of).toList());
        }
    }

    record AreaJson(long id, String code, String title, String intro, int position, List<QuestionJson> questions) {
        static AreaJson of(Area area) {
            return new AreaJson(area.id(), area.code(), area.title(), area.intro(), area.position(),
                    area.questions().stream().map(QuestionJson::of).toList());
        }
    }

    record QuestionJson(long id, String key, QuestionType type, String text, String interviewerPrompt,
                        List<String> options, int position, List<WordingJson> wordings) {
        static QuestionJson of(Question q) {
            return new QuestionJson(q.id(), q.key(), q.type(), q.text(), q.interviewerPrompt(), q.options(), q.position(),
                    q.wordings().stream().map(WordingJson::of).toList());
        }
    }

    /** Child-facing wording; {@code ageBand} ("5-8", "9-12", "13-18") is null for every age. */
    record WordingJson(String language, String ageBand, String text) {
        static WordingJson of(Wording w) {
            return new WordingJson(w.language(), w.ageBand() == null ? null : w.ageBand().code(), w.text());
        }
    }

    record LanguageJson(String code, String name, String direction) {
    }

    record ChangeJson(String key, GuideComparison.Kind kind, List<GuideComparison.Field> fields, QuestionJson before,
                      QuestionJson after) {
        static ChangeJson of(GuideComparison.Change c) {
            return new ChangeJson(c.key(), c.kind(), c.fields().stream().sorted().toList(),
                    c.before() == null ? null : QuestionJson.of(c.before()), c.after() == null ? null : QuestionJson.of(c.after()));
        }
    }

    private final Guides guides;

    GuideApiController(Guides guides) {
        this.guides = guides;
    }

    @GetMapping
    List<GuideSummaryJson> all() {
        return guides.all().stream().map(s -> new GuideSummaryJson(s.id(), s.name(), s.version(), s.questionCount(), s.locked())).toList();
    }

    /** The languages child-facing wording can be written in. */
    @GetMapping("/languages")
    List<LanguageJson> languages() {
        return guides.languages().stream().map(l -> new LanguageJson(l.code(), l.name(), l.direction())).toList();
    }

    /** What changed between two versions, question by question (matched by key). */
    @GetMapping("/{from}/compare/{to}")
    List<ChangeJson> compare(@PathVariable long from, @PathVariable long to) {
        return guides.compare(from, to).changes().stream().map(ChangeJson::of).toList();
    }

    @GetMapping("/{id}")
    GuideJson one(@PathVariable long id) {
        return GuideJson.of(guides.find(id).orElseThrow(NotFoundException::new));
    }
}
