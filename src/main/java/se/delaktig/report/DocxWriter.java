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
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STPageOrientation;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * A small helper for Word documents that Delaktig hands out for the team to keep working in (the
 * analysis matrix, the memo): real paragraph styles ({@code Title}, {@code Heading1} …
 * {@code Heading3}), so headings show in Word's navigation pane and screen readers announce them,
 * and tables with a header row that repeats on every page.
 *
 * <pre>{@code
 * var docx = new DocxWriter("Analysmatris", "sv-SE").landscape();
 * docx.title("Analysmatris");
 * var table = docx.table(List.of("Område", "Barnen"));
 * table.row(List.of(List.of("Kontakt"), List.of("…")));
 * byte[] bytes = docx.toBytes();
 * }</pre>
 */
public final class DocxWriter {

    /** The font the styles name; Word substitutes a close one where it is not installed. */
    public static final String FONT = "Liberation Sans";

    private final XWPFDocument document = new XWPFDocument();

    /**
     * @param title    the document's title in its properties
     * @param language the language tag of the text, e.g. {@code sv-SE}
     */
    public DocxWriter(String title, String language) {
        document.getProperties().getCoreProperties().setTitle(title);
        document.getProperties().getCoreProperties().setCreator("Delaktig");
        var styles = document.createStyles();
        styles.setSpellingLanguage(language);
        style(styles, "Normal", "Normal", null, 22, false);
        style(styles, "Title", "Title", null, 40, true);
        style(styles, "Heading1", "heading 1", 0, 32, true);
        style(styles, "Heading2", "heading 2", 1, 26, true);
        style(styles, "Heading3", "heading 3", 2, 24, true);
    }

    /** Turns the pages sideways (A4 landscape), for wide tables. */
    public DocxWriter landscape() {
        var body = document.getDocument().getBody();
        var section = body.isSetSectPr() ? body.getSectPr() : body.addNewSectPr();
        var size = section.isSetPgSz() ? section.getPgSz() : section.addNewPgSz();
        size.setOrient(STPageOrientation.LANDSCAPE);
        size.setW(BigInteger.valueOf(16838));
        size.setH(BigInteger.valueOf(11906));
        var margins = section.isSetPgMar() ? section.getPgMar() : section.addNewPgMar();
        margins.setTop(BigInteger.valueOf(1134));
        margins.setBottom(BigInteger.valueOf(1134));
        margins.setLeft(BigInteger.valueOf(1134));
        margins.setRight(BigInteger.valueOf(1134));
        return this;
    }

    /** The document's title, in the {@code Title} style. */
    public DocxWriter title(String text) {
        styled("Title", text);
        return this;
    }

    /** A heading of level 1 to 3, in the {@code Heading<level>} style. */
    public DocxWriter heading(int level, String text) {
        if (level < 1 || level > 3) {
            throw new IllegalArgumentException("Heading level " + level + " is not 1, 2 or 3");
        }
        styled("Heading" + level, text);
        return this;
    }

    /** A paragraph of body text; line breaks in the text stay line breaks. */
    public DocxWriter paragraph(String text) {
        text(document.createParagraph(), text, false);
        return this;
    }

    /** A table with a bold header row that repeats on each page; add rows to what this returns. */
    public Table table(List<String> headers) {
        var table = document.createTable(1, headers.size());
        table.setWidth("100%");
        var header = table.getRow(0);
        header.setRepeatHeader(true);
        for (int i = 0; i < headers.size(); i++) {
            text(header.getCell(i).getParagraphs().get(0), headers.get(i), true);
        }
        return new Table(table, headers.size());
    }

    /** The document as the bytes of a .docx file. */
    public byte[] toBytes() {
        try (var out = new ByteArrayOutputStream()) {
            document.write(out);
            document.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the Word document", e);
        }
    }

    /** A table being filled, one row at a time. */
    public static final class Table {

        private final XWPFTable table;
        private final int columns;

        private Table(XWPFTable table, int columns) {
            this.table = table;
            this.columns = columns;
        }

        /**
         * Adds a row: one list of paragraphs per column. The first column's first paragraph is set
         * bold, as the row's header.
         */
        public Table row(List<List<String>> cells) {
            if (cells.size() != columns) {
                throw new IllegalArgumentException("A row of " + cells.size() + " cells in a table of " + columns + " columns");
            }
            var row = table.createRow();
            for (int i = 0; i < columns; i++) {
                fill(row.getCell(i), cells.get(i), i == 0);
            }
            return this;
        }

        private static void fill(XWPFTableCell cell, List<String> paragraphs, boolean header) {
            var first = cell.getParagraphs().get(0);
            if (paragraphs.isEmpty()) {
                return;
            }
            text(first, paragraphs.get(0), header);
            for (int i = 1; i < paragraphs.size(); i++) {
                text(cell.addParagraph(), paragraphs.get(i), false);
            }
        }
    }

    // -------------------------------------------------------------------------------------------

    private void styled(String style, String text) {
        var paragraph = document.createParagraph();
        paragraph.setStyle(style);
        paragraph.setAlignment(ParagraphAlignment.LEFT);
        text(paragraph, text, false);
    }

    private static void text(XWPFParagraph paragraph, String text, boolean bold) {
        var lines = (text == null ? "" : text).split("\n", -1);
        var run = paragraph.createRun();
        run.setBold(bold);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                run.addBreak();
            }
            run.setText(lines[i], i);
        }
    }

    private static void style(XWPFStyles styles, String id, String name, Integer outlineLevel, int halfPoints, boolean bold) {
        var ct = CTStyle.Factory.newInstance();
        ct.setStyleId(id);
        ct.setType(STStyleType.PARAGRAPH);
        ct.addNewName().setVal(name);
        if (!"Normal".equals(id)) {
            ct.addNewBasedOn().setVal("Normal");
            ct.addNewNext().setVal("Normal");
        } else {
            ct.setDefault(true);
        }
        ct.addNewQFormat();
        var paragraph = ct.addNewPPr();
        if (outlineLevel != null) {
            paragraph.addNewOutlineLvl().setVal(BigInteger.valueOf(outlineLevel));
            paragraph.addNewKeepNext();
            var spacing = paragraph.addNewSpacing();
            spacing.setBefore(BigInteger.valueOf(240));
            spacing.setAfter(BigInteger.valueOf(120));
        }
        var run = ct.addNewRPr();
        var fonts = run.addNewRFonts();
        fonts.setAscii(FONT);
        fonts.setHAnsi(FONT);
        fonts.setCs(FONT);
        if (bold) {
            run.addNewB();
        }
        run.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        styles.addStyle(new XWPFStyle(ct, styles));
    }
}
