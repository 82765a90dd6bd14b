package se.delaktig.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.audit.AuditLog;
import se.delaktig.decision.ActionStatus;
import se.delaktig.decision.DecidingBody;
import se.delaktig.decision.DecisionWorld;
import se.delaktig.decision.Decisions;
import se.delaktig.decision.Outcome;
import se.delaktig.interview.AnswerInput;
import se.delaktig.interview.Interviews;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.round.Bookings;
import se.delaktig.round.ChildAnswer;
import se.delaktig.round.GuardianAnswer;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;

/**
 * Nothing is wider than the screen. Signs in as every kind of user, opens every page the menu leads to
 * and every page those pages link to (one level deeper), and on each, at 1280, 820 and 390 px, checks
 * that the page does not scroll sideways and that axe finds nothing. Every problem found is listed
 * at the end, not only the first.
 */
@IntegrationTest
class WidthSweepBrowserIT extends BrowserTest {

    /** Addresses that are not pages to look at: downloads, the API, signing out, switching language. */
    private static final Pattern SKIP = Pattern.compile(
            "^/(logout|api/|v3/|actuator|webjars/|css/|js/).*|.*\\.(pdf|docx|ics|csv|xlsx|png|svg|json|zip)$|.*/(download|export)(/.*)?$");

    @Autowired DecisionWorld worlds;
    @Autowired Decisions decisions;
    @Autowired Organization organization;
    @Autowired TestFixtures fixtures;
    @Autowired RoundService rounds;
    @Autowired ParticipantService participants;
    @Autowired Bookings bookings;
    @Autowired Interviews interviews;
    @Autowired JdbcClient jdbc;

    private final Set<String> seen = new LinkedHashSet<>();
    private final Map<String, String> problems = new LinkedHashMap<>();

    @Test
    void everyPageEveryRoleReachesFitsThePhoneTheTabletAndTheDesktop() {
        var w = worlds.create();
        var org = w.org();
        var today = LocalDate.now(AuditLog.ZONE);
        // Last year's round: a decision with one action done and one overdue; this year's: one decided.
        TestFixtures.run(w.manager(), () -> {
            var prior = w.previousProposals().get(0);
            decisions.decide(w.previousRoundId(), new Decisions.DecisionInput(prior, Outcome.APPROVED, null,
                    DecidingBody.COMMITTEE, today.minusYears(1), "Nämndens ordförande", null));
            var done = decisions.addAction(w.previousRoundId(), new Decisions.NewAction(prior,
                    "Kontaktlista till alla barn med telefonnummer, adress och öppettider för mottagningen",
                    w.interviewerId(), today.minusMonths(8)));
            decisions.updateAction(done.id(), new Decisions.ActionChange(null, null, null, ActionStatus.DONE, done.version()));
            decisions.addAction(w.previousRoundId(), new Decisions.NewAction(prior, "Fast handläggare per barn",
                    org.managerId(), today.minusMonths(2)));
            var current = w.proposals().get(0);
            decisions.decide(w.roundId(), new Decisions.DecisionInput(current, Outcome.APPROVED, null,
                    DecidingBody.UNIT_MANAGEMENT, today, null, null));
            decisions.addAction(w.roundId(), new Decisions.NewAction(current, "Ny rutin: samma socialsekreterare",
                    w.interviewerId(), today.plusMonths(3)));
        });
        // This year's round: two children, each with an interviewer; one booked and interviewed.
        var question = jdbc.sql("""
                select q.id from guide_question q join guide_area a on a.id = q.area_id join round r on r.guide_id = a.guide_id
                where r.id = ? and q.type = 'YES_NO_DONT_KNOW'""").param(w.roundId()).query(Long.class).single();
        var children = TestFixtures.as(w.lead(), () -> {
            var ids = new ArrayList<Long>();
            for (var name : List.of("Alexandra", "Bo")) {
                var p = participants.add(w.roundId(), new ParticipantService.NewParticipant(12, null, name, "070-000 00 00",
                        List.of(), List.of()));
                participants.recordConsent(p.id(), ChildAnswer.YES, GuardianAnswer.CONSENTED);
                participants.assign(p.id(), org.interviewerIds().get(ids.size()));
                ids.add(p.id());
            }
            while (rounds.get(w.roundId()).stage() != Stage.INTERVIEWS) {
                rounds.advance(w.roundId());
            }
            bookings.book(ids.get(0), new Bookings.BookingInput(today.plusDays(7), LocalTime.of(16, 0),
                    "Biblioteket på Storgatan, lilla läsrummet"));
            return ids;
        });
        TestFixtures.run(w.interviewer(), () -> {
            var opened = interviews.open(children.get(0));
            var saved = interviews.save(opened.id(), opened.version(), List.of(new AnswerInput(question, "YES", null, null)), null);
            interviews.complete(saved.id(), saved.version());
        });
        var suffix = org.suffix();
        organization.createStaff("adm-" + suffix, "Ada Admin", null, null, TestFixtures.PASSWORD, true);
        fixtures.staff("fou-" + suffix, "Frida FoU", org.unitId(), Role.RD_ANALYST);

        var started = System.nanoTime();
        for (var user : List.of(w.lead(), w.interviewer(), w.manager(), "adm-" + suffix, "fou-" + suffix)) {
            sweep(user);
        }
        var seconds = (System.nanoTime() - started) / 1_000_000_000;
        System.out.println("WidthSweepBrowserIT: " + seen.size() + " page patterns, " + seconds + " s: " + seen);
        assertThat(seen).as("pages visited").hasSizeGreaterThan(15);
        if (!problems.isEmpty()) {
            fail(problems.size() + " page(s) do not fit or fail axe:\n" + String.join("\n", problems.values()));
        }
    }

