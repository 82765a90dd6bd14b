package se.delaktig.feedback;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.delaktig.access.CurrentActor;
import se.delaktig.analysis.ApprovedQuote;
import se.delaktig.analysis.Quotes;
import se.delaktig.audit.AuditLog;
import se.delaktig.guide.AgeBand;
import se.delaktig.guide.Guides;
import se.delaktig.guide.Language;
import se.delaktig.organization.Organization;
import se.delaktig.organization.StaffMember;
import se.delaktig.report.CommitteeMemos;
import se.delaktig.report.PdfDocuments;
import se.delaktig.round.KeyListEntry;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.Round;
import se.delaktig.round.RoundService;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * The feedback to the children of a round. Everyone who may see the round reads the draft; only the
 * round's process lead starts, edits and approves it. Approval publishes: the public page and the
 * letters show the published copy only, and a round without one answers 404 there. Another unit's
 * round is answered as missing (404). Every write, approval and print is audited.
 */
@Service
@Transactional
public class Feedbacks {

    public static final int MAX_HEADING = 120;
    public static final int MAX_POINTS = 2000;
    public static final int MAX_QUOTES = Prefill.MAX_QUOTES;

    static final String SWEDISH = Language.SWEDISH;
    private static final String RECORD = "feedback";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What is typed for one version: per area code its heading and points, the chosen quotes and the deeds. */
    public record VersionInput(Map<String, String> headings, Map<String, String> points, List<Long> quoteIds,
                               String doing) {
    }

    private final JdbcClient jdbc;
    private final RoundService rounds;
    private final ParticipantService participants;
    private final Organization organization;
    private final Guides guides;
    private final Quotes quotes;
    private final Prefill prefill;
    private final CurrentActor currentActor;
    private final AuditLog audit;
    private final ITemplateEngine templates;
    private final String baseUrl;

