package se.delaktig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import se.delaktig.guide.Guide;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Question;
import se.delaktig.guide.QuestionType;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.InterviewDraft;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.platform.DelaktigProperties;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.ContactType;
import se.delaktig.round.Gender;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * Bench only (compiled in the {@code bench} Maven profile, never in the product): builds a regional
 * data set through the application's own services, so that every free text is encrypted with its
 * round's key and every step is audited as in real use, and the load round the load generator saves
 * into. Enabled by {@code delaktig.bench.scale}; writes {@code <data-dir>/bench/manifest.properties}
 * for the driver ({@link Bench}). Runs once per data directory.
 *
 * <p>Scale 1: 13 municipalities × 5 units × 10 yearly rounds, 10 000 interviews. A smaller scale keeps
 * the 65 units and uses fewer years and fewer interviews per round.
 */
@Component
@Order(100)
@ConditionalOnProperty(name = "delaktig.bench.scale")
class BenchSeeder implements ApplicationRunner {

    static final String PASSWORD = "bench-password-1";
    static final String LOAD_LEAD = "bench-lead-load";
    private static final Logger log = LoggerFactory.getLogger(BenchSeeder.class);
    private static final int MUNICIPALITIES = 13;
    private static final int UNITS = 5;
    private static final int YEARS = 10;
    private static final int INTERVIEWS = 10_000;
    private static final List<String> NAMES = List.of("Alva", "Noah", "Elsa", "Liam", "Maja", "Hugo", "Vera", "Leo",
            "Ines", "Omar", "Saga", "Adam", "Nora", "Elias", "Tilda", "Ali");

    private final Organization organization;
    private final Guides guides;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Interviews interviews;
    private final Path dataDir;
    private final double scale;
    private final int savers;
    private final int threads;

