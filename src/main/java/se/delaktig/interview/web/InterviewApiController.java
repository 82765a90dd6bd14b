package se.delaktig.interview.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.InterviewView;
import se.delaktig.interview.Interviews;
import se.delaktig.interview.NameFinding;
import se.delaktig.web.InvalidInputException;

/**
 * Interviews as JSON. A wrong id, or an interview of another unit, is a 404 problem; rejected input
 * a 400 problem naming the field; a save based on an old version a 400 with field {@code version}.
 */
@RestController
@RequestMapping("/api/v1/interviews")
class InterviewApiController {

    /** The whole draft: answers replace what was saved, so a question left out loses its answer. */
    record UpdateRequest(Integer version, String notes, List<AnswerInput> answers, Integer durationMinutes,
                         String childExperience, String childExperienceWords, String transcript) {
    }

    record CompleteRequest(Integer version) {
    }

    private final Interviews interviews;

    InterviewApiController(Interviews interviews) {
        this.interviews = interviews;
    }

    @GetMapping("/{id}")
    InterviewView get(@PathVariable long id) {
        return interviews.get(id);
    }

    /**
     * The first names of the caller's own children that stand in the interview's free text, by field;
     * empty for anyone but the assigned interviewer. Completing is refused while any is left.
     */
    @GetMapping("/{id}/names")
    List<NameFinding> names(@PathVariable long id) {
        return interviews.childNames(id);
    }

    @PutMapping("/{id}")
    InterviewView update(@PathVariable long id, @RequestBody UpdateRequest request) {
        return interviews.save(id, requireVersion(request.version()), new InterviewDraft(request.answers(), request.notes(),
                request.durationMinutes() == null ? null : request.durationMinutes().toString(), request.childExperience(),
                request.childExperienceWords(), request.transcript()));
    }

    @PostMapping("/{id}/complete")
    InterviewView complete(@PathVariable long id, @RequestBody CompleteRequest request) {
        return interviews.complete(id, requireVersion(request.version()));
    }

    private static int requireVersion(Integer version) {
        if (version == null) {
            throw new InvalidInputException("version", "interview.version.required");
        }
        return version;
    }
}
