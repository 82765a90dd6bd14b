package se.delaktig.guide;

/** A language child-facing wording can be written in; a row of data, so adding one needs no code. */
public record Language(String code, String name, String direction) {

    public static final String SWEDISH = "sv";

    public boolean rightToLeft() {
        return "rtl".equals(direction);
    }
}
