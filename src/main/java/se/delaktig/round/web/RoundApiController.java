package se.delaktig.round.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import se.delaktig.round.CaseWorker;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.ConsentEvent;
import se.delaktig.round.ConsentParty;
import se.delaktig.round.ConsentState;
import se.delaktig.round.ContactType;
import se.delaktig.round.LetterRecipient;
import se.delaktig.round.Selections;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.web.InvalidInputException;

/**
 * Rounds and participants as JSON. Participants appear only by pseudonym: the key list is not part
 * of the API, so no script ever holds a child's name.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Rounds", description = "Rounds of the cycle, participants, consent and assignment")
class RoundApiController {

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Selections selections;

    RoundApiController(RoundService rounds, ParticipantService participants, Selections selections) {
        this.selections = selections;
        this.rounds = rounds;
        this.participants = participants;
    }

    record RoundJson(long id, long unitId, String title, LocalDate periodStart, LocalDate periodEnd, long guideId,
                     String stage, Integer targetChildren, LocalDate seminarDate) {
        static RoundJson of(Round r) {
            return new RoundJson(r.id(), r.unitId(), r.title(), r.periodStart(), r.periodEnd(), r.guideId(), r.stage().name(),
                    r.targetChildren(), r.seminarDate());
        }
    }

    record NewRoundJson(Long unitId, Long guideId, String title, LocalDate periodStart, LocalDate periodEnd,
                        Integer targetChildren, LocalDate seminarDate) {
    }

    record ParticipantJson(long id, long roundId, String pseudonym, int age, Gender gender, ChildAnswer childAnswer,
                           GuardianAnswer guardianAnswer, String consent, Long interviewerId, List<CaseWorker> caseWorkers,
                           String language, ContactType contactType, int guardians, ConsentState consentState) {
        static ParticipantJson of(Participant p) {
            return new ParticipantJson(p.id(), p.roundId(), p.pseudonym(), p.age(), p.gender(), p.childAnswer(),
                    p.guardianAnswer(), p.consent().name(), p.interviewerId(), p.caseWorkers(), p.language(),
                    p.contactType(), p.guardians(), p.consentState());
        }
    }

    record NewParticipantJson(Integer age, Gender gender, String firstName, String contact,
                              List<Long> currentCaseWorkers, List<Long> formerCaseWorkers, String language,
                              ContactType contactType, Integer guardians) {
    }

    record ConsentAnswerJson(ConsentParty party, ChildAnswer answer, String reason) {
    }

    record WithdrawalJson(ConsentParty party, String reason) {
    }

    record LetterSentJson(LocalDate sentOn) {
    }

    record ConsentJson(ChildAnswer childAnswer, GuardianAnswer guardianAnswer) {
    }

    record AssignmentJson(Long interviewerId) {
    }

    @GetMapping("/rounds")
    @Operation(summary = "Rounds in the caller's units")
    List<RoundJson> rounds() {
        return rounds.visible().stream().map(RoundJson::of).toList();
    }

    @GetMapping("/rounds/{id}")
    RoundJson round(@PathVariable long id) {
        return RoundJson.of(rounds.get(id));
    }

    @PostMapping("/rounds")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Plan a round (process leads of the unit)")
    RoundJson create(@RequestBody NewRoundJson body) {
        if (body.unitId() == null) {
            throw new InvalidInputException("unitId", "round.unit.required");
        }
        if (body.guideId() == null) {
            throw new InvalidInputException("guideId", "round.guide.missing");
        }
        var round = rounds.create(body.unitId(), body.guideId(), new RoundService.Plan(body.title(), body.periodStart(),
                body.periodEnd(), body.targetChildren(), body.seminarDate()));
        return RoundJson.of(round);
    }

    @PostMapping("/rounds/{id}/advance")
    @Operation(summary = "Move the round to the next step of the cycle",
            description = "Moves at once. Unlike the round page, which lists the step's unfinished work and asks before "
                    + "moving on (and always asks before ANALYSIS, which locks the interviews), the API does not ask: "
                    + "a script that calls it has decided. The last step is closing, which only POST .../close does.")
    RoundJson advance(@PathVariable long id) {
        return RoundJson.of(rounds.advance(id));
    }

    record CloseJson(Boolean confirm) {
    }

    record ClosureJson(long roundId, String stage, java.time.Instant closedAt, String closedBy, int retentionMonths,
                       LocalDate textShredDue, java.time.Instant textShreddedAt) {
    }

    @PostMapping("/rounds/{id}/close")
    @Operation(summary = "Close the round: destroys its key list and identity key and freezes it; cannot be undone",
            description = "Only from the last step (FEEDBACK), by the round's process lead, and only with {\"confirm\": true}. "
                    + "The free text is shredded when the municipality's retention period after closing has passed.")
    ClosureJson close(@PathVariable long id, @RequestBody(required = false) CloseJson body) {
        var round = rounds.close(id, body != null && Boolean.TRUE.equals(body.confirm()));
        return closure(round.id());
    }

    @GetMapping("/rounds/{id}/closure")
    @Operation(summary = "When the round was closed and when its free text is (or was) shredded; 404 while it is open")
    ClosureJson closure(@PathVariable long id) {
        var round = rounds.get(id);
        var c = rounds.closure(id).orElseThrow(se.delaktig.web.NotFoundException::new);
        return new ClosureJson(id, round.stage().name(), c.closedAt(), c.closedBy(), c.retentionMonths(), c.textShredDue(),
                c.textShreddedAt());
    }

    @GetMapping("/rounds/{id}/participants")
    List<ParticipantJson> participants(@PathVariable long id) {
        return participants.of(id).stream().map(ParticipantJson::of).toList();
    }

    @PostMapping("/rounds/{id}/participants")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a child; first name and contact go into the encrypted key list")
    ParticipantJson addParticipant(@PathVariable long id, @RequestBody NewParticipantJson body) {
        return ParticipantJson.of(participants.add(id, new ParticipantService.NewParticipant(body.age(), body.gender(),
                body.language(), body.contactType(), body.firstName(), body.contact(), body.currentCaseWorkers(),
                body.formerCaseWorkers(), body.guardians())));
    }

    @GetMapping("/participants/{id}")
    ParticipantJson participant(@PathVariable long id) {
        return ParticipantJson.of(participants.get(id));
    }

    @PutMapping("/participants/{id}/consent")
    ParticipantJson consent(@PathVariable long id, @RequestBody ConsentJson body) {
        participants.recordConsent(id, body.childAnswer(), body.guardianAnswer());
        return ParticipantJson.of(participants.get(id));
    }

    @GetMapping("/participants/{id}/consent-history")
    @Operation(summary = "The child's consent history, oldest first (process leads of the unit)")
    List<ConsentEvent> consentHistory(@PathVariable long id) {
        return participants.history(id);
    }

    @PostMapping("/participants/{id}/consent-answers")
    @Operation(summary = "Record one answer of the child or a guardian; a no may carry a reason")
    ParticipantJson consentAnswer(@PathVariable long id, @RequestBody ConsentAnswerJson body) {
        if (body.party() == null) {
            throw new InvalidInputException("party", "consent.withdrawal.partyRequired");
        }
        if (body.answer() == null) {
            throw new InvalidInputException("answer", "consent.answer.required");
        }
        participants.recordAnswer(id, body.party(), body.answer(), body.reason());
        return ParticipantJson.of(participants.get(id));
    }

    @PostMapping("/participants/{id}/withdrawal")
    @Operation(summary = "Withdraw consent: final, removes the child's answers from the round")
    ParticipantJson withdraw(@PathVariable long id, @RequestBody WithdrawalJson body) {
        try {
            participants.withdraw(id, body.party(), body.reason());
        } catch (InvalidInputException e) {
            // The service names the page's field; here the field is called "reason".
            throw e.field().equals("withdrawalReason") ? new InvalidInputException("reason", e.messageKey(), e.args()) : e;
        }
        return ParticipantJson.of(participants.get(id));
    }

    @PutMapping("/participants/{id}/letters/{recipient}")
    @Operation(summary = "Record the date a letter was sent (recipient CHILD or GUARDIANS)")
    Map<LetterRecipient, LocalDate> letterSent(@PathVariable long id, @PathVariable LetterRecipient recipient,
                                               @RequestBody LetterSentJson body) {
        participants.recordLetterSent(id, recipient, body.sentOn());
        return participants.lettersSent(id);
    }

    @GetMapping("/rounds/{id}/selection")
    @Operation(summary = "How the invited children spread over age band, gender, type of contact and language")
    Selections.Spread selection(@PathVariable long id) {
        return selections.spread(id);
    }

    @GetMapping("/rounds/{id}/missing")
    @Operation(summary = "Whose voices are missing, with small numbers suppressed (count null)")
    Selections.Missing missing(@PathVariable long id) {
        return selections.missing(id);
    }

    @PutMapping("/participants/{id}/assignment")
    ParticipantJson assign(@PathVariable long id, @RequestBody AssignmentJson body) {
        participants.assign(id, body.interviewerId());
        return ParticipantJson.of(participants.get(id));
    }
}