    BenchSeeder(Organization organization, Guides guides, RoundService rounds, ParticipantService participants,
                Interviews interviews, DelaktigProperties properties,
                @Value("${delaktig.data-dir}") String dataDir,
                @Value("${delaktig.bench.scale}") double scale,
                @Value("${delaktig.bench.savers:100}") int savers,
                @Value("${delaktig.bench.seed-threads:2}") int threads) {
        this.organization = organization;
        this.guides = guides;
        this.rounds = rounds;
        this.participants = participants;
        this.interviews = interviews;
        this.dataDir = Path.of(dataDir);
        this.scale = scale;
        this.savers = savers;
        this.threads = threads;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        var manifest = dataDir.resolve("bench").resolve("manifest.properties");
        if (organization.staffByUsername(LOAD_LEAD).isPresent()) {
            log.info("Bench data already in place ({})", manifest);
            return;
        }
        var guide = guides.latest().flatMap(g -> guides.find(g.id())).orElseThrow();
        var started = System.nanoTime();
        var region = organization.createRegion("Region Bänk");
        var years = Math.max(1, Math.min(YEARS, (int) Math.round(YEARS * scale)));
        var total = Math.max(MUNICIPALITIES * UNITS * years, (int) Math.round(INTERVIEWS * scale));
        var roundCount = MUNICIPALITIES * UNITS * years;
        log.info("Bench: seeding {} municipalities × {} units × {} years, {} interviews, with {} threads",
                MUNICIPALITIES, UNITS, years, total, threads);
        var done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var jobs = new ArrayList<Future<?>>();
            var roundIndex = 0;
            for (int m = 1; m <= MUNICIPALITIES; m++) {
                var municipality = organization.createMunicipality(String.format("Bänkkommun %02d", m), region);
                for (int u = 1; u <= UNITS; u++) {
                    var unit = organization.createUnit(municipality, "Enhet " + u);
                    var prefix = String.format("bench-m%02d-u%d", m, u);
                    var lead = staff(prefix + "-lead", unit, Role.PROCESS_LEAD);
                    var team = List.of(staff(prefix + "-int1", unit, Role.INTERVIEWER),
                            staff(prefix + "-int2", unit, Role.INTERVIEWER), staff(prefix + "-int3", unit, Role.INTERVIEWER));
                    for (int y = 0; y < years; y++) {
                        // Spread the total evenly: round i gets floor((i+1)·total/rounds) − floor(i·total/rounds).
                        var children = (int) ((long) (roundIndex + 1) * total / roundCount - (long) roundIndex * total / roundCount);
                        var year = 2026 - years + 1 + y;
                        roundIndex++;
                        jobs.add(pool.submit(() -> {
                            pastRound(unit, guide, lead, team, year, children);
                            var n = done.addAndGet(children);
                            if (n % 500 < children) {
                                log.info("Bench: {} of {} interviews", n, total);
                            }
                        }));
                    }
                }
            }
            for (var job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
        var datasetMillis = (System.nanoTime() - started) / 1_000_000;
        var load = loadRound(guide, region);
        var props = new Properties();
        props.setProperty("password", PASSWORD);
        props.setProperty("savers", Integer.toString(load.size()));
        for (int i = 0; i < load.size(); i++) {
            props.setProperty("user." + i, load.get(i).username());
            props.setProperty("interview." + i, Long.toString(load.get(i).interviewId()));
        }
        props.setProperty("questions", guide.questions().limit(5).map(q -> Long.toString(q.id()))
                .collect(Collectors.joining(",")));
        props.setProperty("scale", Double.toString(scale));
        props.setProperty("interviews", Integer.toString(total));
        props.setProperty("rounds", Integer.toString(roundCount));
        props.setProperty("datasetMillis", Long.toString(datasetMillis));
        props.setProperty("seedMillis", Long.toString((System.nanoTime() - started) / 1_000_000));
        Files.createDirectories(manifest.getParent());
        var temporary = manifest.resolveSibling("manifest.properties.tmp");
        try (var out = Files.newBufferedWriter(temporary)) {
            props.store(out, "Delaktig bench data set");
        }
        Files.move(temporary, manifest, StandardCopyOption.ATOMIC_MOVE);
        log.info("Bench: data set of {} interviews in {} rounds built in {} s; {} load interviewers; manifest {}",
                total, roundCount, datasetMillis / 1000, load.size(), manifest);
    }

    /** One unit's round of one year, taken through the cycle to the report, every child interviewed. */
    private void pastRound(long unit, Guide guide, String lead, List<String> team, int year, int children) {
        var round = as(lead, () -> rounds.create(unit, guide.id(), new RoundService.Plan("Barns röster " + year,
                LocalDate.of(year, 2, 1), LocalDate.of(year, 10, 31), Math.min(200, children), null)));
        var ids = new ArrayList<Long>();
        as(lead, () -> {
            rounds.advance(round.id());
            for (int c = 0; c < children; c++) {
                var p = participants.add(round.id(), new ParticipantService.NewParticipant(8 + c % 10,
                        c % 2 == 0 ? Gender.GIRL : Gender.BOY, "sv", ContactType.values()[c % ContactType.values().length],
                        NAMES.get(c % NAMES.size()), "Vårdnadshavare via socialsekreteraren", List.of(), List.of(), 1));
                participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
                ids.add(p.id());
            }
            rounds.advance(round.id());
            for (int c = 0; c < ids.size(); c++) {
                participants.assign(ids.get(c), organization.staffByUsername(team.get(c % team.size())).orElseThrow().id());
            }
            rounds.advance(round.id());
            return null;
        });
        for (int c = 0; c < ids.size(); c++) {
            var participantId = ids.get(c);
            var seed = c;
            as(team.get(c % team.size()), () -> {
                var interview = interviews.open(participantId);
                var saved = interviews.save(interview.id(), interview.version(), new InterviewDraft(answers(guide, seed),
                        "Samtalet gick lugnt. Barnet berättade om skolan och om kontakten med socialsekreteraren.",
                        "45", "4", "Bra att få säga vad jag tycker.", null));
                return interviews.complete(saved.id(), saved.version());
            });
        }
        as(lead, () -> {
            while (rounds.get(round.id()).stage() != Stage.REPORT) {
                rounds.advance(round.id());
            }
            return null;
        });
    }

    /** An answer to every question that fits its type, and the child's own words to the free-text ones. */
    private static List<AnswerInput> answers(Guide guide, int seed) {
        var answers = new ArrayList<AnswerInput>();
        for (Question q : guide.questions().toList()) {
            String value = switch (q.type()) {
                case YES_NO_DONT_KNOW -> QuestionType.YES_NO_VALUES.get(seed % 3);
                case SINGLE_CHOICE, MULTIPLE_CHOICE -> q.options().isEmpty() ? null : q.options().get(seed % q.options().size());
                case SMILEY -> QuestionType.SMILEY_VALUES.get(seed % 5);
                case NUMBER -> Integer.toString(seed % 10);
                case FREE_TEXT -> null;
            };
            var words = q.type() == QuestionType.FREE_TEXT || seed % 3 == 0
                    ? "Jag tycker att de lyssnade på mig, men ibland tog det lång tid innan någon ringde tillbaka." : null;
            answers.add(new AnswerInput(q.id(), value, words, null));
        }
        return answers;
    }

    record Saver(String username, long interviewId) {
    }

    /** The round the load runs save into: one interviewer per child, each interview opened and in draft. */
    private List<Saver> loadRound(Guide guide, long region) {
        var municipality = organization.createMunicipality("Lastkommun", region);
        var unit = organization.createUnit(municipality, "Lastenheten");
        staff(LOAD_LEAD, unit, Role.PROCESS_LEAD);
        var users = new ArrayList<String>();
        for (int i = 0; i < savers; i++) {
            users.add(staff(String.format("bench-saver-%03d", i), unit, Role.INTERVIEWER));
        }
        var round = as(LOAD_LEAD, () -> rounds.create(unit, guide.id(), new RoundService.Plan("Lastrundan",
                LocalDate.now().minusMonths(1), LocalDate.now().plusMonths(6), Math.min(200, savers), null)));
        var ids = new ArrayList<Long>();
        as(LOAD_LEAD, () -> {
            rounds.advance(round.id());
            for (int i = 0; i < savers; i++) {
                var p = participants.add(round.id(), new ParticipantService.NewParticipant(12, Gender.GIRL, "sv",
                        ContactType.INVESTIGATION, NAMES.get(i % NAMES.size()), "Vårdnadshavare", List.of(), List.of(), 1));
                participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
                ids.add(p.id());
            }
            rounds.advance(round.id());
            for (int i = 0; i < savers; i++) {
                participants.assign(ids.get(i), organization.staffByUsername(users.get(i)).orElseThrow().id());
            }
            rounds.advance(round.id());
            return null;
        });
        var result = new ArrayList<Saver>();
        for (int i = 0; i < savers; i++) {
            var participantId = ids.get(i);
            var interview = as(users.get(i), () -> interviews.open(participantId));
            result.add(new Saver(users.get(i), interview.id()));
        }
        return result;
    }

    private String staff(String username, long unit, Role role) {
        var id = organization.createStaff(username, username, "Bänkprov", username + "@bench.example", PASSWORD, false);
        organization.grant(id, unit, role);
        return username;
    }

    private static <T> T as(String username, Supplier<T> work) {
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                AuthorityUtils.createAuthorityList("ROLE_STAFF")));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
