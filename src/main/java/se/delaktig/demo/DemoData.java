package se.delaktig.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import se.delaktig.guide.Guide;
import se.delaktig.guide.Guides;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.Interviews;
import se.delaktig.interview.Reflection;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;
import se.delaktig.round.Bookings;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.Conflicts;
import se.delaktig.round.ConsentParty;
import se.delaktig.round.ContactType;
import se.delaktig.round.LetterRecipient;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import tools.jackson.databind.json.JsonMapper;

/** Seeds the demo into an empty embedded database. */
@Component
@Order(10)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "delaktig-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DatabaseMode mode;
    private final DelaktigProperties properties;
    private final Organization organization;
    private final Guides guides;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Interviews interviews;
    private final Bookings bookings;
    private final Conflicts conflicts;
    private final JsonMapper json;
    private final DemoAnalysis analysis;
    private final DemoHistory history;

    DemoData(DatabaseMode mode, DelaktigProperties properties, Organization organization, Guides guides,
             RoundService rounds, ParticipantService participants, Interviews interviews, Bookings bookings,
             Conflicts conflicts, JsonMapper json, DemoAnalysis analysis, DemoHistory history) {
        this.analysis = analysis;
        this.history = history;
        this.bookings = bookings;
        this.conflicts = conflicts;
        this.mode = mode;
        this.properties = properties;
        this.organization = organization;
        this.guides = guides;
        this.rounds = rounds;
        this.participants = participants;
        this.interviews = interviews;
        this.json = json;
    }

    /** One child of the demo content file. */
    record Child(int age, Gender gender, String language, ContactType contactType, Integer guardianCount,
                 String firstName, String contact, List<String> current, List<String> former, String knownBy,
                 String interviewer, ChildAnswer child, GuardianAnswer guardians, String guardianReason,
                 Map<String, String> answers, Map<String, String> words, String notes, Visit booking, String duration,
                 String experience, String experienceWords, Reflection reflection) {
    }

    record Visit(LocalDate date, LocalTime time, String place) {
    }

    record Content(List<Child> children, List<Child> declined) {
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!mode.embedded() || !properties.demo()) {
            return;
        }
        if (!organization.municipalities().isEmpty()) {
            return;
        }
        var guide = guides.latest().flatMap(g -> guides.find(g.id()))
                .orElseThrow(() -> new IllegalStateException("The default guide is missing: migrations did not run"));
        log.info("Seeding the demo (Exempelkommun and Grannkommun); every demo user has the password '{}'", PASSWORD);
        seed(guide);
    }

    void seed(Guide guide) throws IOException {
        var region = organization.createRegion("Region Exempel");
        var municipality = organization.createMunicipality("Exempelkommun", region);
        var unit = organization.createUnit(municipality, "Barn- och familjeenheten");

        organization.createStaff("admin", "Alex Berg", "Systemadministratör", "admin@exempelkommun.example", PASSWORD, true);
        var staff = new HashMap<String, Long>();
        staff.put("processledare", person("processledare", "Maria Lind", "Kvalitetsutvecklare", unit, Role.PROCESS_LEAD));
        staff.put("enhetschef", person("enhetschef", "Johan Ek", "Enhetschef", unit, Role.UNIT_MANAGER));
        var names = List.of("Sara Holm", "Ali Hassan", "Karin Sjö", "Mikael Strand", "Emma Nord", "Leila Karimi");
        for (int i = 0; i < names.size(); i++) {
            var username = "intervjuare" + (i + 1);
            staff.put(username, person(username, names.get(i), "Socialsekreterare", unit, Role.INTERVIEWER));
        }
        person("fou", "Ingrid Falk", "FoU-stöd, Region Exempel", unit, Role.RD_ANALYST);

        Content content;
        try (InputStream in = new ClassPathResource("demo/finished-round.json").getInputStream()) {
            content = json.readValue(in, Content.class);
        }
        var finished = finishedRound(unit, guide, staff, content);
        var childIds = new HashMap<String, Long>();
        for (int i = 0; i < content.children().size(); i++) {
            childIds.put(content.children().get(i).firstName(), finished.participantIds().get(i));
        }
        analysis.seed(municipality, finished.roundId(), guide, childIds);
        history.seed(unit, guide, staff);
        as("processledare", () -> rounds.create(unit, guide.id(), new RoundService.Plan("Barns röster 2027",
                LocalDate.of(2027, 1, 15), LocalDate.of(2027, 11, 30), 8, LocalDate.of(2027, 10, 14))));

        var neighbour = organization.createMunicipality("Grannkommun", region);
        var neighbourUnit = organization.createUnit(neighbour, "Barnenheten");
        person("grannkommun", "Peter Dahl", "Processledare", neighbourUnit, Role.PROCESS_LEAD);
        var neighbourWorker = person("grannkommun-ssk", "Lina Åberg", "Socialsekreterare", neighbourUnit, Role.INTERVIEWER);
        var neighbourRound = as("grannkommun", () -> rounds.create(neighbourUnit, guide.id(), new RoundService.Plan(
                "Barnens röster i Grannkommun 2026", LocalDate.of(2026, 9, 1), LocalDate.of(2027, 3, 31), 5, null)));
        var neighbourInterviewer = person("grannkommun-int", "Jonas Ström", "Socialsekreterare", neighbourUnit, Role.INTERVIEWER);
        as("grannkommun", () -> {
            rounds.advance(neighbourRound.id());
            var hugo = participants.add(neighbourRound.id(), new ParticipantService.NewParticipant(13, Gender.BOY, "sv",
                    ContactType.INVESTIGATION, "Hugo", "Pappa, telefon 070-000 01 01", List.of(neighbourWorker), List.of(), 1));
            var wilma = participants.add(neighbourRound.id(), new ParticipantService.NewParticipant(8, Gender.GIRL, "sv",
                    ContactType.INTERVENTION, "Wilma", "Mamma, telefon 070-000 01 02", List.of(neighbourWorker), List.of(), 2));
            var ebba = participants.add(neighbourRound.id(), new ParticipantService.NewParticipant(12, Gender.GIRL, "en",
                    ContactType.PLACEMENT, "Ebba", "Familjehemmet, telefon 070-000 01 03", List.of(neighbourWorker), List.of(), 1));
            for (var p : List.of(hugo, wilma, ebba)) {
                participants.recordLetterSent(p.id(), LetterRecipient.CHILD, LocalDate.now().minusDays(14));
                participants.recordLetterSent(p.id(), LetterRecipient.GUARDIANS, LocalDate.now().minusDays(14));
            }
            participants.recordConsent(hugo.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            participants.recordConsent(ebba.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
            // One child changed her mind: withdrawal is possible at any time and is kept in the history.
            participants.withdraw(ebba.id(), ConsentParty.CHILD, "Vill inte vara med just nu.");
            participants.assign(hugo.id(), neighbourInterviewer);
            bookings.book(hugo.id(), new Bookings.BookingInput(LocalDate.now().plusDays(1), LocalTime.of(16, 0),
                    "Fritidsgårdens samtalsrum"));
            return null;
        });
        log.info("Demo seeded");
    }

    /** The finished round and its participants, in the order of the content file (interviewed children first). */
    record Finished(long roundId, List<Long> participantIds) {
    }

    private Finished finishedRound(long unit, Guide guide, Map<String, Long> staff, Content content) {
        var round = as("processledare", () -> rounds.create(unit, guide.id(), new RoundService.Plan("Barns röster 2026",
                LocalDate.of(2026, 2, 1), LocalDate.of(2026, 10, 31), 8, LocalDate.of(2026, 10, 21))));
        var all = new ArrayList<Child>(content.children());
        all.addAll(content.declined());
        var participantIds = new ArrayList<Long>();
        as("processledare", () -> {
            rounds.advance(round.id());
            for (var child : all) {
                var p = participants.add(round.id(), new ParticipantService.NewParticipant(child.age(), child.gender(),
                        child.language(), child.contactType(), child.firstName(), child.contact(),
                        ids(staff, child.current()), ids(staff, child.former()), child.guardianCount()));
                participants.recordLetterSent(p.id(), LetterRecipient.CHILD, LocalDate.of(2026, 3, 2));
                if (child.guardianCount() != null && child.guardianCount() > 0) {
                    participants.recordLetterSent(p.id(), LetterRecipient.GUARDIANS, LocalDate.of(2026, 3, 2));
                }
                if (child.guardianReason() != null) {
                    participants.recordAnswer(p.id(), ConsentParty.CHILD, child.child(), null);
                    participants.recordAnswer(p.id(), ConsentParty.GUARDIAN_1, ChildAnswer.NO, child.guardianReason());
                } else {
                    participants.recordConsent(p.id(), child.child(), child.guardians());
                }
                if (child.knownBy() != null) {
                    conflicts.markKnowsFamily(p.id(), staff.get(child.knownBy()), null);
                }
                participantIds.add(p.id());
            }
            rounds.advance(round.id());
            for (int i = 0; i < content.children().size(); i++) {
                var child = content.children().get(i);
                participants.assign(participantIds.get(i), staff.get(child.interviewer()));
                bookings.book(participantIds.get(i), new Bookings.BookingInput(child.booking().date(), child.booking().time(),
                        child.booking().place()));
            }
            rounds.advance(round.id());
            return null;
        });
        var byKey = new HashMap<String, Long>();
        guide.questions().forEach(q -> byKey.put(q.key(), q.id()));
        for (int i = 0; i < content.children().size(); i++) {
            var child = content.children().get(i);
            var participantId = participantIds.get(i);
            as(child.interviewer(), () -> {
                var interview = interviews.open(participantId);
                var answers = new ArrayList<AnswerInput>();
                for (var key : byKey.keySet()) {
                    var value = child.answers().get(key);
                    var words = child.words().get(key);
                    if (value != null || words != null) {
                        answers.add(new AnswerInput(byKey.get(key), value, words, null));
                    }
                }
                var saved = interviews.save(interview.id(), interview.version(), new InterviewDraft(answers, child.notes(),
                        child.duration(), child.experience(), child.experienceWords(), null));
                interviews.saveReflection(saved.id(), child.reflection());
                return interviews.complete(saved.id(), interviews.get(saved.id()).version());
            });
        }
        as("processledare", () -> {
            while (rounds.get(round.id()).stage() != Stage.REPORT) {
                rounds.advance(round.id());
            }
            // The process lead's review finds no child's name in the demo's free text, so the
            // interviews are opened for the unit as a real process lead would after the review.
            interviews.openForReading(round.id(), false);
            return null;
        });
        return new Finished(round.id(), List.copyOf(participantIds));
    }

    private long person(String username, String name, String title, long unit, Role role) {
        var id = organization.createStaff(username, name, title, username + "@exempel.example", PASSWORD, false);
        organization.grant(id, unit, role);
        return id;
    }

    private static List<Long> ids(Map<String, Long> staff, List<String> usernames) {
        return usernames == null ? List.of() : usernames.stream().map(staff::get).toList();
    }

    private static <T> T as(String username, Supplier<T> work) {
        return AsUser.as(username, work);
    }
}
