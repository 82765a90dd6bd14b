package se.delaktig.analysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.Actor;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.organization.Role;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Each round's codebook. It is created on first use from the four areas of the round's guide, one
 * top code per area with a few sub-themes, and then grows with the analysis: the process lead and
 * the interviewers of the unit add, rename, merge and retire codes, and every change is kept as
 * history. The unit manager may read it. Everyone else, and every code of another unit, is a 404.
 *
 * <p>Changing a code needs the version the person saw: a rename, merge or retire based on an older
 * version is refused ({@code analysis.code.conflict}) instead of overwriting what someone else did.
 */
@Service
@Transactional
public class Codebooks {

    /** Longest code name. */
    public static final int MAX_NAME = 120;
    /** The longest description of a code: a few sentences on when to use it. */
    public static final int MAX_DESCRIPTION = 1000;

    /** Sub-themes the codebook starts with, per area code of the default guide. */
    static final Map<String, List<String>> SUB_THEMES = Map.of(
            "kontakt", List.of("Byte av socialsekreterare", "Tid och plats för möten", "Vem som är med"),
            "kunskap", List.of("Varför kontakten finns", "Vad socialtjänsten gör", "Vill veta mer"),
            "delaktighet", List.of("Blir lyssnad på", "Får veta vad som händer", "Tillfrågas inför beslut"),
            "intervjun", List.of("Hur det var att bli intervjuad", "Något mer att berätta"));

    private static final String RECORD = "codebook";

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final Guides guides;
    private final CurrentActor currentActor;
    private final AuditLog audit;

