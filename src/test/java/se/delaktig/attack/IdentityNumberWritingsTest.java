package se.delaktig.attack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

import se.delaktig.privacy.IdentityNumbers;

/**
 * Attack on the identity-number guard: the same personnummer or samordningsnummer written in every
 * way a person (or a script) might use to slip it past a pattern — no-break, thin and zero-width
 * spaces between any digits, digits in pairs, dots and slashes, every kind of dash, full-width and
 * other Unicode digits, inside ordinary sentences. The guard finds every one, and still leaves
 * ordinary text with years, dates, counts and amounts alone. The numbers are made up: random dates
 * with a computed Luhn check digit.
 */
class IdentityNumberWritingsTest {

    /** Invisible characters: a reader does not see them, so they must not hide a number. */
    private static final List<String> INVISIBLE = List.of("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u0336");
    /** Spaces of every kind. */
    private static final List<String> SPACES = List.of(" ", "\u00a0", "\u202f", "\u2009", "\u2007", "\u2002", "\u3000", "\t", "  ");
    /** What may stand between the date and the serial number, or between digit groups. */
    private static final List<String> MARKS = List.of("-", "+", "\u2013", "\u2014", "\u2212", "\u2010", "\u2011", "\ufe63",
            "\uff0d", ".", "/", " - ", ". ");

    /** A made-up number: ten digits YYMMDDNNNC, plus the century. */
    record Number(String century, String ten) {
        String twelve() {
            return century + ten;
        }
    }

    @Provide
    Arbitrary<Number> numbers() {
        var dates = Arbitraries.longs().between(0, ChronoUnit.DAYS.between(LocalDate.of(1905, 1, 1), LocalDate.now()))
                .map(days -> LocalDate.of(1905, 1, 1).plusDays(days));
        var coordination = Arbitraries.of(false, true);
        var serials = Arbitraries.integers().between(0, 999);
        return Combinators.combine(dates, coordination, serials).as((date, isCoordination, serial) -> {
            var day = date.getDayOfMonth() + (isCoordination ? 60 : 0);
            var nine = String.format("%02d%02d%02d%03d", date.getYear() % 100, date.getMonthValue(), day, serial);
            return new Number(String.valueOf(date.getYear() / 100), nine + checkDigit(nine));
        });
    }

    /** One writing of a number: which digits it shows and what stands between them. */
    @Provide
    Arbitrary<String> writings() {
        return Combinators.combine(numbers(), Arbitraries.of(Form.values()), Arbitraries.longs(),
                Arbitraries.of(Digits.values()), surroundings()).as((number, form, seed, digits, around) -> {
            var random = new java.util.Random(seed);
            var core = form.write(number, random);
            return around.get(0) + digits.apply(core) + around.get(1);
        });
    }

