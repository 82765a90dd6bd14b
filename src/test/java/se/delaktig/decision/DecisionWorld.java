package se.delaktig.decision;

import java.time.LocalDate;
import java.util.List;

import org.springframework.stereotype.Component;
import se.delaktig.TestFixtures;
import se.delaktig.round.RoundService;
import se.delaktig.seminar.Seminars;

/**
 * A unit with two rounds of a small guide: last year's and this year's, each with three proposals from
 * its seminar (ranked in the order they were added). Nothing is decided yet.
 */
@Component
public class DecisionWorld {

    public static final List<String> PROPOSALS = List.of(
            "Barnet ska få behålla samma socialsekreterare",
            "Förklara beslut så att barnet förstår",
            "Träffa barnet där barnet vill");

    public record World(TestFixtures.Org org, long previousRoundId, String previousTitle, List<Long> previousProposals,
                        long roundId, String title, List<Long> proposals) {

        public String manager() {
            return org.manager();
        }

        public String lead() {
            return org.processLead();
        }

        public String interviewer() {
            return org.interviewers().get(0);
        }

        public long interviewerId() {
            return org.interviewerIds().get(0);
        }
    }

    private final TestFixtures fixtures;
    private final RoundService rounds;
    private final Seminars seminars;

    DecisionWorld(TestFixtures fixtures, RoundService rounds, Seminars seminars) {
        this.fixtures = fixtures;
        this.rounds = rounds;
        this.seminars = seminars;
    }

    public World create() {
        var org = fixtures.organisation();
        var guide = fixtures.smallGuide();
        var previousTitle = "Barns röster 2025 " + org.suffix();
        var title = "Barns röster 2026 " + org.suffix();
        var previous = round(org, guide, previousTitle, 2025);
        var current = round(org, guide, title, 2026);
        return new World(org, previous, previousTitle, proposals(org, previous), current, title, proposals(org, current));
    }

    private long round(TestFixtures.Org org, long guide, String title, int year) {
        return TestFixtures.as(org.processLead(), () -> rounds.create(org.unitId(), guide, new RoundService.Plan(title,
                LocalDate.of(year, 3, 1), LocalDate.of(year, 6, 30), 5, LocalDate.of(year, 9, 10))).id());
    }

    private List<Long> proposals(TestFixtures.Org org, long roundId) {
        return TestFixtures.as(org.interviewers().get(0), () -> PROPOSALS.stream()
                .map(text -> seminars.addProposal(roundId, new Seminars.NewProposal(text, "kontakt", null)).id())
                .toList());
    }
}
