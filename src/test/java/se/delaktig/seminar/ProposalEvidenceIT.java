package se.delaktig.seminar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
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

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.Guides;
import se.delaktig.interview.CompletedInterviews;
import se.delaktig.seminar.Seminars.EvidenceKind;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/** Proposals linked to their evidence (codes, approved quotes, counts), ranking, and the agenda. */
@IntegrationTest
class ProposalEvidenceIT {

    @Autowired AnalysedRound analysedRound;
    @Autowired Seminars seminars;
    @Autowired Agendas agendas;
    @Autowired TestFixtures fixtures;
    @Autowired Guides guides;
    @Autowired CompletedInterviews completed;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    /** Service calls outside a request write their sentences in the application's language, Swedish. */
    @BeforeEach
    void swedish() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("sv"));
    }

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void aProposalLinksACodeAnApprovedQuoteAndACountAndReadsThemAsSentences() throws Exception {
        var a = analysedRound.create();
        var user = a.org().interviewers().get(0);
        var id = a.roundId();

        var proposal = TestFixtures.as(user, () -> seminars.addProposal(id, new Seminars.NewProposal(
                "Samma socialsekreterare hela utredningen", "kontakt", "Personalen ser samma sak",
                List.of(a.codes().get(AnalysedRound.CHANGED)), List.of(a.quoteChanged()), List.of(a.changedWorkerQuestion()))));

        assertThat(proposal.evidenceItems()).extracting(Seminars.Evidence::kind)
                .containsExactly(EvidenceKind.CODE, EvidenceKind.QUOTE, EvidenceKind.COUNT);
        // Children, not segments: the first child has two segments of the theme.
        assertThat(proposal.evidenceOf(EvidenceKind.CODE)).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo(AnalysedRound.CHANGED);
            assertThat(e.detail()).isEqualTo("två av tre barn");
            assertThat(e.areaCode()).isEqualTo("kontakt");
        });
        assertThat(proposal.evidenceOf(EvidenceKind.QUOTE)).singleElement()
                .satisfies(e -> assertThat(e.text()).isEqualTo(AnalysedRound.QUOTE_CHANGED));
        assertThat(proposal.evidenceOf(EvidenceKind.COUNT)).singleElement()
                .satisfies(e -> assertThat(e.text()).startsWith("Två av tre barn svarar ja på frågan").contains("ett svarar nej"));
        assertThat(proposal.evidence()).isEqualTo("Personalen ser samma sak");
        assertThat(auditCount("CREATE", "seminar_proposal", proposal.id())).isEqualTo(1);

        // The live list shows the evidence as readable items.
        mvc.perform(get("/rounds/{id}/seminar/live", id).with(user(user).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Tema:")))
                .andExpect(content().string(containsString("Byte av socialsekreterare – två av tre barn")))
                .andExpect(content().string(containsString("Citat:")))
                .andExpect(content().string(containsString("”" + AnalysedRound.QUOTE_CHANGED + "”")))
                .andExpect(content().string(containsString("Siffra:")))
                .andExpect(content().string(containsString("Personalen ser samma sak")));
        // … and the API returns it resolved.
        mvc.perform(get("/api/v1/rounds/{id}/seminar/proposals", id).with(user(user).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].evidenceItems[0].kind").value("CODE"))
                .andExpect(jsonPath("$.items[0].evidenceItems[0].detail").value("två av tre barn"))
                .andExpect(jsonPath("$.items[0].evidenceItems[1].text").value(AnalysedRound.QUOTE_CHANGED))
                .andExpect(jsonPath("$.items[0].evidenceItems[2].id").value(a.changedWorkerQuestion()));
    }

    @Test
    void theFormPicksEvidenceByAreaAndEvidenceCanBeChangedAfterwards() throws Exception {
        var a = analysedRound.create();
        var user = a.org().interviewers().get(1);
        var id = a.roundId();

        // The live page's form offers every kind, each item tagged with its area for the filter.
        mvc.perform(get("/rounds/{id}/seminar/live", id).with(user(user).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<legend>Teman (koder) och hur många barn de gäller</legend>")))
                .andExpect(content().string(containsString("id=\"quote-" + a.quoteChanged() + "\"")))
                .andExpect(content().string(not(containsString("id=\"quote-" + a.candidate() + "\""))))
                .andExpect(content().string(not(containsString(AnalysedRound.CANDIDATE))))
                .andExpect(content().string(containsString("id=\"count-" + a.changedWorkerQuestion() + "\"")))
                .andExpect(content().string(containsString("data-evidence-area=\"kontakt\"")));

        // Added from the seminar page, with a code and a count; it goes back to the seminar page.
        mvc.perform(post("/rounds/{id}/seminar/proposals", id).with(user(user).roles("STAFF")).with(csrf())
                        .param("from", "seminar").param("text", "Träffas där barnet vill").param("areaCode", "kontakt")
                        .param("codeIds", String.valueOf(a.codes().get(AnalysedRound.TIME_AND_PLACE)))
                        .param("questionIds", String.valueOf(a.changedWorkerQuestion())))
                .andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", containsString("/rounds/" + id + "/seminar#proposal-form")));
        var proposal = TestFixtures.as(user, () -> seminars.proposals(id)).items().get(0);
        assertThat(proposal.evidenceItems()).extracting(Seminars.Evidence::kind)
                .containsExactly(EvidenceKind.CODE, EvidenceKind.COUNT);
        var version = TestFixtures.as(user, () -> seminars.proposalsVersion(id));

        // The edit page shows what is linked, ticked; saving replaces it.
        mvc.perform(get("/rounds/{id}/seminar/proposals/{p}/evidence", id, proposal.id()).with(user(user).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Träffas där barnet vill")))
                .andExpect(content().string(containsString("value=\"" + a.codes().get(AnalysedRound.TIME_AND_PLACE) + "\" checked")));
        mvc.perform(post("/rounds/{id}/seminar/proposals/{p}/evidence", id, proposal.id()).with(user(user).roles("STAFF")).with(csrf())
                        .param("quoteIds", String.valueOf(a.quotePlace())).param("evidence", "Fritidsgården fungerade"))
                .andExpect(status().is3xxRedirection());
        var changed = TestFixtures.as(user, () -> seminars.proposal(id, proposal.id()));
        assertThat(changed.evidenceItems()).extracting(Seminars.Evidence::kind, Seminars.Evidence::text)
                .containsExactly(tuple(EvidenceKind.QUOTE, AnalysedRound.QUOTE_PLACE));
        assertThat(changed.evidence()).isEqualTo("Fritidsgården fungerade");
        // Everyone's live list notices the change.
        assertThat(TestFixtures.as(user, () -> seminars.proposalsVersion(id))).isNotEqualTo(version);
        mvc.perform(get("/rounds/{id}/seminar/live/proposals", id).param("since", version).with(user(a.org().processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(AnalysedRound.QUOTE_PLACE)));

        // Through the API as well.
        mvc.perform(put("/api/v1/rounds/{id}/seminar/proposals/{p}/evidence", id, proposal.id())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"codeIds\":[" + a.codes().get(AnalysedRound.CHANGED) + "],\"questionIds\":[]}")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.evidenceItems.length()").value(1))
                .andExpect(jsonPath("$.evidenceItems[0].text").value(AnalysedRound.CHANGED))
                .andExpect(jsonPath("$.evidence").doesNotExist());
    }

    @Test
    void unknownOtherRoundAndUnapprovedEvidenceIsRefusedNamingTheField() throws Exception {
        var a = analysedRound.create();
        var other = analysedRound.create();
        var user = a.org().interviewers().get(0);
        var id = a.roundId();
        var otherGuideQuestion = guides.find(fixtures.smallGuide()).orElseThrow().questions().findFirst().orElseThrow().id();

        record Case(String field, String json) {
        }
        var cases = List.of(
                new Case("codeIds", "\"codeIds\":[987654321]"),
                new Case("codeIds", "\"codeIds\":[" + other.codes().get(AnalysedRound.CHANGED) + "]"),
                new Case("quoteIds", "\"quoteIds\":[" + a.candidate() + "]"),
                new Case("quoteIds", "\"quoteIds\":[" + other.quoteChanged() + "]"),
                new Case("quoteIds", "\"quoteIds\":[987654321]"),
                new Case("questionIds", "\"questionIds\":[" + otherGuideQuestion + "]"),
                new Case("questionIds", "\"questionIds\":[987654321]"));
        for (var c : cases) {
            mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals", id).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"text\":\"Ett förslag\",\"areaCode\":\"kontakt\"," + c.json() + "}")
                            .header("Accept-Language", "sv")
                            .with(user(user).roles("STAFF")).with(csrf()))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value(c.field()));
        }
        assertThat(TestFixtures.as(user, () -> seminars.proposals(id)).items()).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'LINK_EVIDENCE' and outcome = 'DENIED' and record_id = ?")
                .param(String.valueOf(id)).query(Integer.class).single()).isEqualTo(cases.size());

        // The page keeps what was typed and tells, in Swedish, that only approved quotes count.
        mvc.perform(post("/rounds/{id}/seminar/proposals", id).with(user(user).roles("STAFF")).with(csrf())
                        .param("text", "Mitt förslag").param("areaCode", "kontakt")
                        .param("codeIds", String.valueOf(a.codes().get(AnalysedRound.CHANGED)))
                        .param("quoteIds", String.valueOf(a.candidate())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"quoteIds-error\"")))
                .andExpect(content().string(containsString("Bara godkända citat kan vara stöd för ett förslag.")))
                .andExpect(content().string(containsString("Mitt förslag")))
                .andExpect(content().string(containsString("value=\"" + a.codes().get(AnalysedRound.CHANGED) + "\" checked")));
        // A tampered, non-numeric value is a field error, not a failure.
        mvc.perform(post("/rounds/{id}/seminar/proposals", id).with(user(user).roles("STAFF")).with(csrf())
                        .param("text", "Mitt förslag").param("questionIds", "tre"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"questionIds-error\"")));
        // Editing refuses the same way.
        var proposal = TestFixtures.as(user, () -> seminars.addProposal(id, new Seminars.NewProposal("Förslag", null, null)));
        assertThatThrownBy(() -> TestFixtures.as(user, () -> seminars.updateEvidence(id, proposal.id(),
                new Seminars.EvidenceInput(null, List.of(), List.of(a.candidate()), List.of()))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("quoteIds"));
        // A quote withdrawn after it was linked drops out of the proposal instead of showing unapproved text.
        TestFixtures.run(user, () -> seminars.updateEvidence(id, proposal.id(),
                new Seminars.EvidenceInput(null, List.of(), List.of(a.quoteWho()), List.of())));
        jdbc.sql("update quote set status = 'WITHDRAWN' where id = ?").param(a.quoteWho()).update();
        assertThat(TestFixtures.as(user, () -> seminars.proposal(id, proposal.id())).evidenceItems()).isEmpty();
    }

    @Test
    void theTeamRanksQuicklyToTheTopOrToAPlace() throws Exception {
        var a = analysedRound.create();
        var user = a.org().interviewers().get(0);
        var id = a.roundId();
        var ids = new java.util.ArrayList<Long>();
        for (var text : List.of("Ett", "Två", "Tre", "Fyra")) {
            ids.add(TestFixtures.as(user, () -> seminars.addProposal(id, new Seminars.NewProposal(text, null, null))).id());
        }
        var version = TestFixtures.as(user, () -> seminars.proposalsVersion(id));

        mvc.perform(post("/rounds/{id}/seminar/proposals/{p}/rank", id, ids.get(3)).param("rank", "1")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(order(user, id)).containsExactly("Fyra", "Ett", "Två", "Tre");
        assertThat(TestFixtures.as(user, () -> seminars.proposalsVersion(id))).isNotEqualTo(version);

        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals/{p}/rank", id, ids.get(0))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rank\":4}")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[3].text").value("Ett"))
                .andExpect(jsonPath("$.items[3].rank").value(4));
        assertThat(order(user, id)).containsExactly("Fyra", "Två", "Tre", "Ett");

        // A place outside the list is refused, naming the range; the order stays.
        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals/{p}/rank", id, ids.get(0))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rank\":9}")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("rank"));
        mvc.perform(post("/rounds/{id}/seminar/proposals/{p}/rank", id, ids.get(0)).param("rank", "noll")
                        .with(user(user).roles("STAFF")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(order(user, id)).containsExactly("Fyra", "Två", "Tre", "Ett");
        // The live page has a "move to top" button and a place field for every proposal but the first.
        mvc.perform(get("/rounds/{id}/seminar/live", id).with(user(user).roles("STAFF")))
                .andExpect(content().string(containsString("aria-label=\"Flytta förslag 2 överst\"")))
                .andExpect(content().string(not(containsString("aria-label=\"Flytta förslag 1 överst\""))))
                .andExpect(content().string(containsString("id=\"rank-" + ids.get(0) + "\"")));
    }

    @Test
    void theAgendaHasTheMainThemesWithChildCountsOnlyApprovedQuotesCountsAndProposals() throws Exception {
        var a = analysedRound.create();
        var org = a.org();
        var id = a.roundId();
        TestFixtures.run(org.processLead(), () -> seminars.saveRecord(id, new Seminars.RecordInput(LocalDate.of(2026, 9, 10),
                Set.of(org.processLeadId(), org.interviewerIds().get(0)), null)));
        var interviews = TestFixtures.as(org.processLead(), () -> completed.of(id));
        TestFixtures.run(org.processLead(), () -> seminars.setRead(id, interviews.stream().map(i -> i.interviewId()).toList()));
        TestFixtures.run(org.interviewers().get(0), () -> seminars.addProposal(id, new Seminars.NewProposal(
                "Samma socialsekreterare hela utredningen", "kontakt", null)));
        TestFixtures.run(org.interviewers().get(0), () -> seminars.addProposal(id, new Seminars.NewProposal(
                "Ett förslag utan område", null, null)));

        var agenda = TestFixtures.as(org.manager(), () -> agendas.agenda(id, java.util.Locale.forLanguageTag("sv")));
        assertThat(agenda.heldOn()).isEqualTo(LocalDate.of(2026, 9, 10));
        assertThat(agenda.participants()).containsExactlyInAnyOrder("Petra Processledare", "Ida Intervjuare");
        assertThat(agenda.reading().finished()).isEqualTo(1);
        var contact = agenda.areas().stream().filter(x -> x.code().equals("kontakt")).findFirst().orElseThrow();
        // Most children first; a theme no child's words were coded with is not a main theme.
        assertThat(contact.themes()).extracting(Agendas.Theme::name, Agendas.Theme::share).containsExactly(
                tuple(AnalysedRound.CHANGED, "två av tre barn"),
                tuple(AnalysedRound.TIME_AND_PLACE, "ett av tre barn"));
        // Two approved quotes, those of the main themes; never the candidate.
        assertThat(contact.quotes()).extracting(Agendas.Quote::text)
                .containsExactly(AnalysedRound.QUOTE_CHANGED, AnalysedRound.QUOTE_PLACE);
        assertThat(contact.counts()).hasSizeBetween(1, Agendas.COUNTS)
                .anySatisfy(s -> assertThat(s).startsWith("Två av tre barn svarar ja"));
        assertThat(contact.proposals()).extracting(Seminars.Proposal::text).containsExactly("Samma socialsekreterare hela utredningen");
        assertThat(agenda.otherProposals()).extracting(Seminars.Proposal::text).containsExactly("Ett förslag utan område");
        var participation = agenda.areas().stream().filter(x -> x.code().equals("delaktighet")).findFirst().orElseThrow();
        assertThat(participation.themes()).extracting(Agendas.Theme::name).containsExactly(AnalysedRound.LISTENED);

        mvc.perform(get("/rounds/{id}/seminar/agenda", id).with(user(org.interviewers().get(2)).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Inledning")))
                .andExpect(content().string(containsString("2026-09-10")))
                .andExpect(content().string(containsString("En av två deltagare har läst alla tre avslutade intervjuer.")))
                .andExpect(content().string(containsString("Byte av socialsekreterare – två av tre barn")))
                .andExpect(content().string(containsString("”" + AnalysedRound.QUOTE_CHANGED + "”")))
                .andExpect(content().string(not(containsString(AnalysedRound.CANDIDATE))))
                .andExpect(content().string(not(containsString(AnalysedRound.QUOTE_WHO))))
                .andExpect(content().string(containsString("Rangordna förslagen")))
                .andExpect(content().string(containsString("/rounds/" + id + "/seminar/agenda.pdf")));
        // The seminar page links to it.
        mvc.perform(get("/rounds/{id}/seminar", id).with(user(org.interviewers().get(2)).roles("STAFF")))
                .andExpect(content().string(containsString("href=\"/rounds/" + id + "/seminar/agenda\"")));

        var pdf = mvc.perform(get("/rounds/{id}/seminar/agenda.pdf", id).with(user(org.interviewers().get(2)).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse();
        assertThat(pdf.getHeader("Content-Disposition")).contains("dagordning-");
        try (var document = Loader.loadPDF(pdf.getContentAsByteArray())) {
            var text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Byte av socialsekreterare – två av tre barn", AnalysedRound.QUOTE_CHANGED,
                    "Rangordna förslagen", "Samma socialsekreterare hela utredningen");
            assertThat(text).doesNotContain(AnalysedRound.CANDIDATE);
            assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).as("tagged PDF").isTrue();
        }
        assertThat(auditCount("EXPORT_AGENDA", "seminar", id)).isEqualTo(1);

        // In English, the sentences follow.
        mvc.perform(get("/rounds/{id}/seminar/agenda", id).param("lang", "en").with(user(org.interviewers().get(2)).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Byte av socialsekreterare – two of three children")))
                .andExpect(content().string(containsString("Rank the proposals")));
    }

    @Test
    void everyNewRouteIsNotFoundForAnotherUnit() throws Exception {
        var a = analysedRound.create();
        var id = a.roundId();
        var proposal = TestFixtures.as(a.org().processLead(), () -> seminars.addProposal(id, new Seminars.NewProposal("Förslag", null, null)));
        var outsider = fixtures.organisation().processLead();
        List<MockHttpServletRequestBuilder> requests = List.of(
                get("/rounds/{id}/seminar/agenda", id),
                get("/rounds/{id}/seminar/agenda.pdf", id),
                get("/rounds/{id}/seminar/proposals/{p}/evidence", id, proposal.id()),
                post("/rounds/{id}/seminar/proposals/{p}/evidence", id, proposal.id()).param("codeIds", "1"),
                post("/rounds/{id}/seminar/proposals/{p}/rank", id, proposal.id()).param("rank", "1"),
                get("/api/v1/rounds/{id}/seminar/agenda", id),
                get("/api/v1/rounds/{id}/seminar/evidence", id),
                get("/api/v1/rounds/{id}/seminar/proposals/{p}", id, proposal.id()),
                put("/api/v1/rounds/{id}/seminar/proposals/{p}/evidence", id, proposal.id())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"),
                post("/api/v1/rounds/{id}/seminar/proposals/{p}/rank", id, proposal.id())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rank\":1}"));
        for (var request : requests) {
            mvc.perform(request.with(user(outsider).roles("STAFF")).with(csrf())).andExpect(status().isNotFound());
        }
        // A proposal of another round cannot be edited or ranked through this round.
        var other = analysedRound.create();
        var lead = other.org().processLead();
        mvc.perform(get("/rounds/{id}/seminar/proposals/{p}/evidence", other.roundId(), proposal.id()).with(user(lead).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/rounds/{id}/seminar/proposals/{p}/rank", other.roundId(), proposal.id()).param("rank", "1")
                        .with(user(lead).roles("STAFF")).with(csrf()))
                .andExpect(status().isNotFound());
        assertThatThrownBy(() -> TestFixtures.as(lead, () -> seminars.updateEvidence(other.roundId(), proposal.id(),
                new Seminars.EvidenceInput("x", List.of(), List.of(), List.of())))).isInstanceOf(NotFoundException.class);
        assertThat(TestFixtures.as(a.org().processLead(), () -> seminars.proposal(id, proposal.id())).evidence()).isNull();
    }

    private List<String> order(String user, long roundId) {
        return TestFixtures.as(user, () -> seminars.proposals(roundId)).items().stream().map(Seminars.Proposal::text).toList();
    }

    private int auditCount(String action, String type, long recordId) {
        return jdbc.sql("select count(*) from audit_event where action = ? and record_type = ? and record_id = ?")
                .params(action, type, String.valueOf(recordId)).query(Integer.class).single();
    }
}