    enum Form {
        /** YYMMDD-NNNN with any dash, a plus for someone over a hundred, or nothing. */
        TEN_WITH_SEPARATOR {
            String write(Number n, java.util.Random r) {
                var separators = List.of("", "-", "+", "\u2013", "\u2212", "\u2011", " ", "\u00a0");
                return n.ten().substring(0, 6) + pick(separators, r) + n.ten().substring(6);
            }
        },
        /** YYYYMMDD-NNNN or YYYYMMDDNNNN. */
        TWELVE_WITH_SEPARATOR {
            String write(Number n, java.util.Random r) {
                var separators = List.of("", "-", "\u2013", "\u2212", " ", "\u202f");
                return n.twelve().substring(0, 8) + pick(separators, r) + n.twelve().substring(8);
            }
        },
        /** "19 12 12 12 12 12": in pairs, with spaces, dots or dashes. */
        PAIRS {
            String write(Number n, java.util.Random r) {
                var digits = r.nextBoolean() ? n.twelve() : n.ten();
                var between = pick(List.of(" ", "\u00a0", ".", "-", "\u2009", "/"), r);
                var out = new StringBuilder();
                for (int i = 0; i < digits.length(); i += 2) {
                    out.append(i == 0 ? "" : between).append(digits, i, i + 2);
                }
                return out.toString();
            }
        },
        /** Dates written as dates: 2012.03.05-1234, 12/03/05 1234. */
        DOTS_AND_SLASHES {
            String write(Number n, java.util.Random r) {
                var digits = r.nextBoolean() ? n.twelve() : n.ten();
                var mark = pick(List.of(".", "/", "-"), r);
                var yearLength = digits.length() - 8;
                return digits.substring(0, yearLength) + mark + digits.substring(yearLength, yearLength + 2) + mark
                        + digits.substring(yearLength + 2, yearLength + 4) + pick(List.of("-", " ", "+", "\u2013"), r)
                        + digits.substring(yearLength + 4);
            }
        },
        /** Something invisible, a space or a mark between any digits. */
        ANYTHING_BETWEEN_ANY_DIGITS {
            String write(Number n, java.util.Random r) {
                var digits = r.nextBoolean() ? n.twelve() : n.ten();
                var out = new StringBuilder();
                for (int i = 0; i < digits.length(); i++) {
                    if (i > 0) {
                        out.append(switch (r.nextInt(5)) {
                            case 0 -> "";
                            case 1 -> pick(INVISIBLE, r);
                            case 2 -> pick(SPACES, r);
                            case 3 -> pick(MARKS, r);
                            default -> pick(INVISIBLE, r) + pick(SPACES, r);
                        });
                    }
                    out.append(digits.charAt(i));
                }
                return out.toString();
            }
        };

        abstract String write(Number n, java.util.Random r);
    }

    /** Ways of writing the digits themselves: ASCII, full-width, mathematical, Arabic-Indic, mixed. */
    enum Digits {
        ASCII(0), FULL_WIDTH(0xff10), MATHEMATICAL_BOLD(0x1d7ce), ARABIC_INDIC(0x660), MIXED(-1);

        private final int zero;

        Digits(int zero) {
            this.zero = zero;
        }

