package se.delaktig.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.AgeBand;
import se.delaktig.report.PdfA;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class FeedbackIT {

    @Autowired FeedbackWorld worlds;
    @Autowired se.delaktig.RoundSteps roundSteps;
    @Autowired TestFixtures fixtures;
    @Autowired Feedbacks feedbacks;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    private static Feedbacks.VersionInput input(FeedbackVersion v, String doing, List<Long> quotes) {
        var headings = new java.util.HashMap<String, String>();
        var points = new java.util.HashMap<String, String>();
        v.said().forEach(a -> {
            headings.put(a.code(), a.heading());
            points.put(a.code(), a.text());
        });
        return new Feedbacks.VersionInput(headings, points, quotes, doing);
    }

    private static Feedbacks.VersionInput withPoint(FeedbackVersion v, String area, String point) {
        var in = input(v, v.doingText(), v.quotes().stream().map(FeedbackVersion.Quote::id).toList());
        var points = new java.util.HashMap<>(in.points());
        points.put(area, point);
        return new Feedbacks.VersionInput(in.headings(), points, in.quoteIds(), in.doing());
    }

    private Feedback start(FeedbackWorld.World w) {
        return TestFixtures.as(w.lead(), () -> feedbacks.start(w.roundId()));
    }

    private Feedback approve(FeedbackWorld.World w) {
        return TestFixtures.as(w.lead(), () -> feedbacks.approve(w.roundId(),
                feedbacks.find(w.roundId()).orElseThrow().version()));
    }

    private String publicPage(String token, String query) throws Exception {
        return mvc.perform(get("/feedback/" + token + (query == null ? "" : "?" + query)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andReturn().getResponse().getContentAsString();
    }

    private int audits(String action, long feedbackId) {
        return jdbc.sql("select count(*) from audit_event where action = ? and record_type = 'feedback' and record_id = ?")
                .params(action, String.valueOf(feedbackId)).query(Integer.class).single();
    }

    @Test
    void theDraftIsPrefilledFromThemesApprovedQuotesAndApprovedDecisionsOnly() {
        var w = worlds.create();
        var feedback = start(w);
        assertThat(feedback.drafts()).extracting(FeedbackVersion::key).containsExactly("5-8/sv", "9-12/sv", "13-18/sv");
        assertThat(feedback.isPublished()).isFalse();

        var middle = feedback.draft(AgeBand.AGES_9_12, "sv").orElseThrow();
        var contact = middle.said().stream().filter(a -> a.code().equals("kontakt")).findFirst().orElseThrow();
        assertThat(contact.heading()).isEqualTo("Om att träffa oss");
        // Child counts as words over the two completed interviews, the theme named by the most children first.
        assertThat(contact.points()).containsExactly(
                "Båda barnen berättade om det här: byte av socialsekreterare.",
                "Ett av två barn berättade om det här: tid och plats för möten.");
        assertThat(middle.said()).filteredOn(a -> !a.code().equals("kontakt")).allSatisfy(a -> assertThat(a.points()).isEmpty());
        // Only the approved quote, never the withdrawn one or the candidate.
        assertThat(middle.quotes()).extracting(FeedbackVersion.Quote::text).containsExactly(FeedbackWorld.QUOTE);
        // The approved proposal's action with its month, and the approved proposal without actions; not the rejected one.
        assertThat(middle.doing()).containsExactly(
                FeedbackWorld.ACTION + ". Det ska vara klart i oktober 2026.",
                "Vi har bestämt: förklara beslut så att barnet förstår.");
        assertThat(middle.texts()).noneMatch(t -> t.contains(FeedbackWorld.REJECTED) || t.contains(FeedbackWorld.WITHDRAWN));

        var young = feedback.draft(AgeBand.AGES_5_8, "sv").orElseThrow();
        assertThat(young.quotes()).isEmpty();
        assertThat(young.said().get(0).points()).first().isEqualTo("Båda barnen pratade om det här: byte av socialsekreterare.");
        assertThat(young.doing()).first().isEqualTo(FeedbackWorld.ACTION + ". Klart i oktober 2026.");

        // English is written from the bundles when the team adds it.
        var english = TestFixtures.as(w.lead(), () -> feedbacks.addLanguage(w.roundId(), "en", feedback.version()))
                .draft(AgeBand.AGES_13_18, "en").orElseThrow();
        assertThat(english.said().get(0).heading()).isEqualTo("About meeting us");
        assertThat(english.said().get(0).points()).first().isEqualTo("Both children brought up this: byte av socialsekreterare.");
        assertThat(english.doing()).first().isEqualTo(FeedbackWorld.ACTION + " – done in October 2026.");
        assertThat(english.quotes()).isEmpty();

        // Starting twice gives the same feedback; only the process lead may start it.
        assertThat(start(w).id()).isEqualTo(feedback.id());
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> feedbacks.start(w.roundId())))
                .isInstanceOf(NotFoundException.class);
        assertThat(TestFixtures.as(w.manager(), () -> feedbacks.mayEdit(w.roundId()))).isFalse();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'CREATE' and record_type = 'feedback' and outcome = 'DENIED' and record_id = ?")
                .param("round:" + w.roundId()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void onlyApprovedQuotesAtMostTwoAndNoPersonalDataCanBeSaved() throws Exception {
        var w = worlds.create();
        var feedback = start(w);
        var v = feedback.draft(AgeBand.AGES_13_18, "sv").orElseThrow();
        for (var quote : List.of(w.withdrawnQuoteId(), w.candidateQuoteId())) {
            assertThatThrownBy(() -> TestFixtures.as(w.lead(), () -> feedbacks.save(w.roundId(), AgeBand.AGES_13_18, "sv",
                    feedback.version(), input(v, "Något", List.of(quote)))))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                        assertThat(e.field()).isEqualTo("quotes");
                        assertThat(e.messageKey()).isEqualTo("feedback.quotes.notApproved");
                    });
        }
        assertThatThrownBy(() -> TestFixtures.as(w.lead(), () -> feedbacks.save(w.roundId(), AgeBand.AGES_13_18, "sv",
                feedback.version(), input(v, "Något", List.of(w.quoteId(), w.withdrawnQuoteId(), w.candidateQuoteId())))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.messageKey()).isEqualTo("feedback.quotes.tooMany"));

        var refused = Map.of(
                "Ring 070-123 45 67 om du undrar.", "feedback.personal.phone",
                "Mejla oss på hej@exempel.se", "feedback.personal.email",
                "Gäller 20121212-1212", "feedback.personal.identityNumber",
                FeedbackWorld.FIRST_NAME + " berättade om skolan.", "feedback.personal.name",
                "Barnet b01 sa att det var bra.", "feedback.personal.name",
                "Ida kommer att ringa dig.", "feedback.personal.name");
        refused.forEach((text, key) -> assertThatThrownBy(() -> TestFixtures.as(w.lead(), () -> feedbacks.save(w.roundId(),
                AgeBand.AGES_13_18, "sv", feedback.version(), withPoint(v, "kontakt", text))))
                .as(text)
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("points-kontakt");
                    assertThat(e.messageKey()).isEqualTo(key);
                }));
        assertThatThrownBy(() -> TestFixtures.as(w.lead(), () -> feedbacks.save(w.roundId(), AgeBand.AGES_13_18, "sv",
                feedback.version(), input(v, "Petra Processledare hör av sig.", List.of()))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("doing"));
        // Nothing of that was written.
        var after = TestFixtures.as(w.lead(), () -> feedbacks.find(w.roundId())).orElseThrow();
        assertThat(after.version()).isEqualTo(feedback.version());
        assertThat(after.drafts()).flatExtracting(d -> d.texts().toList()).noneMatch(t -> t.contains("070-123"));

        // The page shows the refusal next to the field and keeps what was typed.
        var html = mvc.perform(post("/rounds/{id}/feedback/versions/13-18/sv", w.roundId()).with(user(w.lead()).roles("STAFF"))
                        .with(csrf()).param("version", String.valueOf(feedback.version()))
                        .param("heading-kontakt", "Om att träffa oss").param("points-kontakt", "Ring 070-123 45 67 om du undrar.")
                        .param("doing", "Vi ändrar något."))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"points-kontakt-error\"", "telefonnummer", "Ring 070-123 45 67 om du undrar.",
                "aria-describedby=\"points-kontakt-error points-hint\"");
        // A stale version is told, not overwritten.
        assertThatThrownBy(() -> TestFixtures.as(w.lead(), () -> feedbacks.save(w.roundId(), AgeBand.AGES_13_18, "sv",
                feedback.version() - 1, input(v, "Gammalt", List.of()))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.messageKey()).isEqualTo("feedback.conflict"));
    }

    @Test
    void nothingIsPublicUntilApprovedAndThePublicPageHasNoPersonalData() throws Exception {
        var w = worlds.create();
        var feedback = start(w);
        // The token is long, random and not the round's or the feedback's id.
        assertThat(feedback.token()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(String.valueOf(w.roundId()))
                .isNotEqualTo(String.valueOf(feedback.id()));
        assertThat(start(worlds.create()).token()).isNotEqualTo(feedback.token());
        mvc.perform(get("/feedback/" + feedback.token())).andExpect(status().isNotFound());
        mvc.perform(get("/feedback/" + w.roundId())).andExpect(status().isNotFound());
        mvc.perform(get("/rounds/{id}/feedback/letters/9-12/sv.pdf", w.roundId()).with(user(w.lead()).roles("STAFF")))
                .andExpect(status().isNotFound());

        // An incomplete version cannot be approved.
        var young = feedback.draft(AgeBand.AGES_5_8, "sv").orElseThrow();
        var emptied = TestFixtures.as(w.lead(), () -> feedbacks.save(w.roundId(), AgeBand.AGES_5_8, "sv", feedback.version(),
                input(young, "", List.of())));
        assertThatThrownBy(() -> approve(w))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.messageKey()).isEqualTo("feedback.approve.incomplete"));
        mvc.perform(get("/feedback/" + feedback.token())).andExpect(status().isNotFound());
        TestFixtures.run(w.lead(), () -> feedbacks.save(w.roundId(), AgeBand.AGES_5_8, "sv", emptied.version(),
                input(young, "Ni ska få träffa samma vuxna.\nVi förklarar mer.", List.of())));
        TestFixtures.run(w.lead(), () -> feedbacks.addLanguage(w.roundId(), "en",
                feedbacks.find(w.roundId()).orElseThrow().version()));
        var approved = approve(w);
        assertThat(approved.approved()).isTrue();
        assertThat(audits("APPROVE", feedback.id())).isEqualTo(1);

        var swedish = publicPage(feedback.token(), null);
        assertThat(swedish).contains("Det här sa ni", "Det här gör vi", "Båda barnen berättade om det här: byte av socialsekreterare.",
                FeedbackWorld.QUOTE, FeedbackWorld.ACTION, "aria-current=\"page\"", "read-aloud.js", "id=\"reader-status\"");
        var young5 = publicPage(feedback.token(), "age=5-8");
        assertThat(young5).contains("Ni ska få träffa samma vuxna.", "Tack för att du pratade med oss")
                .doesNotContain(FeedbackWorld.QUOTE);
        var english = publicPage(feedback.token(), "age=13-18&language=en&lang=en");
        assertThat(english).contains("What you said", "What we do", "About meeting us", "lang=\"en\"");
        for (var page : List.of(swedish, young5, english)) {
            assertThat(page).doesNotContain("B01", "B02", FeedbackWorld.FIRST_NAME, "Barn0", "Barn1", "Petra", "Processledare",
                    "Erik", "Ida Intervjuare", "Ivar", FeedbackWorld.WITHDRAWN, FeedbackWorld.REJECTED,
                    "Logga ut", "Log out", "Demoläge", "Demo mode", "/rounds", String.valueOf(w.roundId()) + "/");
        }
        // The staff page links the public page and offers the letters.
        var staffPage = mvc.perform(get("/rounds/{id}/feedback", w.roundId()).with(user(w.manager()).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(staffPage).contains("/feedback/" + feedback.token(), "Godkänd och publicerad",
                "/rounds/" + w.roundId() + "/feedback/letters/9-12/sv.pdf", "data:image/png;base64,")
                .doesNotContain("Godkänn och publicera");
        // The round page links to the feedback once the round has come to its step.
        roundSteps.put(w.roundId(), se.delaktig.round.Stage.FEEDBACK);
        mvc.perform(get("/rounds/{id}", w.roundId()).with(user(w.manager()).roles("STAFF")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("/rounds/" + w.roundId() + "/feedback")));
    }

    @Test
    void editingAfterApprovalKeepsThePublishedCopyUntilApprovedAgain() throws Exception {
        var w = worlds.create();
        var feedback = start(w);
        approve(w);
        var v = feedback.draft(AgeBand.AGES_9_12, "sv").orElseThrow();
        var current = TestFixtures.as(w.lead(), () -> feedbacks.find(w.roundId())).orElseThrow();
        var edited = TestFixtures.as(w.lead(), () -> feedbacks.save(w.roundId(), AgeBand.AGES_9_12, "sv", current.version(),
                input(v, "Från hösten träffar du samma socialsekreterare hela tiden.", List.of())));
        assertThat(edited.changedSinceApproval()).isTrue();
        assertThat(edited.approved()).isFalse();

        var before = publicPage(feedback.token(), null);
        assertThat(before).contains(FeedbackWorld.ACTION, FeedbackWorld.QUOTE).doesNotContain("Från hösten");
        var staffPage = mvc.perform(get("/rounds/{id}/feedback", w.roundId()).with(user(w.lead()).roles("STAFF")))
                .andReturn().getResponse().getContentAsString();
        assertThat(staffPage).contains("Ändrad sedan godkännandet", "Godkänn och publicera");

        // Approving an outdated draft is refused; the current one publishes the change.
        assertThatThrownBy(() -> TestFixtures.as(w.lead(), () -> feedbacks.approve(w.roundId(), current.version())))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.messageKey()).isEqualTo("feedback.conflict"));
        mvc.perform(post("/rounds/{id}/feedback/approve", w.roundId()).with(user(w.lead()).roles("STAFF")).with(csrf())
                        .param("version", String.valueOf(edited.version())))
                .andExpect(status().is3xxRedirection());
        var after = publicPage(feedback.token(), null);
        assertThat(after).contains("Från hösten träffar du samma socialsekreterare hela tiden.").doesNotContain(FeedbackWorld.ACTION)
                .doesNotContain(FeedbackWorld.QUOTE);
        assertThat(audits("APPROVE", feedback.id())).isEqualTo(2);
        assertThat(audits("UPDATE", feedback.id())).isEqualTo(1);
        assertThat(audits("CREATE", feedback.id())).isEqualTo(1);
    }

    @Test
    void theLetterCarriesTheAddressAsTextAndQrCodeAndIsPdfA() throws Exception {
        var w = worlds.create();
        var feedback = start(w);
        TestFixtures.run(w.lead(), () -> feedbacks.addLanguage(w.roundId(), "ar", feedback.version()));
        var withArabic = TestFixtures.as(w.lead(), () -> feedbacks.find(w.roundId())).orElseThrow();
        var arabic = withArabic.draft(AgeBand.AGES_9_12, "ar").orElseThrow();
        assertThat(arabic.said()).allSatisfy(a -> assertThat(a.points()).isEmpty());
        var version = withArabic.version();
        for (var band : AgeBand.values()) {
            var v = TestFixtures.as(w.lead(), () -> feedbacks.find(w.roundId())).orElseThrow().draft(band, "ar").orElseThrow();
            var in = withPoint(v, "kontakt", "قال الأطفال إنهم يريدون نفس الشخص.");
            var saved = TestFixtures.as(w.lead(), () -> feedbacks.save(w.roundId(), band, "ar", version + band.ordinal(),
                    new Feedbacks.VersionInput(in.headings(), in.points(), List.of(), "سنقوم بتغيير ذلك في أكتوبر.")));
            assertThat(saved.version()).isEqualTo(version + band.ordinal() + 1);
        }
        approve(w);

        var response = mvc.perform(get("/rounds/{id}/feedback/letters/9-12/sv.pdf", w.roundId()).with(user(w.manager()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/pdf"))
                .andReturn().getResponse();
        var pdf = response.getContentAsByteArray();
        assertThat(PdfA.failures2u(pdf)).isEmpty();
        var url = "http://localhost:8080/feedback/" + feedback.token() + "?age=9-12&language=sv";
        try (var document = Loader.loadPDF(pdf)) {
            var text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Det här sa ni – det här gör vi", "Det här gör vi", FeedbackWorld.ACTION)
                    .doesNotContain("B01", FeedbackWorld.FIRST_NAME, "Petra");
            // The address is printed in full (a long one may wrap across lines).
            assertThat(text.replace(" ", "")).contains(url);
            var image = new PDFRenderer(document).renderImageWithDPI(document.getNumberOfPages() - 1, 150);
            assertThat(decodeQr(image)).isEqualTo(url);
        }
        assertThat(audits("PRINT_FEEDBACK_LETTER", feedback.id())).isEqualTo(1);

        // Arabic is published on the page (right to left) but offered as no PDF: the font has no Arabic letters.
        var page = publicPage(feedback.token(), "age=9-12&language=ar");
        assertThat(page).contains("dir=\"rtl\"", "lang=\"ar\"", "قال الأطفال");
        mvc.perform(get("/rounds/{id}/feedback/letters/9-12/ar.pdf", w.roundId()).with(user(w.lead()).roles("STAFF")))
                .andExpect(status().isBadRequest());
        var staffPage = mvc.perform(get("/rounds/{id}/feedback", w.roundId()).with(user(w.lead()).roles("STAFF")))
                .andReturn().getResponse().getContentAsString();
        assertThat(staffPage).contains("ingen PDF").doesNotContain("/letters/9-12/ar.pdf");
    }

    @Test
    void anotherUnitsProcessLeadFindsNothing() throws Exception {
        var w = worlds.create();
        var feedback = start(w);
        approve(w);
        var other = fixtures.organisation();
        assertThatThrownBy(() -> TestFixtures.as(other.processLead(), () -> feedbacks.find(w.roundId())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> TestFixtures.as(other.processLead(), () -> feedbacks.approve(w.roundId(), feedback.version())))
                .isInstanceOf(NotFoundException.class);
        for (var path : List.of("/rounds/{id}/feedback", "/rounds/{id}/feedback/letters/9-12/sv.pdf")) {
            mvc.perform(get(path, w.roundId()).with(user(other.processLead()).roles("STAFF"))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/rounds/{id}/feedback/approve", w.roundId()).with(user(other.processLead()).roles("STAFF")).with(csrf())
                .param("version", "0")).andExpect(status().isNotFound());
        // Members of the unit who are not its process lead read the draft but change nothing.
        assertThatThrownBy(() -> TestFixtures.as(w.manager(), () -> feedbacks.approve(w.roundId(), feedback.version())))
                .isInstanceOf(NotFoundException.class);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'APPROVE' and outcome = 'DENIED' and record_id = ?")
                .param("round:" + w.roundId()).query(Integer.class).single()).isEqualTo(1);
    }

    static String decodeQr(BufferedImage image) throws Exception {
        var pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
