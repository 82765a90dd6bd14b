package se.delaktig.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * No one gives themselves a role that opens child data. An administrator who asks for such a role
 * for themselves gets a request that takes effect only when a second person approves: another
 * administrator or a manager of the unit, never the one who asked. A role given to someone else takes
 * effect at once, as the ordinary work of setting up a unit, but it is never silent: it is recorded as
 * a decided grant that the unit's managers and the administrators see among their notices and on the
 * roles page, so a grant to an account the administrator controls is seen by a second person.
 */
@Service
@Transactional
public class RoleGrants {

    /** What happened to a request for a role. */
    public enum Outcome { GRANTED, PENDING, ALREADY_HELD }

    /** A request for a role, with names for the page. */
    public record Request(long id, long staffId, String staffName, long unitId, String unitName, Role role, long requestedById,
                          String requestedByName, Instant requestedAt, Long decidedById, String decidedByName,
                          Instant decidedAt, String outcome) {
        public boolean open() {
            return decidedAt == null;
        }
    }

    /** The person may not decide this request (not a second person, or no right to approve). */
    public static class NotAllowedException extends RuntimeException {
        public NotAllowedException(String message) {
            super(message);
        }
    }

    /** Published when a role waits for a second person. */
    public record Requested(long requestId, long staffId, long unitId, Role role, long requestedBy) {
    }

    /** Published when a request is approved, rejected or withdrawn. */
    public record Decided(long requestId, long staffId, long unitId, Role role, long decidedBy, String outcome) {
    }

    private final JdbcClient jdbc;
    private final Organization organization;
    private final ApplicationEventPublisher events;

    RoleGrants(JdbcClient jdbc, Organization organization, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.organization = organization;
        this.events = events;
    }

    /** An administrator asks for a role for someone; returns whether it was granted or waits for approval. */
    public Outcome request(long staffId, long unitId, Role role, String requestedByUsername) {
        var requester = enabled(requestedByUsername);
        if (!requester.administrator()) {
            throw new NotAllowedException("only administrators give roles");
        }
        if (organization.rolesByUnit(staffId).getOrDefault(unitId, java.util.Set.of()).contains(role)) {
            return Outcome.ALREADY_HELD;
        }
        if (!role.readsChildData()) {
            organization.grant(staffId, unitId, role);
            return Outcome.GRANTED;
        }
        if (staffId != requester.id()) {
            organization.grant(staffId, unitId, role);
            jdbc.sql("""
                    insert into role_grant_request (staff_id, unit_id, role, requested_by, decided_by, decided_at, outcome)
                    values (?, ?, ?, ?, ?, now(), 'GRANTED')""")
                    .params(staffId, unitId, role.name(), requester.id(), requester.id()).update();
            return Outcome.GRANTED;
        }
        var id = jdbc.sql("""
                insert into role_grant_request (staff_id, unit_id, role, requested_by) values (?, ?, ?, ?)
                on conflict (staff_id, unit_id, role) where decided_at is null do nothing returning id""")
                .params(staffId, unitId, role.name(), requester.id()).query(Long.class).optional();
        id.ifPresent(i -> events.publishEvent(new Requested(i, staffId, unitId, role, requester.id())));
        return Outcome.PENDING;
    }

    /** The second person approves: the role takes effect now. */
    public Request approve(long requestId, String username) {
        var request = open(requestId);
        var approver = enabled(username);
        if (!mayDecide(approver, request)) {
            throw new NotAllowedException("approval needs a second person: another administrator or the unit's manager");
        }
        organization.grant(request.staffId(), request.unitId(), request.role());
        return decide(request, approver, "APPROVED");
    }

    /** A second person says no, or the one who asked withdraws the request. */
    public Request reject(long requestId, String username) {
        var request = open(requestId);
        var person = enabled(username);
        if (person.id() == request.requestedById()) {
            return decide(request, person, "WITHDRAWN");
        }
        if (!mayDecide(person, request)) {
            throw new NotAllowedException("not allowed to decide this request");
        }
        return decide(request, person, "REJECTED");
    }

    /** Whether the person may approve: neither the asker nor the receiver; an administrator or the unit's manager. */
    public boolean mayDecide(StaffMember person, Request request) {
        if (person.id() == request.requestedById() || person.id() == request.staffId() || !person.enabled()) {
            return false;
        }
        return person.administrator()
                || organization.rolesByUnit(person.id()).getOrDefault(request.unitId(), java.util.Set.of())
                        .contains(Role.UNIT_MANAGER);
    }