    Feedbacks(JdbcClient jdbc, RoundService rounds, ParticipantService participants, Organization organization,
              Guides guides, Quotes quotes, Prefill prefill, CurrentActor currentActor, AuditLog audit,
              ITemplateEngine templates, @Value("${delaktig.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.rounds = rounds;
        this.participants = participants;
        this.organization = organization;
        this.guides = guides;
        this.quotes = quotes;
        this.prefill = prefill;
        this.currentActor = currentActor;
        this.audit = audit;
        this.templates = templates;
        this.baseUrl = baseUrl.isBlank() ? "http://localhost:8080" : baseUrl.replaceAll("/+$", "");
    }

    // --- staff --------------------------------------------------------------------------------------

    /** The round's feedback, if it has been started; a 404 if the person may not see the round. */
    @Transactional(readOnly = true)
    public Optional<Feedback> find(long roundId) {
        var round = rounds.get(roundId);
        var feedback = load(round);
        feedback.ifPresent(f -> audit.success("READ", RECORD, f.id(), round.unitId()));
        return feedback;
    }

    /** Whether the current person may start, edit and approve the round's feedback: its process lead. */
    @Transactional(readOnly = true)
    public boolean mayEdit(long roundId) {
        return rounds.canManage(rounds.get(roundId));
    }

    /**
     * Starts the feedback from what the round has: the Swedish version for each age band, prefilled
     * from the themes, approved quotes and approved decisions. Starting it twice returns the first.
     */
    public Feedback start(long roundId) {
        var round = editable(roundId, "CREATE");
        jdbc.sql("select 1 from (select pg_advisory_xact_lock(210, ?)) l").param(round.id().intValue())
                .query(Integer.class).single();
        var existing = load(round);
        if (existing.isPresent()) {
            return existing.get();
        }
        var username = currentActor.get().username();
        var id = jdbc.sql("""
                insert into feedback (round_id, unit_id, token, created_by, updated_by) values (?, ?, ?, ?, ?) returning id""")
                .params(round.id(), round.unitId(), newToken(), username, username).query(Long.class).single();
        var material = prefill.material(round.id());
        var swedish = language(SWEDISH);
        for (var band : AgeBand.values()) {
            write(id, "DRAFT", prefill.version(material, band, swedish));
        }
        audit.success("CREATE", RECORD, id, round.unitId());
        return load(round).orElseThrow();
    }

    /** Adds a language for every age band: written from the bundles for English, empty for the team to translate otherwise. */
    public Feedback addLanguage(long roundId, String languageCode, int expectedVersion) {
        var round = editable(roundId, "UPDATE");
        var feedback = load(round).orElseThrow(NotFoundException::new);
        var language = guides.language(languageCode == null ? "" : languageCode.strip())
                .orElseThrow(() -> new InvalidInputException("language", "feedback.language.unknown"));
        if (feedback.languages().contains(language.code())) {
            throw new InvalidInputException("language", "feedback.language.exists");
        }
        bump(feedback, expectedVersion);
        var material = prefill.material(round.id());
        for (var band : AgeBand.values()) {
            var version = prefill.version(material, band, language);
            write(feedback.id(), "DRAFT", version);
        }
        audit.record(currentActor.get().username(), "UPDATE", RECORD, feedback.id(), round.unitId(),
                AuditLog.Outcome.SUCCESS, "add language " + language.code());
        return load(round).orElseThrow();
    }

    /** Removes a translation from the draft; Swedish stays. The published copy is untouched until the next approval. */
    public Feedback removeLanguage(long roundId, String languageCode, int expectedVersion) {
        var round = editable(roundId, "UPDATE");
        var feedback = load(round).orElseThrow(NotFoundException::new);
        if (SWEDISH.equals(languageCode) || !feedback.languages().contains(languageCode)) {
            throw new InvalidInputException("language", "feedback.language.notRemovable");
        }
        bump(feedback, expectedVersion);
        jdbc.sql("delete from feedback_part where feedback_id = ? and copy = 'DRAFT' and language = ?")
                .params(feedback.id(), languageCode).update();
        audit.record(currentActor.get().username(), "UPDATE", RECORD, feedback.id(), round.unitId(),
                AuditLog.Outcome.SUCCESS, "remove language " + languageCode);
        return load(round).orElseThrow();
    }

    /**
     * Saves one version of the draft, made on {@code expectedVersion}; a heading, an area's points or
     * the deeds left out (null) keep what is saved, the quotes are always replaced. Refused, with nothing written:
     * a stale version, text that is too long, anything personal, a quote that is not approved, more
     * than two quotes.
     */
    public Feedback save(long roundId, AgeBand band, String language, int expectedVersion, VersionInput input) {
        var round = editable(roundId, "UPDATE");
        var feedback = load(round).orElseThrow(NotFoundException::new);
        var current = feedback.draft(band, language).orElseThrow(NotFoundException::new);
        var check = personalData(round);
        var areas = new ArrayList<FeedbackVersion.Area>();
        for (var area : current.said()) {
            var heading = clean(input.headings().get(area.code()));
            if (heading == null) {
                heading = area.heading();
            }
            checkText("heading-" + area.code(), heading, MAX_HEADING, check);
            var points = input.points().get(area.code());
            checkText("points-" + area.code(), points, MAX_POINTS, check);
            // A field not sent at all keeps what is saved; an emptied one empties the area.
            areas.add(new FeedbackVersion.Area(area.code(), heading, points == null ? area.points() : lines(points)));
        }
        checkText("doing", input.doing(), MAX_POINTS, check);
        var chosen = input.quoteIds() == null ? List.<Long>of() : input.quoteIds().stream().distinct().toList();
        if (chosen.size() > MAX_QUOTES) {
            throw new InvalidInputException("quotes", "feedback.quotes.tooMany", MAX_QUOTES);
        }
        Map<Long, ApprovedQuote> approved = quotes.approved(round.id()).stream()
                .collect(Collectors.toMap(ApprovedQuote::id, q -> q));
        var quoted = new ArrayList<FeedbackVersion.Quote>();
        for (var id : chosen) {
            var quote = approved.get(id);
            if (quote == null) {
                throw new InvalidInputException("quotes", "feedback.quotes.notApproved");
            }
            quoted.add(new FeedbackVersion.Quote(quote.id(), quote.text()));
        }
        bump(feedback, expectedVersion);
        write(feedback.id(), "DRAFT", new FeedbackVersion(band, language, current.languageName(), current.rightToLeft(),
                List.copyOf(areas), List.copyOf(quoted), input.doing() == null ? current.doing() : lines(input.doing())));
        audit.record(currentActor.get().username(), "UPDATE", RECORD, feedback.id(), round.unitId(),
                AuditLog.Outcome.SUCCESS, current.key());
        return load(round).orElseThrow();
    }

    /**
     * Approves the draft made on {@code expectedVersion} and publishes it: the public page and the
     * letters show it from now on. Every version needs both parts; the personal-data check and the
     * quotes' approval are checked again, since the key list and the quotes may have changed.
     */
    public Feedback approve(long roundId, int expectedVersion) {
        var round = editable(roundId, "APPROVE");
        var feedback = load(round).orElseThrow(NotFoundException::new);
        if (feedback.version() != expectedVersion) {
            throw new InvalidInputException("version", "feedback.conflict");
        }
        var check = personalData(round);
        var approvedQuotes = quotes.approved(round.id()).stream().collect(Collectors.toMap(ApprovedQuote::id, ApprovedQuote::text));
        for (var version : feedback.drafts()) {
            if (!version.complete()) {
                throw new InvalidInputException("approve", "feedback.approve.incomplete", bandName(version),
                        version.languageName());
            }
            var finding = version.texts().map(check::find).flatMap(Optional::stream).findFirst();
            if (finding.isPresent()) {
                throw new InvalidInputException("approve", finding.get().messageKey(), finding.get().word());
            }
            for (var quote : version.quotes()) {
                if (!quote.text().equals(approvedQuotes.get(quote.id()))) {
                    throw new InvalidInputException("approve", "feedback.approve.quoteChanged", bandName(version),
                            version.languageName());
                }
            }
        }
        jdbc.sql("delete from feedback_part where feedback_id = ? and copy = 'PUBLISHED'").param(feedback.id()).update();
        jdbc.sql("""
                insert into feedback_part (feedback_id, copy, age_band, language, position, kind, area_code, heading, body, quote_id)
                select feedback_id, 'PUBLISHED', age_band, language, position, kind, area_code, heading, body, quote_id
                from feedback_part where feedback_id = ? and copy = 'DRAFT'""").param(feedback.id()).update();
        jdbc.sql("update feedback set approved_version = version, approved_by = ?, approved_at = now() where id = ?")
                .params(currentActor.get().username(), feedback.id()).update();
        audit.record(currentActor.get().username(), "APPROVE", RECORD, feedback.id(), round.unitId(),
                AuditLog.Outcome.SUCCESS, "version " + feedback.version());
        return load(round).orElseThrow();
    }

    /** The public page's address for a feedback. */
    public String publicUrl(Feedback feedback) {
        return baseUrl + "/feedback/" + feedback.token();
    }

    /** The published version, if it can be printed: a left-to-right script whose every letter the PDF font has. */
    public static boolean printable(FeedbackVersion version) {
        return !version.rightToLeft() && version.texts().allMatch(PdfDocuments::renders);
    }

    /**
     * The letter of a published version as a tagged PDF/A-2u, with the public page's address and its
     * QR code. A 404 if the round has no published feedback, or no such version; refused (bad input)
     * for a language the PDF font cannot write.
     */
    @Transactional(readOnly = true)
    public CommitteeMemos.Pdf letter(long roundId, AgeBand band, String language) {
        var round = rounds.get(roundId);
        var feedback = load(round).orElseThrow(NotFoundException::new);
        var version = feedback.published().stream().filter(v -> v.band() == band && v.language().equals(language))
                .findFirst().orElseThrow(NotFoundException::new);
        if (!printable(version)) {
            throw new InvalidInputException("language", "feedback.letter.script", version.languageName());
        }
        var unit = organization.unit(round.unitId()).orElseThrow(NotFoundException::new);
        var url = publicUrl(feedback) + "?age=" + band.code() + "&language=" + language;
        var context = new Context(Locale.forLanguageTag(language.equals("en") ? "en" : SWEDISH));
        context.setVariable("version", version);
        context.setVariable("band", Prefill.band(band));
        context.setVariable("unit", unit);
        context.setVariable("url", url);
        context.setVariable("qr", QrCodes.dataUri(url));
        var pdf = PdfDocuments.render(templates.process("feedback/letter", context), "the feedback letter of round " + roundId);
        audit.record(currentActor.get().username(), "PRINT_FEEDBACK_LETTER", RECORD, feedback.id(), round.unitId(),
                AuditLog.Outcome.SUCCESS, version.key());
        return new CommitteeMemos.Pdf("det-har-gor-vi-" + band.code() + "-" + language + ".pdf", pdf);
    }

    /** The approved quotes of the round that a version may show (reading may seed the round's codebook). */
    public List<ApprovedQuote> approvedQuotes(long roundId) {
        return quotes.approved(roundId);
    }

    /** Languages that can still be added to the draft. */
    @Transactional(readOnly = true)
    public List<Language> addableLanguages(Feedback feedback) {
        return guides.languages().stream().filter(l -> !feedback.languages().contains(l.code())).toList();
    }

    // --- the public page ----------------------------------------------------------------------------

    /** The published feedback behind a token, for anyone; a 404 for an unknown token or one not yet published. */
    @Transactional(readOnly = true)
    public PublicFeedback published(String token) {
        if (token == null || token.length() < 32 || token.length() > 64) {
            throw new NotFoundException();
        }
        var row = jdbc.sql("select id, unit_id from feedback where token = ?").param(token)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional().orElseThrow(NotFoundException::new);
        var versions = versions(row[0], "PUBLISHED");
        if (versions.isEmpty()) {
            throw new NotFoundException();
        }
        var unit = organization.unit(row[1]).orElseThrow(NotFoundException::new);
        return new PublicFeedback(token, unit.name(), unit.municipalityName(), versions);
    }

    // --- rows ---------------------------------------------------------------------------------------

    private Optional<Feedback> load(Round round) {
        return jdbc.sql("""
                        select id, token, version, approved_version, approved_by, approved_at from feedback where round_id = ?""")
                .param(round.id())
                .query((rs, n) -> {
                    var approvedAt = rs.getTimestamp("approved_at");
                    var id = rs.getLong("id");
                    return new Feedback(id, round.id(), round.title(), round.unitId(), rs.getString("token"),
                            rs.getInt("version"), (Integer) rs.getObject("approved_version"), rs.getString("approved_by"),
                            approvedAt == null ? null : approvedAt.toInstant(), List.of(), List.of());
                })
                .optional()
                .map(f -> new Feedback(f.id(), f.roundId(), f.roundTitle(), f.unitId(), f.token(), f.version(),
                        f.approvedVersion(), f.approvedBy(), f.approvedAt(), versions(f.id(), "DRAFT"),
                        versions(f.id(), "PUBLISHED")));
    }

    private record Part(AgeBand band, String language, int position, String kind, String areaCode, String heading,
                        String body, Long quoteId) {
    }

    private List<FeedbackVersion> versions(long feedbackId, String copy) {
        var parts = jdbc.sql("""
                        select age_band, language, position, kind, area_code, heading, body, quote_id
                        from feedback_part where feedback_id = ? and copy = ? order by position, id""")
                .params(feedbackId, copy)
                .query((rs, n) -> new Part(AgeBand.fromCode(rs.getString(1)).orElseThrow(), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), (Long) rs.getObject(8)))
                .list();
        var languages = guides.languages();
        var grouped = parts.stream().collect(Collectors.groupingBy(p -> p.band().code() + "/" + p.language(),
                LinkedHashMap::new, Collectors.toList()));
        var result = new ArrayList<FeedbackVersion>();
        for (var group : grouped.values()) {
            var first = group.get(0);
            var language = languages.stream().filter(l -> l.code().equals(first.language())).findFirst()
                    .orElse(new Language(first.language(), first.language(), "ltr"));
            var said = new ArrayList<FeedbackVersion.Area>();
            var quoted = new ArrayList<FeedbackVersion.Quote>();
            var doing = new ArrayList<String>();
            for (var p : group) {
                switch (p.kind()) {
                    case "SAID" -> said.add(new FeedbackVersion.Area(p.areaCode(), p.heading(), lines(p.body())));
                    case "QUOTE" -> quoted.add(new FeedbackVersion.Quote(p.quoteId(), p.body()));
                    default -> doing.addAll(lines(p.body()));
                }
            }
            result.add(new FeedbackVersion(first.band(), language.code(), language.name(), language.rightToLeft(),
                    List.copyOf(said), List.copyOf(quoted), List.copyOf(doing)));
        }
        Comparator<FeedbackVersion> order = Comparator.comparing(FeedbackVersion::band)
                .thenComparing(v -> v.language().equals(SWEDISH) ? -1 : position(languages, v.language()));
        result.sort(order);
        return List.copyOf(result);
    }

