package se.delaktig.guide;

import java.util.Arrays;
import java.util.Optional;

/**
 * The age bands the model writes child-facing wording for. Participants can be a little younger or
 * older than the bands (4 or 19–20); they get the nearest band rather than no band at all.
 */
public enum AgeBand {
    AGES_5_8("5-8", 5, 8),
    AGES_9_12("9-12", 9, 12),
    AGES_13_18("13-18", 13, 18);

    private final String code;
    private final int from;
    private final int to;

    AgeBand(String code, int from, int to) {
        this.code = code;
        this.from = from;
        this.to = to;
    }

    /** As stored and shown: "5-8". */
    public String code() {
        return code;
    }

    public int from() {
        return from;
    }

    public int to() {
        return to;
    }

    public static AgeBand of(int age) {
        if (age <= AGES_5_8.to) {
            return AGES_5_8;
        }
        return age <= AGES_9_12.to ? AGES_9_12 : AGES_13_18;
    }

    public static Optional<AgeBand> fromCode(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst();
    }
}
