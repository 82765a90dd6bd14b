package se.delaktig.report;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Role;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editable memo of a round and its versions. The process leads and unit managers of the round's
 * unit write it – they are the ones who sign it; anyone else, and every round of another unit, is
 * told the round does not exist (404).
 *
 * <p>Until the first save the draft is generated from the round ({@link MemoPrefill}). Every save is
 * a new version, saved on top of the version the person started from: if someone else saved in
 * between, the save is refused ({@link StaleVersionException}) and the page keeps what was typed.
 */
@Service
@Transactional
public class MemoDrafts {

    /** Longest version comment. */
    public static final int MAX_COMMENT = 500;

    private static final String RECORD = "memo";

    /** The draft as the page shows it: the latest version, or the generated text if none is saved. */
    public record Draft(long roundId, String roundTitle, MemoContent content, int baseVersion, boolean generated,
                        List<MemoVersion> versions) {

        public Optional<MemoVersion> latest() {
            return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
        }
    }

    /** A save based on an older version than the latest. */
    public static class StaleVersionException extends InvalidInputException {

        private final transient MemoVersion latest;

        StaleVersionException(MemoVersion latest) {
            super("memo", "memo.stale", latest.number(), latest.savedByName());
            this.latest = latest;
        }

        public MemoVersion latest() {
            return latest;
        }
    }

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final CurrentActor currentActor;
    private final MemoPrefill prefill;
    private final AuditLog audit;
    private final JsonMapper json;