    Codebooks(JdbcClient jdbc, RoundService rounds, Guides guides, CurrentActor currentActor, AuditLog audit) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.guides = guides;
        this.currentActor = currentActor;
        this.audit = audit;
    }

    /** The round's codebook, seeded from the guide the first time it is asked for. */
    public Codebook codebook(long roundId) {
        var round = readable(roundId);
        var actor = currentActor.get();
        var sources = new ArrayList<Codebook.RoundRef>();
        if (mayEdit(round, actor)) {
            for (var other : rounds.visible()) {
                if (other.unitId() == round.unitId() && !other.id().equals(round.id())
                        && !other.createdAt().isAfter(round.createdAt()) && hasCodebook(other.id())) {
                    sources.add(new Codebook.RoundRef(other.id(), other.title()));
                }
            }
        }
        return new Codebook(round.id(), round.title(), codes(round.id()), history(round.id()), mayEdit(round, actor),
                List.copyOf(sources));
    }

    /**
     * Every code of the round, in codebook order; seeds the codebook if it has none yet. Asked from a
     * read-only transaction (decisions, the memo) before the codebook exists, it gives the codes the
     * codebook will start with, unsaved (ids below zero, nothing coded with them), as a read-only
     * transaction cannot write and must not take a second connection to do so.
     */
    public List<Code> codes(long roundId) {
        var round = readable(roundId);
        if (!seeded(round.id())) {
            return startingCodes(round);
        }
        var all = jdbc.sql("select * from code where round_id = ? order by position, id").param(round.id())
                .query(Codebooks::code).list();
        // Top codes in order, each followed by all its sub-themes: the order of the codebook page.
        var result = new ArrayList<Code>();
        all.stream().filter(Code::top).forEach(top -> {
            result.add(top);
            all.stream().filter(c -> c.parentId() != null && c.parentId() == top.id()).forEach(result::add);
        });
        return List.copyOf(result);
    }

    /** One code of the round; a code of another round is a 404. */
    public Code code(long roundId, long codeId) {
        var round = readable(roundId);
        return find(round.id(), codeId).orElseThrow(NotFoundException::new);
    }

    /**
     * Adds a code; with a parent it is a sub-theme of that top code, without one a new top code.
     *
     * @throws InvalidInputException {@code name}: empty, too long, an identity number or already in use
     */
    public Code add(long roundId, String name, Long parentId) {
        return add(roundId, name, parentId, null);
    }

    /**
     * Adds a code with a description of when to use it (blank: none).
     *
     * @throws InvalidInputException {@code name} as {@link #add(long, String, Long)}; {@code description}: too long or an identity number
     */
    public Code add(long roundId, String name, Long parentId, String description) {
        var round = editable(roundId, "CODE_ADD");
        var cleaned = name(round.id(), name, null);
        var described = description(description);
        if (parentId != null) {
            var parent = find(round.id(), parentId).filter(Code::active)
                    .orElseThrow(() -> new InvalidInputException("parentId", "analysis.code.parentUnknown"));
            if (!parent.top()) {
                throw new InvalidInputException("parentId", "analysis.code.parentNotTop");
            }
        }
        var position = jdbc.sql("select coalesce(max(position), 0) + 1 from code where round_id = ?").param(round.id())
                .query(Integer.class).single();
        var id = insert(round.id(), parentId, null, cleaned, position);
        event(id, CodeEvent.Kind.CREATED, null, cleaned, null);
        if (described != null) {
            jdbc.sql("update code set description = ? where id = ?").params(described, id).update();
        }
        audit.success("CODE_ADD", RECORD, id, round.unitId());
        return find(round.id(), id).orElseThrow();
    }

    /** Renames a code, if nobody changed it since {@code expectedVersion}. */
    public Code rename(long roundId, long codeId, int expectedVersion, String newName) {
        var round = editable(roundId, "CODE_RENAME");
        var code = activeCode(round.id(), codeId);
        var cleaned = name(round.id(), newName, codeId);
        var updated = jdbc.sql("update code set name = ?, version = version + 1 where id = ? and version = ? and status = 'ACTIVE'")
                .params(cleaned, codeId, expectedVersion).update();
        if (updated == 0) {
            throw conflict();
        }
        event(codeId, CodeEvent.Kind.RENAMED, code.name(), cleaned, null);
        audit.success("CODE_RENAME", RECORD, codeId, round.unitId());
        return find(round.id(), codeId).orElseThrow();
    }

    /**
     * Renames a code and changes its description in one go, as the codebook page's form sends them;
     * either may be null (left as it is), and an unchanged name is not renamed.
     */
    public Code edit(long roundId, long codeId, int expectedVersion, String newName, String description) {
        var code = code(roundId, codeId);
        var version = expectedVersion;
        if (newName != null && !newName.strip().replaceAll("\\s+", " ").equals(code.name())) {
            version = rename(roundId, codeId, version, newName).version();
        }
        if (description != null) {
            return describe(roundId, codeId, version, description);
        }
        if (version == expectedVersion && code.version() != expectedVersion) {
            throw conflict();
        }
        return find(code.roundId(), codeId).orElseThrow();
    }

    /**
     * Changes what a code says it means, if nobody changed the code since {@code expectedVersion}.
     * A blank description removes it. Nothing happens (and no history is written) when it is unchanged.
     *
     * @throws InvalidInputException {@code description}: too long or an identity number; {@code version}: a conflict
     */
    public Code describe(long roundId, long codeId, int expectedVersion, String description) {
        var round = editable(roundId, "CODE_DESCRIBE");
        var code = activeCode(round.id(), codeId);
        var described = description(description);
        if (java.util.Objects.equals(described, code.description())) {
            if (code.version() != expectedVersion) {
                throw conflict();
            }
            return code;
        }
        var updated = jdbc.sql("update code set description = ?, version = version + 1 where id = ? and version = ? and status = 'ACTIVE'")
                .params(described, codeId, expectedVersion).update();
        if (updated == 0) {
            throw conflict();
        }
        event(codeId, CodeEvent.Kind.DESCRIBED, null, code.name(), null);
        audit.success("CODE_DESCRIBE", RECORD, codeId, round.unitId());
        return find(round.id(), codeId).orElseThrow();
    }

    /**
     * Merges a code into another: its segments move to the target (a span already coded with the
     * target stays once), and the code is kept, marked merged, for the history.
     */
    public Code merge(long roundId, long codeId, int expectedVersion, long targetId) {
        var round = editable(roundId, "CODE_MERGE");
        var code = activeCode(round.id(), codeId);
        var target = find(round.id(), targetId).filter(Code::active)
                .orElseThrow(() -> new InvalidInputException("targetId", "analysis.code.targetUnknown"));
        if (target.id() == code.id()) {
            throw new InvalidInputException("targetId", "analysis.code.targetSelf");
        }
        requireNoActiveChildren(code);
        var updated = jdbc.sql("""
                update code set status = 'MERGED', merged_into = ?, version = version + 1
                where id = ? and version = ? and status = 'ACTIVE'""")
                .params(targetId, codeId, expectedVersion).update();
        if (updated == 0) {
            throw conflict();
        }
        jdbc.sql("""
                update coded_segment s set code_id = :target where s.code_id = :source and not exists (
                    select 1 from coded_segment t where t.code_id = :target and t.interview_id = s.interview_id
                    and t.kind = s.kind and coalesce(t.question_id, 0) = coalesce(s.question_id, 0)
                    and coalesce(t.part, '') = coalesce(s.part, '')
                    and t.start_offset = s.start_offset and t.end_offset = s.end_offset)""")
                .param("target", targetId).param("source", codeId).update();
        // What is left are spans the target already had: they stay coded, once.
        jdbc.sql("delete from coded_segment where code_id = ?").param(codeId).update();
        // Quotes marked from the merged code now belong to the target's theme.
        jdbc.sql("update quote set code_id = ? where code_id = ?").params(targetId, codeId).update();
        jdbc.sql("insert into code_event (code_id, kind, old_name, new_name, other_code, actor, actor_name) values (?, 'MERGED', ?, ?, ?, ?, ?)")
                .params(codeId, code.name(), target.name(), targetId, actor().username(), actor().displayName()).update();
        audit.success("CODE_MERGE", RECORD, codeId, round.unitId());
        return find(round.id(), codeId).orElseThrow();
    }

    /** Retires a code: it can no longer be picked, and what was coded with it stays. */
    public Code retire(long roundId, long codeId, int expectedVersion) {
        var round = editable(roundId, "CODE_RETIRE");
        var code = activeCode(round.id(), codeId);
        requireNoActiveChildren(code);
        var updated = jdbc.sql("update code set status = 'RETIRED', version = version + 1 where id = ? and version = ? and status = 'ACTIVE'")
                .params(codeId, expectedVersion).update();
        if (updated == 0) {
            throw conflict();
        }
        event(codeId, CodeEvent.Kind.RETIRED, code.name(), null, null);
        audit.success("CODE_RETIRE", RECORD, codeId, round.unitId());
        return find(round.id(), codeId).orElseThrow();
    }

    /**
     * Copies the active codes of an earlier round of the same unit into this codebook. Codes whose
     * name is already in use here are left as they are, so copying twice adds nothing and nothing
     * here is lost; sub-themes land under the top code of the same name or area.
     *
     * @return how many codes were added
     */
    public int copyFrom(long roundId, long sourceRoundId) {
        var round = editable(roundId, "CODEBOOK_COPY");
        var source = rounds.visible().stream().filter(r -> r.id() == sourceRoundId && r.unitId() == round.unitId()
                        && r.id() != round.id().longValue() && hasCodebook(r.id()))
                .findFirst().orElseThrow(() -> new InvalidInputException("sourceRoundId", "analysis.codebook.sourceUnknown"));
        var here = codes(round.id());
        var byName = new HashMap<String, Code>();
        here.stream().filter(Code::active).forEach(c -> byName.put(key(c.name()), c));
        var theirs = jdbc.sql("select * from code where round_id = ? and status = 'ACTIVE' order by position, id")
                .param(source.id()).query(Codebooks::code).list();
        var theirTops = new HashMap<Long, Code>();
        theirs.stream().filter(Code::top).forEach(c -> theirTops.put(c.id(), c));
        var position = jdbc.sql("select coalesce(max(position), 0) from code where round_id = ?").param(round.id())
                .query(Integer.class).single();
        var added = 0;
        var ordered = new ArrayList<Code>(theirs.stream().filter(Code::top).toList());
        ordered.addAll(theirs.stream().filter(c -> !c.top()).toList());
        for (var theirCode : ordered) {
            if (byName.containsKey(key(theirCode.name()))) {
                continue;
            }
            Long parentId = null;
            if (!theirCode.top()) {
                var theirParent = theirTops.get(theirCode.parentId());
                if (theirParent == null) {
                    continue;
                }
                var ourParent = byName.get(key(theirParent.name()));
                if (ourParent == null) {
                    ourParent = here.stream().filter(c -> c.active() && c.top() && c.areaCode() != null
                            && c.areaCode().equals(theirParent.areaCode())).findFirst().orElse(null);
                }
                if (ourParent == null || !ourParent.top()) {
                    continue;
                }
                parentId = ourParent.id();
            }
            var id = insert(round.id(), parentId, theirCode.top() ? theirCode.areaCode() : null, theirCode.name(), ++position);
            // The meaning travels with the code, so next year's coders read the same definition.
            jdbc.sql("update code set description = ? where id = ?").params(theirCode.description(), id).update();
            jdbc.sql("insert into code_event (code_id, kind, new_name, actor, actor_name, old_name) values (?, 'COPIED', ?, ?, ?, ?)")
                    .params(id, theirCode.name(), actor().username(), actor().displayName(), source.title()).update();
            byName.put(key(theirCode.name()), find(round.id(), id).orElseThrow());
            added++;
        }
        audit.success("CODEBOOK_COPY", RECORD, "round:" + round.id(), round.unitId());
        return added;
    }

    /** Whether the current person may change the codebook and code texts of this round. */
    public boolean mayEdit(long roundId) {
        var round = rounds.get(roundId);
        return mayEdit(round, actor());
    }

    // -------------------------------------------------------------------------------------------

    /** The round, seeded, if the person may read its codebook (process lead, manager, interviewer). */
    Round readable(long roundId) {
        var round = rounds.get(roundId);
        if (!actor().hasAny(round.unitId(), Role.PROCESS_LEAD, Role.UNIT_MANAGER, Role.INTERVIEWER)) {
            audit.record("READ", RECORD, "round:" + roundId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        seed(round);
        return round;
    }

    /** The round, if the person may change its codebook and code; the closed round is read-only. */
    Round editable(long roundId, String action) {
        var round = readable(roundId);
        if (!mayEdit(round, actor())) {
            audit.record(action, RECORD, "round:" + roundId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        if (round.stage() == Stage.CLOSED) {
            throw new InvalidInputException("stage", "analysis.coding.closed");
        }
        return round;
    }

    /** Whether the person may approve quotes: only who may read the whole key list, for the full check. */
    static boolean mayApprove(Round round, Actor actor) {
        return actor.has(round.unitId(), Role.PROCESS_LEAD);
    }

    static boolean mayEdit(Round round, Actor actor) {
        return actor.hasAny(round.unitId(), Role.PROCESS_LEAD, Role.INTERVIEWER);
    }

    java.util.Optional<Code> find(long roundId, long codeId) {
        return jdbc.sql("select * from code where id = ? and round_id = ?").params(codeId, roundId)
                .query(Codebooks::code).optional();
    }

    private boolean seeded(long roundId) {
        return jdbc.sql("select exists (select 1 from codebook where round_id = ?)").param(roundId)
                .query(Boolean.class).single();
    }

    /** Seeds the codebook in the caller's transaction; a read-only one leaves it to the next writable one. */
    private void seed(Round round) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isCurrentTransactionReadOnly()
                || seeded(round.id())) {
            return;
        }
        var created = jdbc.sql("insert into codebook (round_id) values (?) on conflict do nothing").param(round.id()).update();
        if (created == 0) {
            return;
        }
        var guide = guides.find(round.guideId()).orElseThrow();
        var position = 0;
        for (var area : guide.areas()) {
            var top = insert(round.id(), null, area.code(), area.title(), ++position);
            event(top, CodeEvent.Kind.CREATED, null, area.title(), null);
            for (var theme : SUB_THEMES.getOrDefault(area.code(), List.of())) {
                var sub = insert(round.id(), top, null, theme, ++position);
                event(sub, CodeEvent.Kind.CREATED, null, theme, null);
            }
        }
    }

    /** The codes {@link #seed} would create, in the same order, not stored. */
    private List<Code> startingCodes(Round round) {
        var guide = guides.find(round.guideId()).orElseThrow();
        var result = new ArrayList<Code>();
        var position = 0;
        for (var area : guide.areas()) {
            var top = new Code(-(++position), round.id(), null, area.code(), area.title(), position, Code.Status.ACTIVE, null, 0, null);
            result.add(top);
            for (var theme : SUB_THEMES.getOrDefault(area.code(), List.of())) {
                ++position;
                result.add(new Code(-position, round.id(), top.id(), null, theme, position, Code.Status.ACTIVE, null, 0, null));
            }
        }
        return List.copyOf(result);
    }

    private boolean hasCodebook(long roundId) {
        return jdbc.sql("select count(*) from codebook where round_id = ?").param(roundId).query(Integer.class).single() > 0;
    }

    private long insert(long roundId, Long parentId, String areaCode, String name, int position) {
        try {
            return jdbc.sql("""
                    insert into code (round_id, parent_id, area_code, name, position, created_by)
                    values (?, ?, ?, ?, ?, ?) returning id""")
                    .params(roundId, parentId, areaCode, name, position, actor().username())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            // Someone added the same name a moment ago.
            throw new InvalidInputException("name", "analysis.code.nameTaken");
        }
    }

    private void event(long codeId, CodeEvent.Kind kind, String oldName, String newName, Long other) {
        jdbc.sql("insert into code_event (code_id, kind, old_name, new_name, other_code, actor, actor_name) values (?, ?, ?, ?, ?, ?, ?)")
                .params(codeId, kind.name(), oldName, newName, other, actor().username(), actor().displayName()).update();
    }

    private List<CodeEvent> history(long roundId) {
        return jdbc.sql("""
                select e.*, c.name as code_name, o.name as other_name from code_event e join code c on c.id = e.code_id
                left join code o on o.id = e.other_code where c.round_id = ? order by e.occurred_at desc, e.id desc""")
                .param(roundId)
                .query((rs, n) -> new CodeEvent(rs.getLong("id"), rs.getLong("code_id"), rs.getString("code_name"),
                        CodeEvent.Kind.valueOf(rs.getString("kind")), rs.getString("old_name"), rs.getString("new_name"),
                        rs.getString("other_name"), rs.getString("actor"), rs.getString("actor_name"),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    private Code activeCode(long roundId, long codeId) {
        var code = find(roundId, codeId).orElseThrow(NotFoundException::new);
        if (!code.active()) {
            // Someone merged or retired it meanwhile: a conflict, told as such.
            throw conflict();
        }
        return code;
    }

    private void requireNoActiveChildren(Code code) {
        var children = jdbc.sql("select count(*) from code where parent_id = ? and status = 'ACTIVE'").param(code.id())
                .query(Integer.class).single();
        if (children > 0) {
            throw new InvalidInputException("codeId", "analysis.code.hasChildren");
        }
    }

    private String name(long roundId, String raw, Long except) {
        var name = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
        if (name.isEmpty()) {
            throw new InvalidInputException("name", "analysis.code.nameRequired");
        }
        if (name.length() > MAX_NAME) {
            throw new InvalidInputException("name", "analysis.code.nameTooLong", MAX_NAME);
        }
        if (IdentityNumbers.containsIdentityNumber(name)) {
            throw new InvalidInputException("name", "privacy.identityNumber");
        }
        var taken = jdbc.sql("select count(*) from code where round_id = ? and status = 'ACTIVE' and lower(name) = lower(?) and id <> ?")
                .params(roundId, name, except == null ? -1L : except).query(Integer.class).single();
        if (taken > 0) {
            throw new InvalidInputException("name", "analysis.code.nameTaken");
        }
        return name;
    }

    private static String description(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        var description = raw.strip().replace("\r\n", "\n");
        if (description.length() > MAX_DESCRIPTION) {
            throw new InvalidInputException("description", "analysis.code.descriptionTooLong", MAX_DESCRIPTION);
        }
        if (IdentityNumbers.containsIdentityNumber(description)) {
            throw new InvalidInputException("description", "privacy.identityNumber");
        }
        return description;
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private static InvalidInputException conflict() {
        return new InvalidInputException("version", "analysis.code.conflict");
    }

    private Actor actor() {
        return currentActor.get();
    }

    static Code code(ResultSet rs, int n) throws SQLException {
        return new Code(rs.getLong("id"), rs.getLong("round_id"), (Long) rs.getObject("parent_id"), rs.getString("area_code"),
                rs.getString("name"), rs.getInt("position"), Code.Status.valueOf(rs.getString("status")),
                (Long) rs.getObject("merged_into"), rs.getInt("version"), rs.getString("description"));
    }
}
