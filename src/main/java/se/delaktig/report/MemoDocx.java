package se.delaktig.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.springframework.context.MessageSource;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * The memo as a Word document (Office Open XML), written with Apache POI: the styles Title, Heading1
 * and Heading2 are defined in the document, so Word and LibreOffice show the headings in their
 * navigation and keep the outline; the counts and the proposals are real tables with a header row
 * that repeats across pages; lists are indented paragraphs; the signers close the document.
 */
final class MemoDocx {

    private static final String FONT = "Liberation Sans";

    private MemoDocx() {
    }

    /** The memo's text in Swedish, whatever the language of the page it was downloaded from. */
    private record Text(MessageSource messages) {

        String getString(String key) {
            return messages.getMessage(key, null, CommitteeMemos.SWEDISH);
        }

        String format(String key, Object... args) {
            return messages.getMessage(key, args, CommitteeMemos.SWEDISH);
        }
    }

    static byte[] write(CommitteeMemo memo, MessageSource messages) {
        var text = new Text(messages);
        try (var doc = new XWPFDocument(); var out = new ByteArrayOutputStream()) {
            styles(doc);
            var properties = doc.getProperties().getCoreProperties();
            properties.setTitle(text.format("report.memo.title", memo.roundTitle()));
            properties.setCreator(memo.unitName());
            properties.setSubjectProperty(text.format("report.memo.subject", memo.unitName(), memo.municipalityName()));

            plain(doc, memo.committee());
            plain(doc, text.getString("report.memo.docType"));
            plain(doc, text.format("report.memo.date", memo.date()));
            plain(doc, text.format("report.memo.unit", memo.unitName(), memo.municipalityName()));
            plain(doc, memo.version() == null ? text.getString("report.memo.draftNote")
                    : text.format("report.memo.versionNote", memo.version()));
            styled(doc, "Title", text.format("report.memo.title", memo.roundTitle()));

            for (var section : memo.sections()) {
                styled(doc, "Heading1", text.getString(section.headingKey()));
                for (var block : section.blocks()) {
                    switch (block.kind()) {
                        case HEADING -> styled(doc, "Heading2", block.text());
                        case PARAGRAPH -> plain(doc, block.text());
                        case BULLETS -> block.lines().forEach(line -> item(doc, "•", line));
                        case NUMBERED -> {
                            int n = 0;
                            for (var line : block.lines()) {
                                item(doc, ++n + ".", line);
                            }
                        }
                    }
                }
                if (section.withResults()) {
                    results(doc, memo, text);
                }
            }
            for (var signer : memo.signers()) {
                var line = doc.createParagraph();
                line.setSpacingBefore(720);
                line.createRun().setText("______________________________");
                plain(doc, signer.name());
                if (!signer.title().isBlank()) {
                    plain(doc, signer.title());
                }
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the memo of round " + memo.roundId() + " as DOCX", e);
        }
    }

    private static void results(XWPFDocument doc, CommitteeMemo memo, Text text) {
        styled(doc, "Heading2", text.getString("report.memo.tables.heading"));
        int number = 0;
        for (var area : memo.facts().areas()) {
            caption(doc, text.format("report.memo.tables.counts", ++number, area.title()));
            var rows = area.questions().stream().map(q -> List.of(q.text(),
                    q.freeText() ? text.getString("report.memo.tables.freeText") : q.answers(),
                    text.format("report.memo.tables.ofTotal", q.answered(), memo.facts().interviewed()))).toList();
            table(doc, List.of(text.getString("report.memo.tables.question"), text.getString("report.memo.tables.answers"),
                    text.getString("report.memo.tables.answered")), rows);
        }
        if (!memo.facts().proposals().isEmpty()) {
            caption(doc, text.format("report.memo.tables.proposals", ++number));
            var rows = memo.facts().proposals().stream().map(p -> List.of(Integer.toString(p.rank()), p.text(),
                    p.area() == null ? "–" : p.area())).toList();
            table(doc, List.of(text.getString("report.memo.tables.rank"), text.getString("report.memo.tables.proposal"),
                    text.getString("report.memo.tables.area")), rows);
        }
    }

    private static void table(XWPFDocument doc, List<String> header, List<List<String>> rows) {
        XWPFTable table = doc.createTable(rows.size() + 1, header.size());
        table.setWidth("100%");
        var head = table.getRow(0);
        head.setRepeatHeader(true);
        for (int c = 0; c < header.size(); c++) {
            var cell = head.getCell(c);
            var run = cell.getParagraphs().get(0).createRun();
            run.setBold(true);
            run.setText(header.get(c));
        }
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < header.size(); c++) {
                table.getRow(r + 1).getCell(c).getParagraphs().get(0).createRun().setText(rows.get(r).get(c));
            }
        }
        doc.createParagraph();
    }

    private static void caption(XWPFDocument doc, String text) {
        var p = doc.createParagraph();
        p.setStyle("Caption");
        p.setKeepNext(true);
        p.createRun().setText(text);
    }

    private static void item(XWPFDocument doc, String marker, String text) {
        var p = doc.createParagraph();
        p.setIndentationLeft(567);
        p.setIndentationHanging(340);
        p.createRun().setText(marker + "\t" + text);
    }

    private static XWPFParagraph plain(XWPFDocument doc, String text) {
        var p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.LEFT);
        p.createRun().setText(text);
        return p;
    }

    private static void styled(XWPFDocument doc, String style, String text) {
        var p = doc.createParagraph();
        p.setStyle(style);
        p.createRun().setText(text);
    }

    /** Normal, Title, Heading1, Heading2 and Caption, in the names Word and LibreOffice recognise. */
    private static void styles(XWPFDocument doc) {
        XWPFStyles styles = doc.createStyles();
        styles.setSpellingLanguage("sv-SE");
        styles.addStyle(style("Normal", "Normal", null, null, 22, false, 120));
        styles.addStyle(style("Title", "Title", "Normal", null, 36, true, 240));
        styles.addStyle(style("Heading1", "heading 1", "Normal", 0, 30, true, 160));
        styles.addStyle(style("Heading2", "heading 2", "Normal", 1, 25, true, 120));
        styles.addStyle(style("Caption", "caption", "Normal", null, 20, false, 60));
    }

    private static XWPFStyle style(String id, String name, String basedOn, Integer outlineLevel, int halfPoints,
                                   boolean bold, int spacingAfter) {
        var ct = CTStyle.Factory.newInstance();
        ct.setStyleId(id);
        ct.setType(STStyleType.PARAGRAPH);
        ct.addNewName().setVal(name);
        if (basedOn != null) {
            ct.addNewBasedOn().setVal(basedOn);
            ct.addNewNext().setVal("Normal");
        }
        ct.addNewQFormat();
        var ppr = ct.addNewPPr();
        var spacing = ppr.addNewSpacing();
        spacing.setAfter(BigInteger.valueOf(spacingAfter));
        if (outlineLevel != null) {
            ppr.addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel));
            ppr.addNewKeepNext();
            spacing.setBefore(BigInteger.valueOf(240));
        }
        var rpr = ct.addNewRPr();
        var fonts = rpr.addNewRFonts();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        if (bold) {
            rpr.addNewB();
        }
        rpr.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        rpr.addNewLang().setVal("sv-SE");
        return new XWPFStyle(ct);
    }
}
