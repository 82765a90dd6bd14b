package se.delaktig.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the plain text of a memo section the way the person typed it: paragraphs separated by a
 * blank line, a line starting with "- " is an item of a bulleted list, "1. " of a numbered one, and
 * "## " starts a sub-heading. Nothing else is markup, so every export (page, Word, PDF) shows the same
 * structure and no text can inject anything.
 */
public final class MemoText {

    private static final Pattern NUMBERED = Pattern.compile("^\\d{1,3}[.)]\\s+(.*)$");

    /** What a block of text is. */
    public enum Kind { PARAGRAPH, HEADING, BULLETS, NUMBERED }

    /** One block: a paragraph or heading has one line, a list one line per item. */
    public record Block(Kind kind, List<String> lines) {

        public boolean isParagraph() {
            return kind == Kind.PARAGRAPH;
        }

        public boolean isHeading() {
            return kind == Kind.HEADING;
        }

        public boolean isBullets() {
            return kind == Kind.BULLETS;
        }

        public boolean isNumbered() {
            return kind == Kind.NUMBERED;
        }

        public String text() {
            return String.join(" ", lines);
        }
    }

    private MemoText() {
    }

    public static List<Block> blocks(String text) {
        var blocks = new ArrayList<Block>();
        if (text == null) {
            return blocks;
        }
        Kind kind = null;
        var lines = new ArrayList<String>();
        for (var raw : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            var line = raw.strip();
            Kind lineKind;
            String content;
            var numbered = NUMBERED.matcher(line);
            if (line.isEmpty()) {
                flush(blocks, kind, lines);
                kind = null;
                continue;
            } else if (line.startsWith("## ")) {
                lineKind = Kind.HEADING;
                content = line.substring(3).strip();
            } else if (line.startsWith("- ") || line.startsWith("* ") || line.startsWith("• ")) {
                lineKind = Kind.BULLETS;
                content = line.substring(2).strip();
            } else if (numbered.matches()) {
                lineKind = Kind.NUMBERED;
                content = numbered.group(1).strip();
            } else {
                lineKind = Kind.PARAGRAPH;
                content = line;
            }
            boolean continues = kind == lineKind && (lineKind == Kind.BULLETS || lineKind == Kind.NUMBERED)
                    || kind == Kind.PARAGRAPH && lineKind == Kind.PARAGRAPH;
            if (!continues) {
                flush(blocks, kind, lines);
                kind = lineKind;
            }
            if (kind == Kind.PARAGRAPH && !lines.isEmpty()) {
                // Lines of one paragraph belong together: a single line break is not a new paragraph.
                lines.set(0, lines.get(0) + " " + content);
            } else {
                lines.add(content);
            }
            if (lineKind == Kind.HEADING) {
                flush(blocks, kind, lines);
                kind = null;
            }
        }
        flush(blocks, kind, lines);
        return List.copyOf(blocks);
    }

    private static void flush(List<Block> blocks, Kind kind, List<String> lines) {
        if (kind != null && !lines.isEmpty()) {
            blocks.add(new Block(kind, List.copyOf(lines)));
        }
        lines.clear();
    }
}
