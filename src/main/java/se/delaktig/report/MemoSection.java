package se.delaktig.report;

/**
 * The sections of a memo in the municipal format, in the order they are printed. {@code field} is
 * the name of the section's form field; the heading comes from {@code report.memo.<key>.heading}.
 */
public enum MemoSection {

    PROPOSAL("proposal", "proposal"),
    SUMMARY("summary", "summary"),
    CASE("matter", "case"),
    ECONOMY("economy", "economy"),
    CHILDREN("children", "children"),
    ATTACHMENTS("attachments", "attachments");

    /** Longest text of one section. */
    public static final int MAX_TEXT = 40_000;

    private final String field;
    private final String key;

    MemoSection(String field, String key) {
        this.field = field;
        this.key = key;
    }

    public String field() {
        return field;
    }

    /** The message key of the section's heading, e.g. "Förslag till beslut". */
    public String headingKey() {
        return "report.memo." + key + ".heading";
    }
}
