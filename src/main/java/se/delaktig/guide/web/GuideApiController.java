package se.delaktig.guide.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.guide.Area;
import se.delaktig.guide.Guide;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.web.NotFoundException;

/** Interview guides as JSON, for integrations and regional comparison by question key. */
@RestController
@RequestMapping("/api/v1/guides")
class GuideApiController {

    record GuideSummaryJson(long id, String name, int version, int questionCount) {
    }

    record GuideJson(long id, String name, int version, int questionCount, List<AreaJson> areas) {
        static GuideJson of(Guide guide) {
            return new GuideJson(guide.id(), guide.name(), guide.version(), (int) guide.questions().count(),
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
                        List<String> options, int position) {
        static QuestionJson of(Question q) {
            return new QuestionJson(q.id(), q.key(), q.type(), q.text(), q.interviewerPrompt(), q.options(), q.position());
        }
    }

    private final Guides guides;

    GuideApiController(Guides guides) {
        this.guides = guides;
    }

    @GetMapping
    List<GuideSummaryJson> all() {
        return guides.all().stream().map(s -> new GuideSummaryJson(s.id(), s.name(), s.version(), s.questionCount())).toList();
    }

    @GetMapping("/{id}")
    GuideJson one(@PathVariable long id) {
        return GuideJson.of(guides.find(id).orElseThrow(NotFoundException::new));
    }
}
