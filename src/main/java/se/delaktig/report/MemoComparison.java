package se.delaktig.report;

import java.util.List;

/**
 * Two versions of a memo compared section by section, word by word: each section is a run of
 * pieces, unchanged, deleted (only in {@code from}) or inserted (only in {@code to}).
 */
public record MemoComparison(long roundId, String roundTitle, MemoVersion from, MemoVersion to, List<Section> sections) {

    /** One section; {@code headingKey} is the message key of its heading. */
    public record Section(String field, String headingKey, List<Piece> pieces) {

        public boolean changed() {
            return pieces.stream().anyMatch(p -> p.kind() != Kind.SAME);
        }

        public long insertions() {
            return pieces.stream().filter(p -> p.kind() == Kind.INSERTED).count();
        }

        public long deletions() {
            return pieces.stream().filter(p -> p.kind() == Kind.DELETED).count();
        }
    }

    public enum Kind { SAME, DELETED, INSERTED }

    /** A run of text. */
    public record Piece(Kind kind, String text) {

        public boolean same() {
            return kind == Kind.SAME;
        }

        public boolean deleted() {
            return kind == Kind.DELETED;
        }

        public boolean inserted() {
            return kind == Kind.INSERTED;
        }
    }

    public boolean anyChange() {
        return sections.stream().anyMatch(Section::changed);
    }
}