    /** Open requests the person may see: all for administrators, their units' for unit managers. */
    @Transactional(readOnly = true)
    public List<Request> openFor(String username) {
        var person = organization.staffByUsername(username).filter(StaffMember::enabled).orElse(null);
        if (person == null) {
            return List.of();
        }
        if (person.administrator()) {
            return jdbc.sql(SELECT + " where r.decided_at is null order by r.requested_at").query(this::request).list();
        }
        return jdbc.sql(SELECT + """
                 where r.decided_at is null and r.unit_id in
                  (select unit_id from staff_role where staff_id = ? and role = 'UNIT_MANAGER')
                order by r.requested_at""").param(person.id()).query(this::request).list();
    }

    /** Open requests this person can act on (approve or reject), for the notice badge. */
    @Transactional(readOnly = true)
    public int awaitingDecisionBy(String username) {
        var person = organization.staffByUsername(username).filter(StaffMember::enabled).orElse(null);
        if (person == null) {
            return 0;
        }
        return (int) openFor(username).stream().filter(r -> mayDecide(person, r)).count();
    }

    /**
     * Roles that open child data given in the last 30 days to someone in a unit this person manages (or
     * in any unit, for an administrator), by someone else: the notice that makes every grant seen.
     */
    @Transactional(readOnly = true)
    public int recentGrantsSeenBy(String username) {
        var person = organization.staffByUsername(username).filter(StaffMember::enabled).orElse(null);
        if (person == null) {
            return 0;
        }
        return (int) recentlyDecidedFor(username).stream()
                .filter(r -> "GRANTED".equals(r.outcome()) && r.requestedById() != person.id()).count();
    }

    /** Decided requests of the last 30 days the person may see, newest first. */
    @Transactional(readOnly = true)
    public List<Request> recentlyDecidedFor(String username) {
        var person = organization.staffByUsername(username).filter(StaffMember::enabled).orElse(null);
        if (person == null) {
            return List.of();
        }
        var recent = " r.decided_at > now() - interval '30 days' ";
        if (person.administrator()) {
            return jdbc.sql(SELECT + " where" + recent + "order by r.decided_at desc").query(this::request).list();
        }
        return jdbc.sql(SELECT + " where" + recent + """
                and r.unit_id in (select unit_id from staff_role where staff_id = ? and role = 'UNIT_MANAGER')
                order by r.decided_at desc""").param(person.id()).query(this::request).list();
    }

    @Transactional(readOnly = true)
    public Optional<Request> find(long requestId) {
        return jdbc.sql(SELECT + " where r.id = ?").param(requestId).query(this::request).optional();
    }

    private Request decide(Request request, StaffMember person, String outcome) {
        var changed = jdbc.sql("""
                update role_grant_request set decided_by = ?, decided_at = now(), outcome = ?
                where id = ? and decided_at is null""").params(person.id(), outcome, request.id()).update();
        if (changed == 0) {
            throw new NotAllowedException("already decided");
        }
        events.publishEvent(new Decided(request.id(), request.staffId(), request.unitId(), request.role(), person.id(), outcome));
        return find(request.id()).orElseThrow();
    }

    private Request open(long requestId) {
        return find(requestId).filter(Request::open).orElseThrow(() -> new NotAllowedException("no open request"));
    }

    private StaffMember enabled(String username) {
        return organization.staffByUsername(username).filter(StaffMember::enabled)
                .orElseThrow(() -> new NotAllowedException("unknown or disabled"));
    }

    private static final String SELECT = """
            select r.*, s.display_name as staff_name, q.display_name as requested_by_name, d.display_name as decided_by_name,
              u.name || ', ' || m.name as unit_name
            from role_grant_request r join staff s on s.id = r.staff_id join staff q on q.id = r.requested_by
            join unit u on u.id = r.unit_id join municipality m on m.id = u.municipality_id
            left join staff d on d.id = r.decided_by""";

    private Request request(ResultSet rs, int n) throws SQLException {
        var decidedAt = rs.getTimestamp("decided_at");
        return new Request(rs.getLong("id"), rs.getLong("staff_id"), rs.getString("staff_name"), rs.getLong("unit_id"),
                rs.getString("unit_name"), Role.valueOf(rs.getString("role")), rs.getLong("requested_by"), rs.getString("requested_by_name"),
                rs.getTimestamp("requested_at").toInstant(), (Long) rs.getObject("decided_by"),
                rs.getString("decided_by_name"), decidedAt == null ? null : decidedAt.toInstant(), rs.getString("outcome"));
    }
}
