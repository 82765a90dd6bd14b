package se.delaktig;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;

/**
 * Builds a small, self-contained organisation for one test: a municipality with one unit, a process
 * lead, a unit manager and three interviewers, all with unique names so that tests never collide,
 * not even on a shared external database.
 */
@Component
public class TestFixtures {

    public static final String PASSWORD = "test-password-1";

    private final Organization organization;
    private final JdbcClient jdbc;

    public TestFixtures(Organization organization, JdbcClient jdbc) {
        this.organization = organization;
        this.jdbc = jdbc;
    }

    /**
     * A small guide of its own (one area, one question of each type), so a test does not depend on
     * the wording of the default guide. Returns the guide id.
     */
    public long smallGuide() {
        var name = "Testguide " + UUID.randomUUID().toString().substring(0, 8);
        var guide = jdbc.sql("insert into guide (name, version) values (?, 1) returning id").param(name).query(Long.class).single();
        var area = jdbc.sql("insert into guide_area (guide_id, position, code, title) values (?, 1, 'kontakt', 'Kontakt') returning id")
                .param(guide).query(Long.class).single();
        jdbc.sql("""
                insert into guide_question (area_id, position, question_key, type, text, options) values
                (:a, 1, 'kontakt.bytt', 'YES_NO_DONT_KNOW', 'Har du bytt socialsekreterare?', '{}'),
                (:a, 2, 'kontakt.hur_ofta', 'SINGLE_CHOICE', 'Hur ofta träffar du din socialsekreterare?', '{"Varje vecka","Varje månad","Mer sällan"}'),
                (:a, 3, 'kontakt.antal', 'NUMBER', 'Hur många socialsekreterare har du haft?', '{}'),
                (:a, 4, 'kontakt.onskan', 'FREE_TEXT', 'Hur skulle du vilja att kontakten var?', '{}')""")
                .param("a", area).update();
        return guide;
    }

    public record Org(long municipalityId, long unitId, String processLead, long processLeadId, String manager,
                      long managerId, List<String> interviewers, List<Long> interviewerIds, String suffix) {
    }

    public Org organisation() {
        var suffix = UUID.randomUUID().toString().substring(0, 8);
        var municipality = organization.createMunicipality("Testkommun " + suffix, null);
        var unit = organization.createUnit(municipality, "Barn och familj " + suffix);
        var lead = staff("pl-" + suffix, "Petra Processledare", unit, Role.PROCESS_LEAD);
        var manager = staff("ec-" + suffix, "Erik Enhetschef", unit, Role.UNIT_MANAGER);
        var i1 = staff("i1-" + suffix, "Ida Intervjuare", unit, Role.INTERVIEWER);
        var i2 = staff("i2-" + suffix, "Ivar Intervjuare", unit, Role.INTERVIEWER);
        var i3 = staff("i3-" + suffix, "Inez Intervjuare", unit, Role.INTERVIEWER);
        return new Org(municipality, unit, "pl-" + suffix, lead, "ec-" + suffix, manager,
                List.of("i1-" + suffix, "i2-" + suffix, "i3-" + suffix), List.of(i1, i2, i3), suffix);
    }

    public long staff(String username, String name, long unitId, Role role) {
        var id = organization.createStaff(username, name, null, null, PASSWORD, false);
        organization.grant(id, unitId, role);
        return id;
    }

    /** Runs work as the given signed-in staff member, as a request would. */
    public static <T> T as(String username, Callable<T> work) {
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null,
                AuthorityUtils.createAuthorityList("ROLE_STAFF")));
        SecurityContextHolder.setContext(context);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void run(String username, Runnable work) {
        as(username, () -> {
            work.run();
            return null;
        });
    }
}