        String apply(String text) {
            var out = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9' && zero != 0) {
                    int base = zero > 0 ? zero : (i % 2 == 0 ? 0xff10 : '0');
                    out.appendCodePoint(base + (c - '0'));
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    @Provide
    Arbitrary<List<String>> surroundings() {
        var before = Arbitraries.of("", "Pnr ", "Barnets personnummer är ", "(", "Rum 4 ", "Mamman, ", "nr:", "Hon sa \"",
                "Barnet bor på gatan 12, ");
        var after = Arbitraries.of("", ".", ")", " och hon går i skolan.", "\"", ", 12 år", "\nNästa rad", " 2 gånger");
        return Combinators.combine(before, after).as(List::of);
    }

    @Property(tries = 3000)
    void theGuardFindsEveryWritingOfAValidNumber(@ForAll("writings") String text) {
        assertThat(IdentityNumbers.containsIdentityNumber(text)).as("%s (%s)", text, codePoints(text)).isTrue();
    }

    @Property(tries = 500)
    void theNumberFoundCoversTheDigitsWritten(@ForAll("numbers") Number number) {
        var text = "Hon sa att numret var " + number.ten().substring(0, 6) + "\u00a0-\u200b" + number.ten().substring(6) + ", tror jag.";
        var spans = IdentityNumbers.find(text);
        assertThat(spans).hasSize(1);
        assertThat(text.substring(spans.get(0).start(), spans.get(0).end()).replaceAll("\\D", "")).isEqualTo(number.ten());
    }

    @Property(tries = 1000)
    void aWrongCheckDigitIsNeverAnIdentityNumberInAnyWriting(@ForAll("numbers") Number number, @ForAll("forms") Form form,
                                                               @ForAll long seed) {
        var wrong = number.ten().substring(0, 9) + (char) ('0' + (number.ten().charAt(9) - '0' + 1 + new java.util.Random(seed).nextInt(9)) % 10);
        var text = form.write(new Number(number.century(), wrong), new java.util.Random(seed));
        assertThat(IdentityNumbers.containsIdentityNumber(text)).as(text).isFalse();
    }

    /**
     * The writings that keep the digits in one or two blocks. (In pairs, "19 12 12 12 12 1X" also reads
     * as the ten digits "1912121212", which may well be a valid number of its own and is then rightly found.)
     */
    @Provide
    Arbitrary<Form> forms() {
        return Arbitraries.of(Form.TEN_WITH_SEPARATOR, Form.TWELVE_WITH_SEPARATOR, Form.DOTS_AND_SLASHES);
    }

    /** Ordinary text staff write: words with years, dates, clock times, counts, amounts, case numbers, phone numbers. */
    @Provide
    Arbitrary<String> ordinaryText() {
        var words = Arbitraries.of("barnet", "sa", "att", "hon", "vill", "träffa", "sin", "socialsekreterare", "oftare",
                "mötet", "var", "bra", "och", "i", "skolan", "på", "fritids", "vi", "föreslår", "nämnden", "Åtgärd:");
        var numbers = Arbitraries.oneOf(
                Arbitraries.integers().between(1990, 2035).map(String::valueOf),
                Arbitraries.integers().between(0, 120).map(String::valueOf),
                Arbitraries.integers().between(1, 9_999_999).map(n -> String.format("%,d kr", n).replace(',', ' ')),
                Arbitraries.longs().between(0, 20_000).map(d -> LocalDate.of(1990, 1, 1).plusDays(d).toString()),
                Combinators.combine(Arbitraries.integers().between(0, 23), Arbitraries.integers().between(0, 59))
                        .as((h, m) -> String.format("kl. %02d.%02d", h, m)),
                Arbitraries.integers().between(0, 99_999).map(n -> String.format("Dnr SN %d/%05d", 2020 + n % 7, n)),
                Arbitraries.integers().between(1_000_000, 9_999_999).map(n -> String.format("08-%03d %02d %02d", n / 10000 % 1000,
                        n / 100 % 100, n % 100)),
                Arbitraries.integers().between(1, 100).map(n -> n + " %"));
        var token = Arbitraries.oneOf(words, words, numbers);
        // A number is always followed by a word, as in sentences: "5 barn", "2024-03-05 var".
        return Combinators.combine(token, words).as((t, w) -> t + " " + w).list().ofMinSize(1).ofMaxSize(40)
                .map(parts -> String.join(" ", parts) + ".");
    }

    @Property(tries = 3000)
    void ordinaryTextWithoutAnIdentityNumberIsNotFlagged(@ForAll("ordinaryText") String text) {
        assertThat(IdentityNumbers.containsIdentityNumber(text)).as(text).isFalse();
    }

    @Example
    void theWritingsFromTheReviewAreFound() {
        var ten = "121212" + checkDigitTail("121212", "121");
        assertThat(IdentityNumbers.containsIdentityNumber("19 " + pairs(ten))).isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber(ten.substring(0, 6) + "\u00a0" + ten.substring(6))).isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber(String.join("\u200b", ten.split("")))).isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber("20" + ten.substring(0, 2) + "." + ten.substring(2, 4) + "."
                + ten.substring(4, 6) + "." + ten.substring(6))).isTrue();
        assertThat(IdentityNumbers.containsIdentityNumber(Digits.FULL_WIDTH.apply(ten.substring(0, 6) + "-" + ten.substring(6)))).isTrue();
    }

    private static String pairs(String digits) {
        var out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 2) {
            out.append(i == 0 ? "" : " ").append(digits, i, i + 2);
        }
        return out.toString();
    }

    private static String checkDigitTail(String yymmdd, String serial) {
        var nine = yymmdd + serial;
        return serial + checkDigit(nine);
    }

    static int checkDigit(String nine) {
        int sum = 0;
        for (int i = 0; i < nine.length(); i++) {
            int digit = nine.charAt(i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return (10 - sum % 10) % 10;
    }

    private static <T> T pick(List<T> options, java.util.Random random) {
        return options.get(random.nextInt(options.size()));
    }

    private static String codePoints(String text) {
        return text.codePoints().mapToObj(cp -> cp < 0x80 && cp >= 0x20 ? String.valueOf((char) cp) : String.format("\\u%04x", cp))
                .reduce("", String::concat);
    }
}