    /** Signs in, reads the menu, and checks the menu's pages and the pages they link to. */
    private void sweep(String user) {
        atWidth(1280);
        open("/login");
        driver.manage().deleteAllCookies();
        login(user, TestFixtures.PASSWORD);
        open("/");
        var menu = links("header nav a[href]");
        menu.add("/profile");
        var deeper = new LinkedHashSet<String>();
        for (var page : menu) {
            open(page);
            // The start page is checked for every user, since each role has its own; the other pages once.
            check(user, pattern(page).equals("/") ? user + " /" : pattern(page));
            deeper.addAll(links("main a[href]"));
        }
        for (var page : deeper) {
            if (!seen.contains(pattern(page)) && !pattern(page).equals("/")) {
                open(page);
                check(user, pattern(page));
            }
        }
    }

    /** Same-origin pages linked from the current page, as paths (with query), minus downloads and the like. */
    private LinkedHashSet<String> links(String selector) {
        @SuppressWarnings("unchecked")
        var hrefs = (List<String>) ((JavascriptExecutor) driver).executeScript("""
                return [...document.querySelectorAll(arguments[0])]
                    .filter(a => a.origin === location.origin && !a.hasAttribute('download'))
                    .map(a => a.pathname + a.search);""", selector);
        var result = new LinkedHashSet<String>();
        for (var href : hrefs) {
            var path = URI.create(href).getPath();
            if (!SKIP.matcher(path).matches() && !href.contains("lang=")) {
                result.add(href);
            }
        }
        return result;
    }

    /** The page's path with numeric ids collapsed: one child's page stands for all of them. */
    private static String pattern(String page) {
        return URI.create(page).getPath().replaceAll("/\\d+(?=/|$)", "/{id}");
    }

    /** Checks the current page at every width once per key, noting each problem and going on. */
    private void check(String user, String key) {
        if (!seen.add(key)) {
            return;
        }
        var pattern = pattern(path());
        try {
            for (var width : WIDTHS) {
                atWidth(width);
                try {
                    assertFitsTheScreen();
                    assertNoAxeViolations();
                } catch (AssertionError e) {
                    problems.putIfAbsent(pattern + " " + width, user + " · " + pattern + " at " + width + " px: " + e.getMessage());
                }
            }
        } finally {
            atWidth(1280);
        }
    }
}
