package se.delaktig.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

/**
 * Word-level differences between two texts, with java-diff-utils (Myers' algorithm). Words and the
 * white space between them are separate tokens, so line breaks survive and a changed word shows as
 * one deletion and one insertion, not as a changed paragraph.
 */
final class MemoDiff {

    private static final Pattern TOKEN = Pattern.compile("\\s+|[^\\s]+");

    private MemoDiff() {
    }

    static List<MemoComparison.Piece> words(String from, String to) {
        var source = tokens(from);
        var target = tokens(to);
        var patch = DiffUtils.diff(source, target);
        var pieces = new ArrayList<MemoComparison.Piece>();
        int at = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int start = delta.getSource().getPosition();
            add(pieces, MemoComparison.Kind.SAME, source.subList(at, start));
            add(pieces, MemoComparison.Kind.DELETED, delta.getSource().getLines());
            add(pieces, MemoComparison.Kind.INSERTED, delta.getTarget().getLines());
            at = start + delta.getSource().size();
        }
        add(pieces, MemoComparison.Kind.SAME, source.subList(at, source.size()));
        return List.copyOf(pieces);
    }

    private static List<String> tokens(String text) {
        var tokens = new ArrayList<String>();
        var matcher = TOKEN.matcher(text == null ? "" : text.replace("\r\n", "\n"));
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        return tokens;
    }

    /** Appends a run, joined with the previous one when it is of the same kind. */
    private static void add(List<MemoComparison.Piece> pieces, MemoComparison.Kind kind, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        var text = String.join("", tokens);
        if (!pieces.isEmpty() && pieces.get(pieces.size() - 1).kind() == kind) {
            var last = pieces.remove(pieces.size() - 1);
            text = last.text() + text;
        }
        pieces.add(new MemoComparison.Piece(kind, text));
    }
}
