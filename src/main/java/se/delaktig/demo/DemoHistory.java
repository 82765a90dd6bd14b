package se.delaktig.demo;

import static se.delaktig.demo.AsUser.as;
import static se.delaktig.demo.AsUser.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.DecidingBody;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.Outcome;
import se.delaktig.guide.Guide;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.Interviews;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.ContactType;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.seminar.Seminars;
import tools.jackson.databind.json.JsonMapper;

/**
 * The unit's previous round, "Barns röster 2025", read from {@code demo/previous-round.json}: twelve
 * children interviewed (structured answers only), proposals decided by the committee or the unit's
 * management, actions done, in progress and overdue, and the round closed, so that its key list is
 * destroyed. It gives the trends a year to compare with and the 2026 memo last year's actions to
 * follow up.
 */
@Component
class DemoHistory {

    record Child(String firstName, int age, Gender gender, ContactType contactType, String interviewer, String current,
                 Map<String, String> answers) {
    }

    record ActionSeed(String text, String owner, LocalDate deadline, ActionStatus status, String note) {
    }

    record ProposalSeed(String area, String text, Outcome outcome, DecidingBody body, LocalDate decidedOn, String reason,
                        List<ActionSeed> actions) {
    }

    record Content(String title, LocalDate periodStart, LocalDate periodEnd, LocalDate seminarOn, List<Child> children,
                   List<ProposalSeed> proposals) {
    }

    private static final String LEAD = "processledare";
    private static final String MANAGER = "enhetschef";

    private final RoundService rounds;
    private final ParticipantService participants;
    private final Interviews interviews;
    private final Seminars seminars;
    private final Decisions decisions;
    private final JsonMapper json;

    DemoHistory(RoundService rounds, ParticipantService participants, Interviews interviews, Seminars seminars,
                Decisions decisions, JsonMapper json) {
        this.rounds = rounds;
        this.participants = participants;
        this.interviews = interviews;
        this.seminars = seminars;
        this.decisions = decisions;
        this.json = json;
    }

    void seed(long unitId, Guide guide, Map<String, Long> staff) {
        Content content;
        try (InputStream in = new ClassPathResource("demo/previous-round.json").getInputStream()) {
            content = json.readValue(in, Content.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var round = as(LEAD, () -> rounds.create(unitId, guide.id(), new RoundService.Plan(content.title(),
                content.periodStart(), content.periodEnd(), content.children().size(), content.seminarOn())));
        var participantIds = new ArrayList<Long>();
        run(LEAD, () -> {
            rounds.advance(round.id());
            for (var child : content.children()) {
                var p = participants.add(round.id(), new ParticipantService.NewParticipant(child.age(), child.gender(), "sv",
                        child.contactType(), child.firstName(), "Vårdnadshavare via socialsekreteraren",
                        List.of(staff.get(child.current())), List.of(), 1));
                participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
                participantIds.add(p.id());
            }
            rounds.advance(round.id());
            for (int i = 0; i < content.children().size(); i++) {
                participants.assign(participantIds.get(i), staff.get(content.children().get(i).interviewer()));
            }
            rounds.advance(round.id());
        });
        for (int i = 0; i < content.children().size(); i++) {
            var child = content.children().get(i);
            var participantId = participantIds.get(i);
            run(child.interviewer(), () -> {
                var interview = interviews.open(participantId);
                var answers = new ArrayList<AnswerInput>();
                guide.questions().forEach(q -> {
                    var value = child.answers().get(q.key());
                    if (value != null) {
                        answers.add(new AnswerInput(q.id(), value, null, null));
                    }
                });
                var saved = interviews.save(interview.id(), interview.version(),
                        new InterviewDraft(answers, null, "45", null, null, null));
                interviews.complete(saved.id(), interviews.get(saved.id()).version());
            });
        }
        var proposalIds = new ArrayList<Long>();
        run(LEAD, () -> {
            while (rounds.get(round.id()).stage() != Stage.SEMINAR) {
                rounds.advance(round.id());
            }
            interviews.openForReading(round.id(), false);
            for (var proposal : content.proposals()) {
                proposalIds.add(seminars.addProposal(round.id(), new Seminars.NewProposal(proposal.text(), proposal.area(), null)).id());
            }
            while (rounds.get(round.id()).stage() != Stage.DECISIONS) {
                rounds.advance(round.id());
            }
        });
        run(MANAGER, () -> {
            for (int i = 0; i < content.proposals().size(); i++) {
                var proposal = content.proposals().get(i);
                var proposalId = proposalIds.get(i);
                decisions.decide(round.id(), new Decisions.DecisionInput(proposalId, proposal.outcome(), proposal.reason(),
                        proposal.body(), proposal.decidedOn(), null, null));
                for (var seed : proposal.actions()) {
                    var action = decisions.addAction(round.id(), new Decisions.NewAction(proposalId, seed.text(),
                            staff.get(seed.owner()), seed.deadline()));
                    if (seed.status() != ActionStatus.PLANNED) {
                        action = decisions.updateAction(action.id(), new Decisions.ActionChange(null, null, null, seed.status(),
                                action.version()));
                    }
                    if (seed.note() != null) {
                        decisions.addNote(action.id(), seed.note());
                    }
                }
            }
        });
        run(LEAD, () -> {
            while (rounds.get(round.id()).stage() != Stage.FEEDBACK) {
                rounds.advance(round.id());
            }
            rounds.close(round.id(), true);
        });
    }
}
