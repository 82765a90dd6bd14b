package se.delaktig.decision.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.decision.Action;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.DecidingBody;
import se.delaktig.decision.Decision;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.FollowUp;
import se.delaktig.decision.Outcome;
import se.delaktig.decision.StaleChangeException;
import se.delaktig.web.InvalidInputException;

/**
 * Decisions, actions and the follow-up as JSON. Enumerations and dates arrive as text, so a wrong value
 * is answered with a problem detail naming the field rather than a generic "unreadable" one. A change
 * made on an outdated copy is answered 409.
 */
@RestController
class DecisionApiController {

    /** A decision: outcome APPROVED / REJECTED / POSTPONED, body UNIT_MANAGEMENT / COMMITTEE, decidedOn ÅÅÅÅ-MM-DD. */
    record DecisionRequest(Long proposalId, String outcome, String reason, String body, String decidedOn,
                           String decidedBy, Long replaces) {
    }

    record ActionRequest(Long proposalId, String text, Long ownerId, String deadline) {
    }

    /** A change; a field left out keeps its value. {@code version} is required. */
    record ActionChangeRequest(String text, Long ownerId, String deadline, String status, Integer version) {
    }

    record NoteRequest(String text) {
    }

    private final Decisions decisions;
    private final FollowUp followUp;
    private final MessageSource messages;

    DecisionApiController(Decisions decisions, FollowUp followUp, MessageSource messages) {
        this.decisions = decisions;
        this.followUp = followUp;
        this.messages = messages;
    }

    @GetMapping("/api/v1/rounds/{id}/decisions")
    List<Decisions.ProposalDecisions> decisions(@PathVariable long id) {
        return decisions.forRound(id).proposals();
    }

    @PostMapping("/api/v1/rounds/{id}/decisions")
    @ResponseStatus(HttpStatus.CREATED)
    Decision decide(@PathVariable long id, @RequestBody DecisionRequest request) {
        return decisions.decide(id, new Decisions.DecisionInput(proposal(request.proposalId()),
                Decisions.choice(Outcome.class, "outcome", request.outcome()), request.reason(),
                Decisions.choice(DecidingBody.class, "body", request.body()),
                Decisions.date("decidedOn", request.decidedOn()), request.decidedBy(), request.replaces()));
    }

    @PostMapping("/api/v1/rounds/{id}/actions")
    @ResponseStatus(HttpStatus.CREATED)
    Action addAction(@PathVariable long id, @RequestBody ActionRequest request) {
        return decisions.addAction(id, new Decisions.NewAction(proposal(request.proposalId()), request.text(),
                request.ownerId(), Decisions.date("deadline", request.deadline())));
    }

    @GetMapping("/api/v1/rounds/{id}/follow-up")
    List<FollowUp.Item> followUp(@PathVariable long id) {
        return followUp.previousRoundActions(id);
    }

    @GetMapping("/api/v1/actions")
    List<Action> actions(@RequestParam(required = false) boolean mine, @RequestParam(required = false) boolean overdue,
                         @RequestParam(required = false) String status) {
        return decisions.actions(new Decisions.ActionFilter(mine, overdue,
                Decisions.choice(ActionStatus.class, "status", status)));
    }

    @GetMapping("/api/v1/actions/{id}")
    Action action(@PathVariable long id) {
        return decisions.action(id);
    }

    @PutMapping("/api/v1/actions/{id}")
    Action change(@PathVariable long id, @RequestBody ActionChangeRequest request) {
        if (request.version() == null) {
            throw new InvalidInputException("version", "decision.action.version.required");
        }
        return decisions.updateAction(id, new Decisions.ActionChange(request.text(), request.ownerId(),
                Decisions.date("deadline", request.deadline()),
                Decisions.choice(ActionStatus.class, "status", request.status()), request.version()));
    }

    @PostMapping("/api/v1/actions/{id}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    Action note(@PathVariable long id, @RequestBody NoteRequest request) {
        return decisions.addNote(id, request.text());
    }

    @ExceptionHandler(StaleChangeException.class)
    ResponseEntity<ProblemDetail> stale(StaleChangeException e, HttpServletRequest request) {
        var locale = LocaleContextHolder.getLocale();
        var message = messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale);
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, message);
        problem.setTitle(messages.getMessage("decision.conflict.title", null, locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", message)));
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static long proposal(Long id) {
        if (id == null) {
            throw new InvalidInputException("proposalId", "decision.proposal.unknown");
        }
        return id;
    }
}
