package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.organization.Places;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class QuotesIT {

    /** A made-up identity number with a valid check digit, never a real person's. */
    static final String IDENTITY = DeidentificationTest.withCheckDigit("120305", "238");

    @Autowired QuoteWorld world;
    @Autowired CodingWorld codingWorld;
    @Autowired TestFixtures fixtures;
    @Autowired Quotes quotes;
    @Autowired Codings codings;
    @Autowired Codebooks codebooks;
    @Autowired Places places;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    @Test
    void aCodedSegmentBecomesACandidateWhoseWordsAreKeptEncryptedAndMarkingTwiceGivesTheSameQuote() {
        var w = world.create();
        var segment = world.codeAll(w);

        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), segment.id()));

        assertThat(quote.text()).isEqualTo(QuoteWorld.WORDS);
        assertThat(quote.codeName()).isEqualTo(QuoteWorld.CODE);
        assertThat(quote.parentName()).isEqualTo("Delaktighet");
        assertThat(quote.approved()).isFalse();
        var stored = jdbc.sql("select draft, approved_text from quote where id = ?").param(quote.id())
                .query((rs, n) -> new Object[]{rs.getBytes(1), rs.getString(2)}).single();
        assertThat(new String((byte[]) stored[0], StandardCharsets.ISO_8859_1)).doesNotContain("Selma", "lyssnar");
        assertThat(stored[1]).isNull();
        // The same span, coded with another code too and marked from there, is the same quote.
        var contact = TestFixtures.as(w.interviewer(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.name().equals("Kontakt")).findFirst().orElseThrow();
        var other = TestFixtures.as(w.interviewer(), () -> codings.code(w.roundId(), new Codings.SegmentRequest(
                world.words(w).key(), 0, QuoteWorld.WORDS.length(), List.of(contact.id()), null))).get(0);
        var again = TestFixtures.as(w.org().processLead(), () -> quotes.mark(w.roundId(), other.id()));
        assertThat(again.id()).isEqualTo(quote.id());
        assertThat(again.codeName()).isEqualTo(QuoteWorld.CODE);
        assertThat(TestFixtures.as(w.interviewer(), () -> quotes.list(w.roundId()))).hasSize(1);
        assertThat(TestFixtures.as(w.interviewer(), () -> quotes.quotedSegments(w.roundId())))
                .containsEntry(segment.id(), quote.id()).containsEntry(other.id(), quote.id());
        assertThat(audits("QUOTE_MARK", quote.id())).isEqualTo(2);
        // Nothing is approved, so nothing reaches an output.
        assertThat(TestFixtures.as(w.org().manager(), () -> quotes.approved(w.roundId()))).isEmpty();
    }

    @Test
    void theCheckFlagsTheKeyListFirstNameTheStaffNameThePlacePhoneEmailAndIdentityNumber() {
        var w = world.create();
        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), world.codeAll(w).id()));

        assertThat(quote.findings()).extracting(Finding::kind, Finding::text).containsExactly(
                tuple(Finding.Kind.FIRST_NAME, "Selma"),
                tuple(Finding.Kind.STAFF_NAME, "Petra"),
                tuple(Finding.Kind.PHONE, "070-123 45 67"),
                tuple(Finding.Kind.EMAIL, "tjejen@example.se"),
                tuple(Finding.Kind.PLACE, "Ekbackaskolan"));
        var checked = TestFixtures.as(w.interviewer(), () -> quotes.check(w.roundId(),
                "Selmas nummer är " + IDENTITY + " och hon går på norra fäladens skola."));
        assertThat(checked).extracting(Finding::kind, Finding::text).containsExactly(
                tuple(Finding.Kind.FIRST_NAME, "Selmas"),
                tuple(Finding.Kind.IDENTITY_NUMBER, IDENTITY),
                tuple(Finding.Kind.PLACE, "norra fäladens skola"));
        // The interviewer may not read the key list, but the check reads its first names – logged as such.
        var keyListReads = jdbc.sql("""
                select count(*) from audit_event where actor = ? and action = 'READ_KEY_LIST' and record_type = 'round'
                and record_id = ? and outcome = 'SUCCESS'""")
                .params(w.interviewer(), String.valueOf(w.roundId())).query(Integer.class).single();
        assertThat(keyListReads).isGreaterThanOrEqualTo(2);
        // A round whose key list has no Selma, and whose municipality has no Ekbackaskolan, flags neither.
        var other = codingWorld.create();
        assertThat(TestFixtures.as(other.interviewer(), () -> quotes.check(other.roundId(), "Selma på Ekbackaskolan och Petra")))
                .extracting(Finding::kind, Finding::text).containsExactly(tuple(Finding.Kind.STAFF_NAME, "Petra"));
    }

    @Test
    void approvalIsRefusedWhileAnythingIsFlaggedAndGoesThroughAfterTheEdit() throws Exception {
        var w = world.create();
        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), world.codeAll(w).id()));

        LocaleContextHolder.setLocale(Locale.forLanguageTag("sv"));
        try {
            // Only the process lead approves: their check runs against the whole key list.
            assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> quotes.approve(w.roundId(), quote.id(), quote.version())))
                    .isInstanceOfSatisfying(InvalidInputException.class,
                            e -> assertThat(e.messageKey()).isEqualTo("quote.approve.processLeadOnly"));
            assertThatThrownBy(() -> TestFixtures.as(w.org().processLead(), () -> quotes.approve(w.roundId(), quote.id(), quote.version())))
                    .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("quote.approve.findingsLeft");
                    assertThat(e.args()[0].toString()).contains("ett förnamn (”Selma”)", "ett namn på personal (”Petra”)",
                            "ett telefonnummer (”070-123 45 67”)", "en e-postadress (”tjejen@example.se”)",
                            "och en plats (”Ekbackaskolan”)");
                    });
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
        // The API tells the same as a problem detail, in English when asked.
        mvc.perform(post("/api/v1/rounds/{id}/quotes/{q}/approve", w.roundId(), quote.id()).param("lang", "en")
                        .with(user(w.org().processLead()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + quote.version() + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.errors[0].field").value("text"))
                .andExpect(jsonPath("$.detail").value(containsString("a first name (“Selma”)")));

        // One finding replaced by its placeholder, the rest by an edit of the wording.
        var replaced = TestFixtures.as(w.interviewer(), () -> quotes.replace(w.roundId(), quote.id(), quote.version(),
                quote.findings().get(0).start(), quote.findings().get(0).end()));
        assertThat(replaced.text()).startsWith("[namn] tycker att Petra");
        assertThat(replaced.findings()).hasSize(4);
        var edited = TestFixtures.as(w.interviewer(), () -> quotes.edit(w.roundId(), quote.id(), replaced.version(),
                "[namn] tycker att hennes socialsekreterare lyssnar. Ring mig på [telefonnummer], jag går på [plats]."));
        assertThat(edited.findings()).isEmpty();
        var approved = TestFixtures.as(w.org().processLead(), () -> quotes.approve(w.roundId(), quote.id(), edited.version()));

        assertThat(approved.approved()).isTrue();
        assertThat(approved.approvedBy()).isEqualTo(w.org().processLead());
        assertThat(approved.approverName()).isEqualTo("Petra Processledare");
        assertThat(approved.approvedAt()).isNotNull();
        assertThat(TestFixtures.as(w.org().manager(), () -> quotes.approved(w.roundId())))
                .extracting(ApprovedQuote::text, ApprovedQuote::codeName, ApprovedQuote::areaCode, ApprovedQuote::approvedBy)
                .containsExactly(tuple(edited.text(), QuoteWorld.CODE, "delaktighet", w.org().processLead()));
        var plain = jdbc.sql("select approved_text from quote where id = ?").param(quote.id()).query(String.class).single();
        assertThat(plain).isEqualTo(edited.text());
        assertThat(audits("QUOTE_EDIT", quote.id())).isEqualTo(2);
        assertThat(audits("QUOTE_APPROVE", quote.id())).isEqualTo(1);
        // An approved quote is not edited until its approval is undone.
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> quotes.edit(w.roundId(), quote.id(), approved.version(), "Ny")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.messageKey()).isEqualTo("quote.alreadyApproved"));
    }

    @Test
    void aChangeBasedOnAStaleVersionIsToldNotOverwritten() throws Exception {
        var w = world.create();
        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), world.codeAll(w).id()));
        TestFixtures.run(w.org().processLead(), () -> quotes.edit(w.roundId(), quote.id(), quote.version(), "Först sparat."));

        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> quotes.edit(w.roundId(), quote.id(), quote.version(), "Senare.")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> {
                    assertThat(e.field()).isEqualTo("version");
                    assertThat(e.messageKey()).isEqualTo("quote.conflict");
                });
        mvc.perform(post("/api/v1/rounds/{id}/quotes/{q}/approve", w.roundId(), quote.id())
                        .with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + quote.version() + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"))
                .andExpect(jsonPath("$.detail").value(containsString("Någon annan har ändrat citatet")));
        // The page keeps what the person typed and tells them, next to the box.
        mvc.perform(post("/rounds/{id}/quotes/{q}/edit", w.roundId(), quote.id()).with(user(w.interviewer()).roles("STAFF"))
                        .with(csrf()).param("version", String.valueOf(quote.version())).param("text", "Mitt försök."))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"quote-" + quote.id() + "-text-error\"")))
                .andExpect(content().string(containsString("Mitt försök.")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")));
        assertThat(TestFixtures.as(w.interviewer(), () -> quotes.get(w.roundId(), quote.id())).text()).isEqualTo("Först sparat.");
    }

    @Test
    void anIdentityNumberTypedIntoAQuoteOrThePlaceListIsRefused() throws Exception {
        var w = world.create();
        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), world.codeAll(w).id()));

        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> quotes.edit(w.roundId(), quote.id(), quote.version(),
                "Mitt personnummer är " + IDENTITY + ".")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.messageKey()).isEqualTo("privacy.identityNumber"));
        mvc.perform(put("/api/v1/rounds/{id}/quotes/{q}", w.roundId(), quote.id()).with(user(w.interviewer()).roles("STAFF"))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + quote.version() + ",\"text\":\"Nummer " + IDENTITY + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        assertThat(TestFixtures.as(w.interviewer(), () -> quotes.get(w.roundId(), quote.id())).text()).isEqualTo(QuoteWorld.WORDS);

        assertThatThrownBy(() -> TestFixtures.as(w.org().processLead(), () -> places.add(w.org().municipalityId(),
                "Lilla skolan\n" + IDENTITY)))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("organization.place.identityNumber"));
        assertThat(TestFixtures.as(w.org().processLead(), () -> places.list(w.org().municipalityId())))
                .extracting(Places.Place::name).containsExactly(QuoteWorld.PLACE, "Norra Fäladens skola");
    }

    @Test
    void bareInputIsAProblemDetailNotAnError() throws Exception {
        var w = world.create();
        var user = user(w.interviewer()).roles("STAFF");
        mvc.perform(post("/api/v1/rounds/{id}/quotes", w.roundId()).with(user).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("segmentId"));
        mvc.perform(post("/api/v1/rounds/{id}/quotes", w.roundId()).with(user).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"segmentId\": 999999999}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("segmentId"));
        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), world.codeAll(w).id()));
        mvc.perform(put("/api/v1/rounds/{id}/quotes/{q}", w.roundId(), quote.id()).with(user).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"   \",\"version\":" + quote.version() + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("text"));
        mvc.perform(put("/api/v1/rounds/{id}/quotes/{q}", w.roundId(), quote.id()).with(user).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"Utan version\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("version"));
        mvc.perform(post("/api/v1/rounds/{id}/quotes/{q}/replace", w.roundId(), quote.id()).with(user).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"start\":1,\"end\":2,\"version\":" + quote.version() + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("finding"));
        mvc.perform(post("/api/v1/rounds/{id}/quotes/check", w.roundId()).with(user).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"Hej Selma, ring 0701234567\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].kind").value("FIRST_NAME"))
                .andExpect(jsonPath("$[1].kind").value("PHONE"))
                .andExpect(jsonPath("$[1].start").value(16));
        mvc.perform(get("/api/v1/rounds/{id}/quotes", w.roundId()).with(user))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(quote.id()))
                .andExpect(jsonPath("$[0].findings.length()").value(5));
    }

    @Test
    void anotherUnitsRoundAndQuotesAre404EverywhereAndTheManagerOnlyReads() throws Exception {
        var w = world.create();
        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), world.codeAll(w).id()));
        var stranger = fixtures.organisation().processLead();

        mvc.perform(get("/rounds/{id}/quotes", w.roundId()).with(user(stranger).roles("STAFF"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/rounds/{id}/quotes", w.roundId()).with(user(stranger).roles("STAFF"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/rounds/{id}/quotes/{q}", w.roundId(), quote.id()).with(user(stranger).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/rounds/{id}/quotes/{q}/approve", w.roundId(), quote.id()).with(user(stranger).roles("STAFF"))
                        .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/rounds/{id}/quotes/{q}/withdraw", w.roundId(), quote.id()).with(user(stranger).roles("STAFF"))
                        .with(csrf()).param("version", "0"))
                .andExpect(status().isNotFound());
        assertThatThrownBy(() -> TestFixtures.as(stranger, () -> quotes.check(w.roundId(), "Selma")))
                .isInstanceOf(NotFoundException.class);
        // A quote id of another round, asked for under one's own round, is a 404 too.
        var own = world.create();
        assertThatThrownBy(() -> TestFixtures.as(own.interviewer(), () -> quotes.get(own.roundId(), quote.id())))
                .isInstanceOf(NotFoundException.class);
        // The unit manager reads the quotes but does not change them.
        assertThat(TestFixtures.as(w.org().manager(), () -> quotes.page(w.roundId())).mayEdit()).isFalse();
        assertThatThrownBy(() -> TestFixtures.run(w.org().manager(), () -> quotes.withdraw(w.roundId(), quote.id(), quote.version())))
                .isInstanceOf(NotFoundException.class);
        var denied = jdbc.sql("select count(*) from audit_event where actor = ? and action = 'QUOTE_WITHDRAW' and outcome = 'DENIED'")
                .param(w.org().manager()).query(Integer.class).single();
        assertThat(denied).isPositive();
    }

    @Test
    void anApprovalCanBeUndoneAndACandidateWithdrawnAndMarkedAgain() {
        var w = world.create();
        var segment = world.codeAll(w);
        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), segment.id()));
        var clean = TestFixtures.as(w.interviewer(), () -> quotes.edit(w.roundId(), quote.id(), quote.version(), "Hon lyssnar."));
        var approved = TestFixtures.as(w.org().processLead(), () -> quotes.approve(w.roundId(), quote.id(), clean.version()));

        var undone = TestFixtures.as(w.org().processLead(), () -> quotes.unapprove(w.roundId(), quote.id(), approved.version()));
        assertThat(undone.approved()).isFalse();
        assertThat(undone.text()).isEqualTo("Hon lyssnar.");
        assertThat(undone.approvedBy()).isNull();
        assertThat(TestFixtures.as(w.interviewer(), () -> quotes.approved(w.roundId()))).isEmpty();
        assertThat(jdbc.sql("select approved_text from quote where id = ?").param(quote.id()).query(String.class).optional()
                .orElse(null)).isNull();

        TestFixtures.run(w.interviewer(), () -> quotes.withdraw(w.roundId(), quote.id(), undone.version()));
        assertThat(TestFixtures.as(w.interviewer(), () -> quotes.list(w.roundId()))).isEmpty();
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> quotes.get(w.roundId(), quote.id())))
                .isInstanceOf(NotFoundException.class);
        var back = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), segment.id()));
        assertThat(back.id()).isEqualTo(quote.id());
        assertThat(back.approved()).isFalse();
        assertThat(back.text()).isEqualTo("Hon lyssnar.");
        assertThat(audits("QUOTE_UNAPPROVE", quote.id())).isEqualTo(1);
        assertThat(audits("QUOTE_WITHDRAW", quote.id())).isEqualTo(1);
    }

    @Test
    void theQuotePageMarksFindingsWithTheirKindInWordsAndReplacesByForm() throws Exception {
        var w = world.create();
        var quote = TestFixtures.as(w.interviewer(), () -> quotes.mark(w.roundId(), world.codeAll(w).id()));
        var user = user(w.interviewer()).roles("STAFF");

        mvc.perform(get("/rounds/{id}/quotes", w.roundId()).with(user))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<mark class=\"quote__mark\"><span>Selma</span> <span class=\"quote__kind\">[förnamn]</span></mark>")))
                .andExpect(content().string(containsString("[personalens namn]")))
                .andExpect(content().string(containsString("Ersätt ”Ekbackaskolan” med [plats]")))
                .andExpect(content().string(containsString("Att åtgärda innan citatet kan godkännas (5)")));
        mvc.perform(get("/rounds/{id}/quotes", w.roundId()).param("lang", "en").with(user))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("[first name]")))
                .andExpect(content().string(containsString("Replace “Ekbackaskolan” with [plats]")));
        var first = quote.findings().get(0);
        mvc.perform(post("/rounds/{id}/quotes/{q}/replace", w.roundId(), quote.id()).with(user).with(csrf())
                        .param("version", String.valueOf(quote.version()))
                        .param("start", String.valueOf(first.start())).param("end", String.valueOf(first.end())))
                .andExpect(status().is3xxRedirection());
        var after = TestFixtures.as(w.interviewer(), () -> quotes.get(w.roundId(), quote.id()));
        assertThat(after.text()).startsWith("[namn] tycker");
        // Approval refused on the page: the message names what is left, next to the box.
        mvc.perform(post("/rounds/{id}/quotes/{q}/approve", w.roundId(), quote.id())
                        .with(user(w.org().processLead()).roles("STAFF")).with(csrf())
                        .param("version", String.valueOf(after.version())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Citatet kan inte godkännas ännu")))
                .andExpect(content().string(containsString("ett namn på personal (”Petra”)")))
                .andExpect(content().string(not(containsString("ett förnamn (”Selma”)"))));
        // The coding page and the code's page link the quote instead of offering to mark it again.
        mvc.perform(get("/rounds/{id}/coding", w.roundId()).with(user))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("#quote-" + quote.id())));
        mvc.perform(get("/rounds/{id}/codes/{c}", w.roundId(), quote.codeId()).with(user))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("#quote-" + quote.id())));
    }

    @Test
    void thePlaceListIsKeptByAdministratorsAndTheMunicipalitysProcessLeadsAndAudited() throws Exception {
        var w = world.create();
        var lead = user(w.org().processLead()).roles("STAFF");
        var municipality = w.org().municipalityId();

        mvc.perform(get("/municipalities/{id}/places", municipality).with(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ekbackaskolan")));
        mvc.perform(post("/municipalities/{id}/places", municipality).with(lead).with(csrf())
                        .param("names", "Lunds fritidsgård\n\nekbackaskolan"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"place-names-error\"")))
                .andExpect(content().string(containsString("”ekbackaskolan” finns redan i listan")))
                .andExpect(content().string(containsString("Lunds fritidsgård")));
        mvc.perform(post("/municipalities/{id}/places", municipality).with(lead).with(csrf())
                        .param("names", "x"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("har fel längd")));
        mvc.perform(post("/municipalities/{id}/places", municipality).with(lead).with(csrf())
                        .param("names", "Lunds fritidsgård\nIK Sävans klubbstuga"))
                .andExpect(status().is3xxRedirection());
        var list = TestFixtures.as(w.org().processLead(), () -> places.list(municipality));
        assertThat(list).extracting(Places.Place::name)
                .containsExactly("Ekbackaskolan", "IK Sävans klubbstuga", "Lunds fritidsgård", "Norra Fäladens skola");
        var removed = list.get(1);
        mvc.perform(post("/municipalities/{id}/places/{p}/delete", municipality, removed.id()).with(lead).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(w.org().processLead(), () -> places.names(municipality))).doesNotContain("IK Sävans klubbstuga");
        var added = jdbc.sql("select count(*) from audit_event where actor = ? and action = 'PLACE_ADD'")
                .param(w.org().processLead()).query(Integer.class).single();
        assertThat(added).isEqualTo(4);
        assertThat(audits("PLACE_REMOVE", removed.id(), "municipality_place")).isEqualTo(1);

        // An interviewer, and the process lead of another municipality, get a 404; an administrator may.
        mvc.perform(get("/municipalities/{id}/places", municipality).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/municipalities/{id}/places", municipality).with(user(fixtures.organisation().processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
        var admin = "adm-" + w.org().suffix();
        jdbc.sql("insert into staff (username, display_name, password_hash, administrator) values (?, 'Adam Admin', 'x', true)")
                .param(admin).update();
        mvc.perform(get("/municipalities/{id}/places", municipality).with(user(admin).roles("STAFF", "ADMIN")))
                .andExpect(status().isOk());
    }

    @Test
    void nothingOutsideTheQuoteServiceReadsTheQuoteTable() throws IOException {
        // Outputs read approved quotes through Quotes.approved only; the draft (the child's words) stays inside Quotes.
        var sql = Pattern.compile("(?i)(from|join|update|into)\\s+quote\\b");
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            var offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith(Path.of("se/delaktig/analysis/Quotes.java")))
                    .filter(p -> {
                        try {
                            var text = Files.readString(p);
                            var matcher = sql.matcher(text);
                            while (matcher.find()) {
                                // The merge of two codes moves quotes to the target code, without reading them.
                                var line = text.substring(text.lastIndexOf('\n', matcher.start()) + 1, text.indexOf('\n', matcher.start()));
                                if (!line.contains("update quote set code_id = ? where code_id = ?")) {
                                    return true;
                                }
                            }
                            return false;
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private int audits(String action, long recordId) {
        return audits(action, recordId, "quote");
    }

    private int audits(String action, long recordId, String type) {
        return jdbc.sql("select count(*) from audit_event where action = ? and record_type = ? and record_id = ? and outcome = 'SUCCESS'")
                .params(action, type, String.valueOf(recordId)).query(Integer.class).single();
    }
}
