package se.delaktig.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.delaktig.analysis.AnalysisMatrix;
import se.delaktig.analysis.NumberWords;
import se.delaktig.audit.AuditLog;
import se.delaktig.round.RoundService;

/**
 * The analysis matrix as documents to take away: a Word document the team can keep editing, and a
 * PDF (tagged, PDF/A) to print for the seminar. Both are built from {@link AnalysisMatrix}, so they
 * carry approved quotes only, the themes and quotes the analyst chose, the counts written as words
 * and the team's texts. The excerpts of the staff's reflections stay on screen: an export names the
 * codes and how many interviews they come from, and the team's summary.
 */
@Service
@Transactional
public class MatrixDocuments {

    /** A rendered document, the file name to offer it under and its media type. */
    public record Document(String filename, String contentType, byte[] content) {
    }

    public static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final AnalysisMatrix matrices;
    private final RoundService rounds;
    private final MessageSource messages;
    private final ITemplateEngine templates;
    private final AuditLog audit;

    MatrixDocuments(AnalysisMatrix matrices, RoundService rounds, MessageSource messages, ITemplateEngine templates,
                    AuditLog audit) {
        this.matrices = matrices;
        this.rounds = rounds;
        this.messages = messages;
        this.templates = templates;
        this.audit = audit;
    }

    /** The matrix as a Word document, in the current person's language. */
    public Document docx(long roundId) {
        var locale = LocaleContextHolder.getLocale();
        var matrix = matrices.matrix(roundId, locale);
        var bytes = docx(matrix, locale);
        audit.success("EXPORT_MATRIX_DOCX", "round", roundId, rounds.get(roundId).unitId());
        return new Document(filename(matrix, locale, "docx"), DOCX, bytes);
    }

    /** The matrix as a PDF, in the current person's language. */
    public Document pdf(long roundId) {
        var locale = LocaleContextHolder.getLocale();
        var matrix = matrices.matrix(roundId, locale);
        var bytes = PdfDocuments.render(html(matrix, locale), "the analysis matrix of round " + roundId);
        audit.success("EXPORT_MATRIX_PDF", "round", roundId, rounds.get(roundId).unitId());
        return new Document(filename(matrix, locale, "pdf"), "application/pdf", bytes);
    }

    /** The Word document of a matrix. */
    byte[] docx(AnalysisMatrix.Matrix matrix, Locale locale) {
        var title = msg("matrix.title", locale, matrix.roundTitle());
        var docx = new DocxWriter(title, english(locale) ? "en-GB" : "sv-SE").landscape();
        docx.title(title);
        docx.paragraph(msg("matrix.export.intro", locale, NumberWords.of(matrix.children(), locale)));
        docx.heading(1, msg("matrix.export.tableHeading", locale));
        var table = docx.table(List.of(msg("matrix.column.area", locale), msg("matrix.column.CHILDREN", locale),
                msg("matrix.column.STAFF", locale), msg("matrix.column.PROPOSALS", locale)));
        for (var row : matrix.rows()) {
            table.row(List.of(List.of(row.title()), children(row, locale), staff(row, locale), proposals(row, locale)));
        }
        docx.heading(1, msg("matrix.export.aboutHeading", locale));
        docx.paragraph(msg("matrix.export.about", locale));
        return docx.toBytes();
    }

    /** The XHTML of a matrix as it goes into the PDF renderer. */
    String html(AnalysisMatrix.Matrix matrix, Locale locale) {
        var context = new Context(locale);
        context.setVariable("matrix", matrix);
        context.setVariable("lang", english(locale) ? "en" : "sv");
        context.setVariable("childrenWord", NumberWords.of(matrix.children(), locale));
        context.setVariable("cells", new Cells(this, locale));
        return templates.process("report/matrix", context);
    }

    /** The paragraphs of each cell, for the PDF template (the same as in the Word document). */
    public record Cells(MatrixDocuments documents, Locale locale) {
        public List<String> children(AnalysisMatrix.Row row) {
            return documents.children(row, locale);
        }

        public List<String> staff(AnalysisMatrix.Row row) {
            return documents.staff(row, locale);
        }

        public List<String> proposals(AnalysisMatrix.Row row) {
            return documents.proposals(row, locale);
        }
    }

    List<String> children(AnalysisMatrix.Row row, Locale locale) {
        var result = new ArrayList<String>();
        team(row, AnalysisMatrix.Column.CHILDREN, result);
        for (var theme : row.shownThemes()) {
            result.add(msg("matrix.export.theme", locale, theme.name(), theme.childrenText()));
        }
        for (var quote : row.shownQuotes()) {
            result.add(quoted(quote.text(), locale));
        }
        if (result.isEmpty()) {
            result.add("–");
        }
        return result;
    }

    List<String> staff(AnalysisMatrix.Row row, Locale locale) {
        var result = new ArrayList<String>();
        team(row, AnalysisMatrix.Column.STAFF, result);
        for (var item : row.staff()) {
            result.add(msg("matrix.export.staffItem", locale, item.codeName(), NumberWords.of(item.interviews(), locale),
                    item.interviews()));
        }
        if (result.isEmpty()) {
            result.add("–");
        }
        return result;
    }

    List<String> proposals(AnalysisMatrix.Row row, Locale locale) {
        var result = new ArrayList<String>();
        team(row, AnalysisMatrix.Column.PROPOSALS, result);
        var n = 0;
        for (var proposal : row.proposals()) {
            result.add(++n + ". " + proposal.text());
        }
        if (result.isEmpty()) {
            result.add("–");
        }
        return result;
    }

    private static void team(AnalysisMatrix.Row row, AnalysisMatrix.Column column, List<String> into) {
        var cell = row.cell(column);
        if (cell != null && !cell.isEmpty()) {
            into.add(cell.text());
        }
    }

    /** ”…” in Swedish, “…” in English. */
    static String quoted(String text, Locale locale) {
        return english(locale) ? "\u201C" + text + "\u201D" : "\u201D" + text + "\u201D";
    }

    private String filename(AnalysisMatrix.Matrix matrix, Locale locale, String extension) {
        return (english(locale) ? "analysis-matrix-" : "analysmatris-")
                + CommitteeMemos.slug(matrix.roundTitle()) + "." + extension;
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    private String msg(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
