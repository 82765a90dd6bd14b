package se.delaktig.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import se.delaktig.audit.AuditLog;
import se.delaktig.organization.Organization;
import se.delaktig.round.LetterRecipient;
import se.delaktig.round.Participant;
import se.delaktig.round.ParticipantService;
import se.delaktig.round.RoundService;
import se.delaktig.web.NotFoundException;

/**
 * Information letters that invite a child to an interview: one for the child, in words for the
 * child's age band, and one for the guardians. Each is in Swedish and, when the letter has been
 * translated into the child's language, in that language too. The child's first name comes from the
 * key list, so only the round's process lead may print letters; anyone else is told the child does
 * not exist. Every print is audited.
 *
 * <p>Letter texts live in the {@code i18n/consent} bundles ({@code consent.letter.*}); a language
 * has a translation when its bundle sets {@code consent.letter.language} to its own code, so adding
 * a language is a new properties file, not code.
 */
@Service
@Transactional(readOnly = true)
public class Letters {

    private static final String SWEDISH = "sv";

    /** One language's version of a letter. */
    public record Section(String language, String languageName, String title, List<String> paragraphs, String regards,
                          String sender, String date) {
    }

    /** A letter ready for the template: Swedish first, then the child's language if translated. */
    public record Letter(LetterRecipient recipient, String pseudonym, String unitName, String municipalityName,
                         List<Section> sections) {
    }

    private final ParticipantService participants;
    private final RoundService rounds;
    private final Organization organization;
    private final MessageSource messages;
    private final ITemplateEngine templates;
    private final AuditLog audit;

    Letters(ParticipantService participants, RoundService rounds, Organization organization, MessageSource messages,
            ITemplateEngine templates, AuditLog audit) {
        this.participants = participants;
        this.rounds = rounds;
        this.organization = organization;
        this.messages = messages;
        this.templates = templates;
        this.audit = audit;
    }

    /** The letter as a tagged PDF/A-2u, for the round's process lead; otherwise a 404. */
    public CommitteeMemos.Pdf pdf(long participantId, LetterRecipient recipient) {
        var letter = letter(participantId, recipient);
        var pdf = PdfDocuments.render(html(letter), "a letter for participant " + participantId);
        var kind = recipient == LetterRecipient.CHILD ? "barn" : "vardnadshavare";
        return new CommitteeMemos.Pdf("brev-" + kind + "-" + letter.pseudonym() + ".pdf", pdf);
    }

    /** The letter's texts, with the child's first name; audited as a print of the letter. */
    public Letter letter(long participantId, LetterRecipient recipient) {
        if (recipient == null) {
            throw new NotFoundException();
        }
        var participant = participants.get(participantId);
        var round = rounds.get(participant.roundId());
        if (!rounds.canManage(round)) {
            audit.record("PRINT_LETTER", "participant", participantId, round.unitId(), AuditLog.Outcome.DENIED);
            throw new NotFoundException();
        }
        if (round.stage() == se.delaktig.round.Stage.CLOSED) {
            // The key list was destroyed when the round was closed: there is no letter to print any more.
            throw new NotFoundException();
        }
        var firstName = participants.keyEntry(participantId).firstName();
        var unit = organization.unit(round.unitId()).orElseThrow(NotFoundException::new);
        var ownConsentAge = participants.ownConsentAge(round.id());
        var sender = sender(unit.name());
        var sections = new ArrayList<Section>();
        for (var language : languages(participant)) {
            sections.add(section(language, recipient, participant, firstName, ownConsentAge, sender, unit.name()));
        }
        audit.record(currentUsername(), "PRINT_LETTER", "participant", participantId, round.unitId(),
                AuditLog.Outcome.SUCCESS, recipient.name() + " " + String.join(",", sections.stream().map(Section::language).toList()));
        return new Letter(recipient, participant.pseudonym(), unit.name(), unit.municipalityName(), List.copyOf(sections));
    }

    /** The letter as XHTML, as it goes into the PDF renderer. */
    String html(Letter letter) {
        var context = new Context(Locale.forLanguageTag(SWEDISH));
        context.setVariable("letter", letter);
        return templates.process("report/letter", context);
    }

    /** Swedish, plus the child's language when the letters have been translated into it. */
    List<String> languages(Participant participant) {
        var result = new ArrayList<String>();
        result.add(SWEDISH);
        var own = participant.language();
        if (own != null && !own.equals(SWEDISH) && hasTranslation(own)) {
            result.add(own);
        }
        return result;
    }

    private boolean hasTranslation(String language) {
        // Without a bundle for the language, the lookup falls back to the Swedish base bundle ("sv").
        return language.equals(messages.getMessage("consent.letter.language", null, SWEDISH, Locale.forLanguageTag(language)));
    }

    private Section section(String language, LetterRecipient recipient, Participant participant, String firstName,
                            int ownConsentAge, String sender, String unitName) {
        var locale = Locale.forLanguageTag(language);
        var prefix = recipient == LetterRecipient.GUARDIANS ? "consent.letter.guardians."
                : "consent.letter." + band(participant.age()) + ".";
        var paragraphs = new ArrayList<String>();
        for (int i = 1; ; i++) {
            var text = messages.getMessage(prefix + i, new Object[]{i == lastParagraph(prefix) ? sender : firstName, ownConsentAge},
                    null, locale);
            if (text == null) {
                break;
            }
            paragraphs.add(text);
        }
        var title = recipient == LetterRecipient.CHILD
                ? messages.getMessage("consent.letter.child.title", new Object[]{firstName}, locale)
                : messages.getMessage("consent.letter.guardians.title", null, locale);
        return new Section(language, messages.getMessage("consent.letter.languageName", null, locale), title,
                List.copyOf(paragraphs), messages.getMessage("consent.letter.regards", null, locale), unitName,
                messages.getMessage("consent.letter.date", new Object[]{LocalDate.now(AuditLog.ZONE)}, locale));
    }

    /** The number of the contact paragraph, the last one of each letter: it names the sender instead of the child. */
    private static int lastParagraph(String prefix) {
        return prefix.endsWith("guardians.") ? 9 : 8;
    }

    /** The wording for the child's age band: 5–8, 9–12 or 13–18 (younger and older children get the nearest). */
    static String band(int age) {
        return age <= 8 ? "young" : age <= 12 ? "middle" : "teen";
    }

    /** The process lead who prints the letter is the contact: name, title and e-mail as the staff register has them. */
    private String sender(String unitName) {
        var staff = organization.staffByUsername(currentUsername());
        if (staff.isEmpty()) {
            return unitName;
        }
        var s = staff.get();
        var parts = new ArrayList<String>();
        parts.add(s.displayName());
        if (s.title() != null && !s.title().isBlank()) {
            parts.add(s.title());
        }
        parts.add(unitName);
        if (s.email() != null && !s.email().isBlank()) {
            parts.add(s.email());
        }
        return String.join(", ", parts);
    }

    // Rendered as CommitteeMemos does (same font, PDF/A-2u, tagged, no external resources). A shared
    // renderer for both would be the next step; it would mean changing CommitteeMemos, owned elsewhere.

    private static String currentUsername() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
