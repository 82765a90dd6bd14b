package se.delaktig.report;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the team writes in a memo: the text of every section, as plain text (paragraphs separated by
 * a blank line, lines starting with "- " or "1. " as lists, "## " as a sub-heading, see
 * {@link MemoText}), and one or two signers with name and title.
 */
public record MemoContent(Map<MemoSection, String> sections, List<Signer> signers) {

    /** Longest name or title of a signer. */
    public static final int MAX_SIGNER = 200;

    /** One person who signs the memo. */
    public record Signer(String name, String title) {
    }

    public MemoContent {
        var copy = new EnumMap<MemoSection, String>(MemoSection.class);
        for (var section : MemoSection.values()) {
            var text = sections.get(section);
            copy.put(section, text == null ? "" : text);
        }
        sections = Map.copyOf(copy);
        signers = List.copyOf(signers);
    }

    public String text(MemoSection section) {
        return sections.get(section);
    }

    /** The text by form field name, for templates: {@code content.field('summary')}. */
    public String field(String field) {
        for (var section : MemoSection.values()) {
            if (section.field().equals(field)) {
                return sections.get(section);
            }
        }
        throw new IllegalArgumentException("No memo section " + field);
    }

    /** The first signer, or an empty one. */
    public Signer signer(int index) {
        return index < signers.size() ? signers.get(index) : new Signer("", "");
    }

    /** The signers with both name and title set, as they are printed. */
    public List<Signer> printedSigners() {
        var result = new ArrayList<Signer>();
        signers.stream().filter(s -> !s.name().isBlank()).forEach(result::add);
        return result;
    }
}