    MemoDrafts(JdbcClient jdbc, RoundService rounds, CurrentActor currentActor, MemoPrefill prefill, AuditLog audit,
               JsonMapper json) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.currentActor = currentActor;
        this.prefill = prefill;
        this.audit = audit;
        this.json = json;
    }

    /** The draft to edit: the latest version's text, or the text generated from the round. */
    public Draft draft(long roundId) {
        var round = signable(roundId, "READ");
        var versions = versions(round);
        audit.success("READ", RECORD, "round:" + roundId, round.unitId());
        if (versions.isEmpty()) {
            return new Draft(roundId, round.title(), prefill.content(round), 0, true, versions);
        }
        var latest = versions.get(versions.size() - 1);
        return new Draft(roundId, round.title(), latest.content(), latest.number(), false, versions);
    }

    /** The saved versions, oldest first. */
    @Transactional(readOnly = true)
    public List<MemoVersion> versions(long roundId) {
        return versions(signable(roundId, "READ"));
    }

    /**
     * Saves the text as a new version on top of {@code baseVersion} (0: the generated draft).
     *
     * @throws InvalidInputException  a section or signer that is too long or holds an identity
     *                                number, or no signer
     * @throws StaleVersionException  someone saved a newer version since {@code baseVersion}
     */
    public MemoVersion save(long roundId, int baseVersion, MemoContent content, String comment) {
        var round = signable(roundId, "MEMO_SAVE");
        var cleaned = validate(content);
        var note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "memo.comment.tooLong", MAX_COMMENT);
        }
        guard("comment", note, new DefaultMessageSourceResolvable("memo.field.comment"));
        // One save per round at a time: the version numbers stay gapless and a stale save is caught here.
        jdbc.sql("select id from round where id = ? for update").param(roundId).query(Long.class).single();
        var latest = latest(round.id());
        if (latest.map(MemoVersion::number).orElse(0) != baseVersion) {
            throw new StaleVersionException(latest.orElseThrow(NotFoundException::new));
        }
        var facts = prefill.facts(round);
        var actor = currentActor.get();
        var signer2 = cleaned.signers().size() > 1 ? cleaned.signers().get(1) : null;
        long id;
        try {
            id = jdbc.sql("""
                    insert into memo_version (round_id, number, proposal, summary, case_text, economy, children, attachments,
                        signer1_name, signer1_title, signer2_name, signer2_title, facts, comment, saved_by, saved_by_name)
                    values (:round, :number, :proposal, :summary, :case, :economy, :children, :attachments,
                        :s1n, :s1t, :s2n, :s2t, :facts, :comment, :by, :byName) returning id""")
                    .param("round", round.id()).param("number", baseVersion + 1)
                    .param("proposal", cleaned.text(MemoSection.PROPOSAL)).param("summary", cleaned.text(MemoSection.SUMMARY))
                    .param("case", cleaned.text(MemoSection.CASE)).param("economy", cleaned.text(MemoSection.ECONOMY))
                    .param("children", cleaned.text(MemoSection.CHILDREN))
                    .param("attachments", cleaned.text(MemoSection.ATTACHMENTS))
                    .param("s1n", cleaned.signers().get(0).name()).param("s1t", cleaned.signers().get(0).title())
                    .param("s2n", signer2 == null ? null : signer2.name()).param("s2t", signer2 == null ? null : signer2.title())
                    .param("facts", json.writeValueAsString(facts)).param("comment", note)
                    .param("by", actor.username()).param("byName", actor.displayName())
                    .query(Long.class).single();
        } catch (DuplicateKeyException e) {
            throw new StaleVersionException(latest(round.id()).orElseThrow());
        }
        audit.success("MEMO_SAVE", "memo_version", id, round.unitId());
        return version(round.id(), baseVersion + 1).orElseThrow();
    }

    /** Two versions compared section by section; an unknown version number is a 404. */
    @Transactional(readOnly = true)
    public MemoComparison compare(long roundId, int from, int to) {
        var round = signable(roundId, "READ");
        var a = version(round.id(), from).orElseThrow(NotFoundException::new);
        var b = version(round.id(), to).orElseThrow(NotFoundException::new);
        var sections = new ArrayList<MemoComparison.Section>();
        for (var section : MemoSection.values()) {
            sections.add(new MemoComparison.Section(section.field(), section.headingKey(),
                    MemoDiff.words(a.content().text(section), b.content().text(section))));
        }
        sections.add(new MemoComparison.Section("signers", "memo.signatures.heading",
                MemoDiff.words(signers(a.content()), signers(b.content()))));
        audit.success("READ", RECORD, "round:" + roundId + ":compare:" + from + "-" + to, round.unitId());
        return new MemoComparison(round.id(), round.title(), a, b, List.copyOf(sections));
    }

    /** The text an export prints: a saved version, or (no version) the draft generated now. */
    record Chosen(Round round, MemoVersion version, MemoContent content, MemoFacts facts) {
    }

    /** What an export prints: a chosen version (null: the latest, or the generated draft if none). */
    Chosen chosen(long roundId, Integer number, String action) {
        var round = signable(roundId, action);
        MemoVersion version;
        if (number == null) {
            version = latest(round.id()).orElse(null);
        } else {
            version = version(round.id(), number).orElseThrow(NotFoundException::new);
        }
        return version == null
                ? new Chosen(round, null, prefill.content(round), prefill.facts(round))
                : new Chosen(round, version, version.content(), version.facts());
    }

    /** The round, if the current person is a process lead or unit manager of its unit; otherwise a 404. */
    Round signable(long roundId, String action) {
        var round = rounds.get(roundId);
        if (!currentActor.get().hasAny(round.unitId(), Role.PROCESS_LEAD, Role.UNIT_MANAGER)) {
            audit.record(action, RECORD, "round:" + roundId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        return round;
    }

    // -------------------------------------------------------------------------------------------

    private MemoContent validate(MemoContent content) {
        var sections = new EnumMap<MemoSection, String>(MemoSection.class);
        for (var section : MemoSection.values()) {
            var text = content.text(section).replace("\r\n", "\n").strip();
            var name = new DefaultMessageSourceResolvable(section.headingKey());
            if (text.length() > MemoSection.MAX_TEXT) {
                throw new InvalidInputException(section.field(), "memo.section.tooLong", name, MemoSection.MAX_TEXT);
            }
            guard(section.field(), text, name);
            sections.put(section, text);
        }
        var signers = new ArrayList<MemoContent.Signer>();
        for (int i = 0; i < 2; i++) {
            var signer = content.signer(i);
            var name = signer.name() == null ? "" : signer.name().strip();
            var title = signer.title() == null ? "" : signer.title().strip();
            var nameField = "signer" + (i + 1) + "Name";
            var titleField = "signer" + (i + 1) + "Title";
            guard(nameField, name, new DefaultMessageSourceResolvable("memo.field." + nameField));
            guard(titleField, title, new DefaultMessageSourceResolvable("memo.field." + titleField));
            if (name.length() > MemoContent.MAX_SIGNER) {
                throw new InvalidInputException(nameField, "memo.signer.tooLong", MemoContent.MAX_SIGNER);
            }
            if (title.length() > MemoContent.MAX_SIGNER) {
                throw new InvalidInputException(titleField, "memo.signer.tooLong", MemoContent.MAX_SIGNER);
            }
            if (name.isEmpty() && i == 0) {
                throw new InvalidInputException(nameField, "memo.signer.required");
            }
            if (name.isEmpty() && !title.isEmpty()) {
                throw new InvalidInputException(nameField, "memo.signer.nameMissing");
            }
            if (!name.isEmpty()) {
                signers.add(new MemoContent.Signer(name, title));
            }
        }
        return new MemoContent(sections, signers);
    }

    private static void guard(String field, String text, DefaultMessageSourceResolvable name) {
        if (text != null && IdentityNumbers.containsIdentityNumber(text)) {
            throw new InvalidInputException(field, "memo.identityNumber", name);
        }
    }

    private static String signers(MemoContent content) {
        var lines = new ArrayList<String>();
        content.printedSigners().forEach(s -> lines.add(s.title().isBlank() ? s.name() : s.name() + ", " + s.title()));
        return String.join("\n", lines);
    }

    private List<MemoVersion> versions(Round round) {
        return jdbc.sql("select * from memo_version where round_id = ? order by number").param(round.id())
                .query((rs, n) -> version(rs)).list();
    }

    private Optional<MemoVersion> latest(long roundId) {
        return jdbc.sql("select * from memo_version where round_id = ? order by number desc limit 1").param(roundId)
                .query((rs, n) -> version(rs)).optional();
    }

    private Optional<MemoVersion> version(long roundId, int number) {
        return jdbc.sql("select * from memo_version where round_id = ? and number = ?").params(roundId, number)
                .query((rs, n) -> version(rs)).optional();
    }

    private MemoVersion version(ResultSet rs) throws SQLException {
        var sections = new EnumMap<MemoSection, String>(MemoSection.class);
        sections.put(MemoSection.PROPOSAL, rs.getString("proposal"));
        sections.put(MemoSection.SUMMARY, rs.getString("summary"));
        sections.put(MemoSection.CASE, rs.getString("case_text"));
        sections.put(MemoSection.ECONOMY, rs.getString("economy"));
        sections.put(MemoSection.CHILDREN, rs.getString("children"));
        sections.put(MemoSection.ATTACHMENTS, rs.getString("attachments"));
        var signers = new ArrayList<MemoContent.Signer>();
        signers.add(new MemoContent.Signer(rs.getString("signer1_name"), rs.getString("signer1_title")));
        if (rs.getString("signer2_name") != null) {
            signers.add(new MemoContent.Signer(rs.getString("signer2_name"),
                    rs.getString("signer2_title") == null ? "" : rs.getString("signer2_title")));
        }
        var facts = json.readValue(rs.getString("facts"), MemoFacts.class);
        return new MemoVersion(rs.getLong("id"), rs.getLong("round_id"), rs.getInt("number"),
                new MemoContent(sections, signers), facts, rs.getString("comment"), rs.getString("saved_by"),
                rs.getString("saved_by_name"), rs.getTimestamp("saved_at").toInstant());
    }
}