    private static int position(List<Language> languages, String code) {
        for (int i = 0; i < languages.size(); i++) {
            if (languages.get(i).code().equals(code)) {
                return i;
            }
        }
        return languages.size();
    }

    private void write(long feedbackId, String copy, FeedbackVersion version) {
        jdbc.sql("delete from feedback_part where feedback_id = ? and copy = ? and age_band = ? and language = ?")
                .params(feedbackId, copy, version.band().code(), version.language()).update();
        var position = 0;
        for (var area : version.said()) {
            insert(feedbackId, copy, version, position++, "SAID", area.code(), area.heading(), String.join("\n", area.points()), null);
        }
        for (var quote : version.quotes()) {
            insert(feedbackId, copy, version, position++, "QUOTE", null, null, quote.text(), quote.id());
        }
        insert(feedbackId, copy, version, position, "DOING", null, null, String.join("\n", version.doing()), null);
    }

    private void insert(long feedbackId, String copy, FeedbackVersion version, int position, String kind, String areaCode,
                        String heading, String body, Long quoteId) {
        jdbc.sql("""
                insert into feedback_part (feedback_id, copy, age_band, language, position, kind, area_code, heading, body, quote_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(feedbackId, copy, version.band().code(), version.language(), position, kind, areaCode, heading,
                        body, quoteId)
                .update();
    }

    /** Moves the draft on by one version, if nobody else did since {@code expectedVersion}. */
    private void bump(Feedback feedback, int expectedVersion) {
        var updated = jdbc.sql("""
                update feedback set version = version + 1, updated_by = ?, updated_at = now() where id = ? and version = ?""")
                .params(currentActor.get().username(), feedback.id(), expectedVersion).update();
        if (updated == 0) {
            throw new InvalidInputException("version", "feedback.conflict");
        }
    }

    // --- rules --------------------------------------------------------------------------------------

    private Round editable(long roundId, String action) {
        var round = rounds.get(roundId);
        if (!rounds.canManage(round)) {
            audit.record(action, RECORD, "round:" + roundId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        return round;
    }

    private Language language(String code) {
        return guides.language(code).orElse(new Language(code, code, "ltr"));
    }

    /** The round's names to refuse: the key list's first names, the pseudonyms and the unit's staff. */
    private PersonalData personalData(Round round) {
        var names = new ArrayList<String>();
        participants.keyList(round.id()).values().stream().map(KeyListEntry::firstName).forEach(names::add);
        organization.staffOfUnit(round.unitId()).stream().map(StaffMember::displayName)
                .flatMap(n -> java.util.Arrays.stream(n.split("\\s+"))).filter(w -> w.length() >= 2)
                .forEach(names::add);
        var pseudonyms = participants.of(round.id()).stream().map(Participant::pseudonym).toList();
        return new PersonalData(names, pseudonyms);
    }

    private static void checkText(String field, String text, int max, PersonalData check) {
        if (text == null) {
            return;
        }
        if (text.length() > max) {
            throw new InvalidInputException(field, "feedback.text.tooLong", max);
        }
        var finding = check.find(text);
        if (finding.isPresent()) {
            throw new InvalidInputException(field, finding.get().messageKey(), finding.get().word());
        }
    }

    /** One point a line; blank lines and a leading dash or bullet dropped. */
    static List<String> lines(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return text.lines().map(l -> l.strip().replaceFirst("^[-–•*]\\s*", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String bandName(FeedbackVersion version) {
        return version.band().from() + "–" + version.band().to();
    }

    private static String newToken() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
