package se.delaktig.decision;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.Actor;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.organization.Role;
import se.delaktig.organization.StaffMember;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.seminar.Seminars;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Decisions on a round's proposals and the actions that follow from approved ones. Everyone who may
 * see the round reads them; the unit's managers and process leads record them; an action's owner may
 * move its status and add notes. Another unit's round or action is answered as missing (404).
 */
@Service
@Transactional
public class Decisions {

    public static final int MAX_TEXT = 2000;
    public static final int MAX_NAME = 200;

    static final Role[] DECIDERS = {Role.UNIT_MANAGER, Role.PROCESS_LEAD};
    static final Role[] MEMBERS = {Role.PROCESS_LEAD, Role.UNIT_MANAGER, Role.INTERVIEWER};

    /** What a manager types for a decision. {@code replaces} is the decision in force that they saw (null: none). */
    public record DecisionInput(long proposalId, Outcome outcome, String reason, DecidingBody body, LocalDate decidedOn,
                                String decidedBy, Long replaces) {
    }

    /** A new action for an approved proposal. */
    public record NewAction(long proposalId, String text, Long ownerId, LocalDate deadline) {
    }

    /**
     * A change to an action, made on the copy with {@code version}. A null field keeps what is there; the
     * action's owner, unless also a manager or process lead, may only change the status.
     */
    public record ActionChange(String text, Long ownerId, LocalDate deadline, ActionStatus status, int version) {
    }

    /** Which of the unit's actions to list. {@code status} null: every status. */
    public record ActionFilter(boolean mine, boolean overdue, ActionStatus status) {

        public static ActionFilter all() {
            return new ActionFilter(false, false, null);
        }
    }

    /** A proposal with the decision in force (null: not decided yet), the earlier ones newest first, and its actions. */
    public record ProposalDecisions(Seminars.Proposal proposal, Decision current, List<Decision> history,
                                    List<Action> actions) {

        public boolean approved() {
            return current != null && current.outcome() == Outcome.APPROVED;
        }
    }

    /** Everything the decisions page shows for a round. {@code owners}: who may own an action. */
    public record RoundDecisions(long roundId, String roundTitle, boolean mayDecide, List<ProposalDecisions> proposals,
                                 List<StaffMember> owners) {
    }

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final Seminars seminars;
    private final Organization organization;
    private final CurrentActor currentActor;
    private final AuditLog audit;

