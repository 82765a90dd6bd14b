package se.delaktig.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import se.delaktig.access.CurrentActor;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.Guides;
import se.delaktig.interview.CodableText;
import se.delaktig.interview.InterviewResults;
import se.delaktig.privacy.IdentityNumbers;
import se.delaktig.privacy.RoundKeys;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * The analysis matrix of a round: one row per guide area, and three columns – what the children said
 * (the area's themes with how many children each covers, and the approved quotes of those themes),
 * staff experiences (compiled from the coded reflections) and the seminar's proposals for the area
 * in rank order. Each cell also holds the team's own summary, edited on screen by the analysts and
 * kept encrypted with the round's key.
 *
 * <p>Only approved quotes ever reach the matrix: it reads them through {@link Quotes#approved(long)}.
 * Saving a cell needs the version the person saw; a save based on an older one is not stored and
 * is answered with the other person's text, so nothing is lost.
 */
@Service
@Transactional
public class AnalysisMatrix {

    /** Longest team text of one cell. */
    public static final int MAX_TEXT = 4000;

    private static final String RECORD = "matrix";

    /** The three columns of the matrix. */
    public enum Column { CHILDREN, STAFF, PROPOSALS }

    /** A theme (code) of an area, with the children coded with it. */
    public record Theme(long codeId, String name, boolean top, int children, String childrenText, boolean included) {
    }

    /** An approved quote of one of the area's themes. */
    public record QuoteItem(long id, long codeId, String codeName, String text, boolean included) {
    }

    /** Staff experiences under one code: the coded reflection excerpts and how many interviews they are from. */
    public record StaffItem(long codeId, String codeName, List<String> excerpts, int interviews, int interviewers) {
    }

    /** The team's text of one cell; version 0 and a null text when nobody has written in it yet. */
    public record Cell(String areaCode, Column column, String text, int version, String updatedBy, Instant updatedAt) {

        public boolean isEmpty() {
            return text == null || text.isBlank();
        }
    }

    /** One row of the matrix. */
    public record Row(String areaCode, String title, List<Theme> themes, List<QuoteItem> quotes, List<StaffItem> staff,
                      List<MatrixProposals.Proposal> proposals, Map<Column, Cell> cells) {

        /** The themes chosen to be shown. */
        public List<Theme> shownThemes() {
            return themes.stream().filter(Theme::included).toList();
        }

        /** The approved quotes chosen to be shown, of themes that are shown. */
        public List<QuoteItem> shownQuotes() {
            var shown = new HashSet<Long>();
            shownThemes().forEach(t -> shown.add(t.codeId()));
            return quotes.stream().filter(q -> q.included() && shown.contains(q.codeId())).toList();
        }

        public Cell cell(Column column) {
            return cells.get(column);
        }
    }

    /**
     * The whole matrix.
     *
     * @param children the children whose interview is completed: the "av åtta barn" of every count
     */
    public record Matrix(long roundId, String roundTitle, int children, List<Row> rows, boolean mayEdit) {
    }

    /**
     * What a save did: stored (no conflict), or refused because someone saved first; then
     * {@code cell} is theirs and {@code yourText} what this person typed.
     */
    public record SaveResult(Cell cell, boolean conflict, String yourText) {
    }

    private final JdbcClient jdbc;
    private final Codebooks codebooks;
    private final Quotes quotes;
    private final StaffExperiences staff;
    private final Guides guides;
    private final InterviewResults results;
    private final RoundKeys keys;
    private final ObjectProvider<MatrixProposals> proposals;
    private final CurrentActor currentActor;
    private final AuditLog audit;

    AnalysisMatrix(JdbcClient jdbc, Codebooks codebooks, Quotes quotes, StaffExperiences staff, Guides guides,
                   InterviewResults results, RoundKeys keys, ObjectProvider<MatrixProposals> proposals,
                   CurrentActor currentActor, AuditLog audit) {
        this.jdbc = jdbc;
        this.codebooks = codebooks;
        this.quotes = quotes;
        this.staff = staff;
        this.guides = guides;
        this.results = results;
        this.keys = keys;
        this.proposals = proposals;
        this.currentActor = currentActor;
        this.audit = audit;
    }

    /** The matrix with counts in the current person's language. */
    public Matrix matrix(long roundId) {
        return matrix(roundId, LocaleContextHolder.getLocale());
    }

    /** The matrix with counts written in the given language ("fem av åtta barn"). */
    public Matrix matrix(long roundId, Locale locale) {
        var round = codebooks.readable(roundId);
        var guide = guides.find(round.guideId()).orElseThrow();
        var total = results.completedParticipants(round.id()).size();
        var english = NumberWords.isEnglish(locale);
        var children = childrenPerCode(round.id());
        var choices = choices(round.id());
        var codes = codebooks.codes(round.id()).stream().filter(c -> c.status() != Code.Status.MERGED).toList();
        var approved = quotes.approved(round.id());
        var staffByArea = new HashMap<String, StaffExperiences.AreaReflections>();
        staff.byArea(round.id(), false).forEach(a -> staffByArea.put(a.areaCode(), a));
        var proposalsByArea = new HashMap<String, List<MatrixProposals.Proposal>>();
        proposals.orderedStream().flatMap(p -> p.proposals(round.id()).stream())
                .filter(p -> p.areaCode() != null)
                .sorted(java.util.Comparator.comparingInt(MatrixProposals.Proposal::rank))
                .forEach(p -> proposalsByArea.computeIfAbsent(p.areaCode(), k -> new ArrayList<>()).add(p));
        var cells = cells(round.id());
        var rows = new ArrayList<Row>();
        for (var area : guide.areas()) {
            var top = codes.stream().filter(c -> c.top() && area.code().equals(c.areaCode())).findFirst().orElse(null);
            var themes = new ArrayList<Theme>();
            if (top != null) {
                codes.stream().filter(c -> c.id() == top.id() || (c.parentId() != null && c.parentId() == top.id()))
                        .forEach(c -> {
                            var n = children.getOrDefault(c.id(), 0);
                            var included = choices.getOrDefault("CODE:" + c.id(), n > 0);
                            themes.add(new Theme(c.id(), c.name(), c.top(), n, CountSentences.share(n, total, english), included));
                        });
            }
            var themeIds = new HashSet<Long>();
            themes.forEach(t -> themeIds.add(t.codeId()));
            var areaQuotes = approved.stream().filter(q -> themeIds.contains(q.codeId()))
                    .map(q -> new QuoteItem(q.id(), q.codeId(), q.codeName(), q.text(),
                            choices.getOrDefault("QUOTE:" + q.id(), true)))
                    .toList();
            var reflections = staffByArea.get(area.code());
            var staffItems = reflections == null ? List.<StaffItem>of() : reflections.codes().stream()
                    .map(c -> new StaffItem(c.codeId(), c.codeName(), c.segments().stream().map(Segment::excerpt).toList(),
                            c.interviews(), c.interviewers()))
                    .toList();
            var rowCells = new EnumMap<Column, Cell>(Column.class);
            for (var column : Column.values()) {
                rowCells.put(column, cells.getOrDefault(area.code() + ":" + column,
                        new Cell(area.code(), column, null, 0, null, null)));
            }
            rows.add(new Row(area.code(), area.title(), List.copyOf(themes), areaQuotes, staffItems,
                    List.copyOf(proposalsByArea.getOrDefault(area.code(), List.of())), Map.copyOf(rowCells)));
        }
        audit.success("READ", RECORD, "round:" + round.id(), round.unitId());
        return new Matrix(round.id(), round.title(), total, List.copyOf(rows), Codebooks.mayEdit(round, currentActor.get()));
    }

    /** Whether the current person may edit the matrix of the round. */
    public boolean mayEdit(long roundId) {
        return codebooks.mayEdit(roundId);
    }

    /**
     * Saves the team's text of one cell, if nobody saved it since {@code expectedVersion}.
     *
     * @throws InvalidInputException {@code text}: too long or contains an identity number;
     *                               {@code areaCode}: no area of the round's guide
     */
    public SaveResult save(long roundId, String areaCode, Column column, int expectedVersion, String text) {
        var round = codebooks.editable(roundId, "MATRIX_EDIT");
        var guide = guides.find(round.guideId()).orElseThrow();
        if (areaCode == null || guide.areas().stream().noneMatch(a -> a.code().equals(areaCode))) {
            throw new NotFoundException();
        }
        if (column == null) {
            throw new NotFoundException();
        }
        var cleaned = text == null ? "" : text.replace("\r\n", "\n").strip();
        if (cleaned.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "matrix.text.tooLong", MAX_TEXT);
        }
        if (IdentityNumbers.containsIdentityNumber(cleaned)) {
            audit.record("MATRIX_EDIT", RECORD, "round:" + round.id(), round.unitId(), AuditLog.Outcome.DENIED);
            throw new InvalidInputException("text", "matrix.text.identityNumber");
        }
        var sealed = cleaned.isEmpty() ? null : keys.encrypt(round.id(), cleaned, context(round.id(), areaCode, column));
        var username = currentActor.get().username();
        int stored;
        if (expectedVersion == 0) {
            stored = jdbc.sql("""
                    insert into matrix_cell (round_id, area_code, column_key, team_text, version, updated_by)
                    values (?, ?, ?, ?, 1, ?) on conflict do nothing""")
                    .params(round.id(), areaCode, column.name(), sealed, username).update();
        } else {
            stored = jdbc.sql("""
                    update matrix_cell set team_text = ?, version = version + 1, updated_by = ?, updated_at = now()
                    where round_id = ? and area_code = ? and column_key = ? and version = ?""")
                    .params(sealed, username, round.id(), areaCode, column.name(), expectedVersion).update();
        }
        var current = cell(round.id(), areaCode, column);
        if (stored == 0) {
            audit.record("MATRIX_EDIT", RECORD, "round:" + round.id(), round.unitId(), AuditLog.Outcome.FAILURE);
            return new SaveResult(current, true, cleaned);
        }
        audit.success("MATRIX_EDIT", RECORD, "round:" + round.id(), round.unitId());
        return new SaveResult(current, false, cleaned);
    }

    /** One cell's text as it is stored now. */
    public Cell cell(long roundId, String areaCode, Column column) {
        var round = codebooks.readable(roundId);
        return cells(round.id()).getOrDefault(areaCode + ":" + column, new Cell(areaCode, column, null, 0, null, null));
    }

    /**
     * Chooses which of an area's themes and approved quotes the matrix shows: those named are shown,
     * the area's others are not.
     */
    public void choose(long roundId, String areaCode, Collection<Long> themeIds, Collection<Long> quoteIds) {
        var round = codebooks.editable(roundId, "MATRIX_CHOOSE");
        var matrix = matrix(round.id());
        var row = matrix.rows().stream().filter(r -> r.areaCode().equals(areaCode)).findFirst()
                .orElseThrow(NotFoundException::new);
        Set<Long> themes = themeIds == null ? Set.of() : Set.copyOf(themeIds);
        Set<Long> chosenQuotes = quoteIds == null ? Set.of() : Set.copyOf(quoteIds);
        var username = currentActor.get().username();
        for (var theme : row.themes()) {
            choice(round.id(), "CODE", theme.codeId(), themes.contains(theme.codeId()), username);
        }
        for (var quote : row.quotes()) {
            choice(round.id(), "QUOTE", quote.id(), chosenQuotes.contains(quote.id()), username);
        }
        audit.success("MATRIX_CHOOSE", RECORD, "round:" + round.id(), round.unitId());
    }

    // -------------------------------------------------------------------------------------------

    /** Children (not segments) per code, from what the children said: reflections are staff's words. */
    private Map<Long, Integer> childrenPerCode(long roundId) {
        var result = new HashMap<Long, Integer>();
        jdbc.sql("""
                select code_id, count(distinct participant_id) from coded_segment
                where round_id = ? and kind <> ? group by code_id""")
                .params(roundId, CodableText.Kind.REFLECTION.name())
                .query(rs -> {
                    result.put(rs.getLong(1), rs.getInt(2));
                });
        return result;
    }

    private Map<String, Boolean> choices(long roundId) {
        var result = new HashMap<String, Boolean>();
        jdbc.sql("select kind, item_id, included from matrix_choice where round_id = ?").param(roundId)
                .query(rs -> {
                    result.put(rs.getString(1) + ":" + rs.getLong(2), rs.getBoolean(3));
                });
        return result;
    }

    private void choice(long roundId, String kind, long itemId, boolean included, String username) {
        jdbc.sql("""
                insert into matrix_choice (round_id, kind, item_id, included, chosen_by) values (?, ?, ?, ?, ?)
                on conflict (round_id, kind, item_id) do update set included = excluded.included,
                    chosen_by = excluded.chosen_by, chosen_at = now()""")
                .params(roundId, kind, itemId, included, username).update();
    }

    private Map<String, Cell> cells(long roundId) {
        var result = new HashMap<String, Cell>();
        jdbc.sql("select * from matrix_cell where round_id = ?").param(roundId).query(rs -> {
            var area = rs.getString("area_code");
            var column = Column.valueOf(rs.getString("column_key"));
            var bytes = rs.getBytes("team_text");
            var text = bytes == null ? null : keys.decrypt(roundId, bytes, context(roundId, area, column));
            result.put(area + ":" + column, new Cell(area, column, text, rs.getInt("version"), rs.getString("updated_by"),
                    rs.getTimestamp("updated_at").toInstant()));
        });
        return result;
    }

    private static String context(long roundId, String areaCode, Column column) {
        return "matrix:" + roundId + ":" + areaCode + ":" + column;
    }
}