    Decisions(JdbcClient jdbc, RoundService rounds, Seminars seminars, Organization organization,
              CurrentActor currentActor, AuditLog audit) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.seminars = seminars;
        this.organization = organization;
        this.currentActor = currentActor;
        this.audit = audit;
    }

    static LocalDate today() {
        return LocalDate.now(AuditLog.ZONE);
    }

    /**
     * Reads a date typed as ÅÅÅÅ-MM-DD; a blank one is null. Anything else is refused as bad input on
     * {@code field}, for pages and the API alike.
     */
    public static LocalDate date(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "decision.date.invalid");
        }
    }

    /** Reads an enum constant by name; anything else is refused as bad input on {@code field}. */
    public static <E extends Enum<E>> E choice(Class<E> type, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "decision.choice.invalid");
        }
    }

    // --- the round's decisions --------------------------------------------------------------------

    @Transactional(readOnly = true)
    public RoundDecisions forRound(long roundId) {
        var round = rounds.get(roundId);
        var proposals = seminars.proposals(roundId).items();
        Map<Long, List<Decision>> byProposal = decisionsOfRound(roundId).stream()
                .collect(Collectors.groupingBy(Decision::proposalId, LinkedHashMap::new, Collectors.toList()));
        Map<Long, List<Action>> actions = actions("a.round_id = :round", Map.of("round", roundId)).stream()
                .collect(Collectors.groupingBy(Action::proposalId));
        var items = proposals.stream().map(p -> {
            var all = byProposal.getOrDefault(p.id(), List.of());
            return new ProposalDecisions(p, all.isEmpty() ? null : all.get(0),
                    all.size() <= 1 ? List.of() : List.copyOf(all.subList(1, all.size())),
                    actions.getOrDefault(p.id(), List.of()));
        }).toList();
        audit.success("READ", "decision", roundId, round.unitId());
        return new RoundDecisions(roundId, round.title(), mayDecide(round), items, owners(round.unitId()));
    }

    /** Whether the current person may record decisions and actions in the round's unit. */
    public boolean mayDecide(Round round) {
        return currentActor.get().hasAny(round.unitId(), DECIDERS);
    }

    /** Records a decision; it becomes the one in force and the one before it is kept as history. */
    public Decision decide(long roundId, DecisionInput input) {
        var round = rounds.get(roundId);
        var actor = requireDecider(round, "DECIDE", "decision", roundId);
        var proposal = proposalOf(roundId, input.proposalId());
        if (input.outcome() == null) {
            throw new InvalidInputException("outcome", "decision.outcome.required");
        }
        var reason = clean(input.reason());
        if (input.outcome().needsReason() && reason == null) {
            throw new InvalidInputException("reason", "decision.reason.required");
        }
        checkText("reason", reason, MAX_TEXT);
        if (input.body() == null) {
            throw new InvalidInputException("body", "decision.body.required");
        }
        if (input.decidedOn() == null) {
            throw new InvalidInputException("decidedOn", "decision.decidedOn.required");
        }
        if (input.decidedOn().isAfter(today())) {
            throw new InvalidInputException("decidedOn", "decision.decidedOn.future");
        }
        var decidedBy = clean(input.decidedBy());
        checkText("decidedBy", decidedBy, MAX_NAME);
        // One decision at a time per proposal, on every node; then the copy the person saw must still be current.
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(190, ?)) l").param((int) proposal.id())
                .query(Integer.class).single();
        var current = jdbc.sql("select max(id) from decision where proposal_id = ?").param(proposal.id())
                .query(Long.class).optional().orElse(null);
        if (current != null && !current.equals(input.replaces())) {
            throw new StaleChangeException("replaces", "decision.conflict");
        }
        var id = jdbc.sql("""
                insert into decision (proposal_id, round_id, outcome, reason, body, decided_on, decided_by, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(proposal.id(), roundId, input.outcome().name(), reason, input.body().name(), input.decidedOn(),
                        decidedBy, actor.staffId())
                .query(Long.class).single();
        audit.record(actor.username(), current == null ? "DECIDE" : "CHANGE_DECISION", "decision", id, round.unitId(),
                AuditLog.Outcome.SUCCESS, "proposal " + proposal.id() + ": " + input.outcome());
        return decisionsOfRound(roundId).stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }

    // --- actions ------------------------------------------------------------------------------------

    /** Adds an action to a proposal whose decision in force is "approved". */
    public Action addAction(long roundId, NewAction input) {
        var round = rounds.get(roundId);
        var actor = requireDecider(round, "CREATE", "decision_action", roundId);
        var proposal = proposalOf(roundId, input.proposalId());
        var decision = jdbc.sql("select id, outcome from decision where proposal_id = ? order by id desc limit 1")
                .param(proposal.id()).query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        if (decision.isEmpty() || !Outcome.APPROVED.name().equals(decision.get()[1])) {
            throw new InvalidInputException("proposalId", "decision.action.notApproved");
        }
        var text = requiredText("text", input.text());
        checkOwner(round.unitId(), input.ownerId());
        if (input.deadline() == null) {
            throw new InvalidInputException("deadline", "decision.action.deadline.required");
        }
        var id = jdbc.sql("""
                insert into decision_action (proposal_id, decision_id, round_id, unit_id, text, owner_id, deadline, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(proposal.id(), decision.get()[0], roundId, round.unitId(), text, input.ownerId(),
                        input.deadline(), actor.staffId())
                .query(Long.class).single();
        audit.success("CREATE", "decision_action", id, round.unitId());
        return load(id);
    }

    /** One action, if the current person may see its round. */
    @Transactional(readOnly = true)
    public Action action(long actionId) {
        var action = load(actionId);
        var round = rounds.get(action.roundId());
        audit.success("READ", "decision_action", actionId, round.unitId());
        return action;
    }

    /** Whether the current person may change all of the action, or only (as its owner) its status and notes. */
    public enum Permission { ALL, STATUS_AND_NOTES, READ }

    @Transactional(readOnly = true)
    public Permission permission(Action action) {
        var round = rounds.get(action.roundId());
        var actor = currentActor.get();
        if (actor.hasAny(round.unitId(), DECIDERS)) {
            return Permission.ALL;
        }
        return action.ownerId() == actor.staffId() ? Permission.STATUS_AND_NOTES : Permission.READ;
    }

    /** Who may own an action of the round's unit: its enabled staff. */
    @Transactional(readOnly = true)
    public List<StaffMember> owners(long unitId) {
        return organization.staffOfUnit(unitId).stream().filter(StaffMember::enabled).toList();
    }

    /** Who may own the action: the enabled staff of its round's unit. */
    @Transactional(readOnly = true)
    public List<StaffMember> owners(Action action) {
        return owners(rounds.get(action.roundId()).unitId());
    }

    /**
     * Changes an action made on the copy with {@code change.version()}; if someone saved in between,
     * nothing is written and {@link StaleChangeException} tells the person to reload.
     */
    public Action updateAction(long actionId, ActionChange change) {
        var action = load(actionId);
        var round = rounds.get(action.roundId());
        var permission = permission(action);
        if (permission == Permission.READ) {
            throw denied("UPDATE", actionId, round.unitId());
        }
        var text = change.text() == null ? action.text() : requiredText("text", change.text());
        var owner = change.ownerId() == null ? action.ownerId() : change.ownerId();
        var deadline = change.deadline() == null ? action.deadline() : change.deadline();
        var status = change.status() == null ? action.status() : change.status();
        if (permission == Permission.STATUS_AND_NOTES
                && (!text.equals(action.text()) || owner != action.ownerId() || !deadline.equals(action.deadline()))) {
            throw new InvalidInputException("text", "decision.action.ownerOnlyStatus");
        }
        if (owner != action.ownerId()) {
            checkOwner(round.unitId(), owner);
        }
        var updated = jdbc.sql("""
                update decision_action set text = ?, owner_id = ?, deadline = ?, status = ?, version = version + 1,
                       updated_at = now()
                where id = ? and version = ?""")
                .params(text, owner, deadline, status.name(), actionId, change.version()).update();
        if (updated == 0) {
            throw new StaleChangeException("version", "decision.action.conflict");
        }
        audit.record(currentActor.get().username(), "UPDATE", "decision_action", actionId, round.unitId(),
                AuditLog.Outcome.SUCCESS, action.status() == status ? null : action.status() + " -> " + status);
        return load(actionId);
    }

    /** Appends a note to the action's log, signed with the current person and the time. */
    public Action addNote(long actionId, String text) {
        var action = load(actionId);
        var round = rounds.get(action.roundId());
        if (permission(action) == Permission.READ) {
            throw denied("NOTE", actionId, round.unitId());
        }
        var note = requiredText("note", text);
        jdbc.sql("insert into decision_action_note (action_id, text, author_id) values (?, ?, ?)")
                .params(actionId, note, currentActor.get().staffId()).update();
        audit.success("NOTE", "decision_action", actionId, round.unitId());
        return load(actionId);
    }

    /** The actions of every unit the person works in, overdue first, then by deadline. */
    @Transactional(readOnly = true)
    public List<Action> actions(ActionFilter filter) {
        var actor = currentActor.get();
        var units = actor.unitsWith(MEMBERS);
        if (units.isEmpty()) {
            return List.of();
        }
        var where = new StringBuilder("a.unit_id in (:units)");
        var params = new LinkedHashMap<String, Object>();
        params.put("units", units);
        if (filter.mine()) {
            where.append(" and a.owner_id = :me");
            params.put("me", actor.staffId());
        }
        if (filter.overdue()) {
            where.append(" and a.deadline < :today and a.status in ('PLANNED', 'IN_PROGRESS')");
            params.put("today", today());
        }
        if (filter.status() != null) {
            where.append(" and a.status = :status");
            params.put("status", filter.status().name());
        }
        var list = new ArrayList<>(actions(where.toString(), params));
        list.sort(java.util.Comparator.comparing((Action a) -> !a.overdue()).thenComparing(Action::deadline)
                .thenComparing(Action::id));
        units.forEach(unit -> audit.success("READ_LIST", "decision_action", null, unit));
        return list;
    }

    /** How many actions are overdue in the units where the person is a manager or process lead. */
    @Transactional(readOnly = true)
    public int overdueCount() {
        var actor = currentActor.find();
        if (actor.isEmpty()) {
            return 0;
        }
        var units = actor.get().unitsWith(DECIDERS);
        if (units.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                select count(*) from decision_action
                where unit_id in (:units) and deadline < :today and status in ('PLANNED', 'IN_PROGRESS')""")
                .param("units", units).param("today", today()).query(Integer.class).single();
    }

    // --- reading rows -------------------------------------------------------------------------------

    /** Actions of rounds the caller has already checked, by a condition on {@code a}. */
    List<Action> actions(String where, Map<String, ?> params) {
        var today = today();
        var rows = jdbc.sql("""
                select a.id, a.round_id, r.title, a.proposal_id, p.rank, p.text, a.text, a.owner_id, s.display_name,
                       a.deadline, a.status, a.version
                from decision_action a
                join round r on r.id = a.round_id
                join seminar_proposal p on p.id = a.proposal_id
                join staff s on s.id = a.owner_id
                where """ + " " + where + " order by p.rank, a.id")
                .params(params)
                .query((rs, n) -> action(rs, today))
                .list();
        if (rows.isEmpty()) {
            return rows;
        }
        var notes = notes(rows.stream().map(Action::id).toList());
        return rows.stream().map(a -> new Action(a.id(), a.roundId(), a.roundTitle(), a.proposalId(), a.proposalRank(),
                a.proposalText(), a.text(), a.ownerId(), a.ownerName(), a.deadline(), a.status(), a.version(),
                a.overdue(), notes.getOrDefault(a.id(), List.of()))).toList();
    }

    private Action load(long actionId) {
        return actions("a.id = :id", Map.of("id", actionId)).stream().findFirst().orElseThrow(NotFoundException::new);
    }

    private static Action action(ResultSet rs, LocalDate today) throws SQLException {
        var deadline = rs.getObject(10, LocalDate.class);
        var status = ActionStatus.valueOf(rs.getString(11));
        return new Action(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getInt(5), rs.getString(6),
                rs.getString(7), rs.getLong(8), rs.getString(9), deadline, status, rs.getInt(12),
                status.open() && deadline.isBefore(today), List.of());
    }

    private Map<Long, List<Action.Note>> notes(Collection<Long> actionIds) {
        return jdbc.sql("""
                select n.action_id, n.id, n.text, s.display_name, n.created_at
                from decision_action_note n join staff s on s.id = n.author_id
                where n.action_id in (:ids) order by n.id""")
                .param("ids", actionIds)
                .query((rs, n) -> Map.entry(rs.getLong(1), new Action.Note(rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant())))
                .list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The round's decisions, newest first within each proposal. */
    List<Decision> decisionsOfRound(long roundId) {
        return jdbc.sql("""
                select d.id, d.proposal_id, d.round_id, d.outcome, d.reason, d.body, d.decided_on, d.decided_by,
                       d.recorded_by, s.display_name, d.recorded_at
                from decision d join staff s on s.id = d.recorded_by
                where d.round_id = ? order by d.proposal_id, d.id desc""")
                .param(roundId)
                .query((rs, n) -> new Decision(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        Outcome.valueOf(rs.getString(4)), rs.getString(5), DecidingBody.valueOf(rs.getString(6)),
                        rs.getObject(7, LocalDate.class), rs.getString(8), rs.getLong(9), rs.getString(10),
                        rs.getTimestamp(11).toInstant()))
                .list();
    }

    // --- rules --------------------------------------------------------------------------------------

    private Seminars.Proposal proposalOf(long roundId, long proposalId) {
        return seminars.proposals(roundId).items().stream().filter(p -> p.id() == proposalId).findFirst()
                .orElseThrow(() -> new InvalidInputException("proposalId", "decision.proposal.unknown"));
    }

    private Actor requireDecider(Round round, String action, String recordType, Object recordId) {
        var actor = currentActor.get();
        if (!actor.hasAny(round.unitId(), DECIDERS)) {
            audit.record(action, recordType, recordId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        return actor;
    }

    private NotFoundException denied(String action, long actionId, long unitId) {
        audit.record(action, "decision_action", actionId, unitId, AuditLog.Outcome.DENIED);
        return new NotFoundException();
    }

    private void checkOwner(long unitId, Long ownerId) {
        if (ownerId == null) {
            throw new InvalidInputException("ownerId", "decision.action.owner.required");
        }
        if (owners(unitId).stream().noneMatch(s -> s.id() == ownerId)) {
            throw new InvalidInputException("ownerId", "decision.action.owner.notInUnit");
        }
    }

    private static String requiredText(String field, String text) {
        var cleaned = clean(text);
        if (cleaned == null) {
            throw new InvalidInputException(field, "decision.text.required");
        }
        checkText(field, cleaned, MAX_TEXT);
        return cleaned;
    }

    private static void checkText(String field, String text, int max) {
        if (text == null) {
            return;
        }
        if (text.length() > max) {
            throw new InvalidInputException(field, "decision.text.tooLong", max);
        }
        if (IdentityNumbers.containsIdentityNumber(text)) {
            throw new InvalidInputException(field, "privacy.identityNumber");
        }
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
