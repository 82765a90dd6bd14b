package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.interview.CodableText;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/**
 * Blind double coding: who may start it and with whom, that nobody sees a coder's segments before both
 * are done, the agreement figures for a small case worked out by hand, the disagreements, and adopting
 * the segments into the shared coding.
 */
@IntegrationTest
class DoubleCodingIT {

    private static final Locale SWEDISH = Locale.forLanguageTag("sv");

    @Autowired CodingWorld worlds;
    @Autowired se.delaktig.RoundSteps roundSteps;
    @Autowired TestFixtures fixtures;
    @Autowired Codebooks codebooks;
    @Autowired Codings codings;
    @Autowired DoubleCodings doubleCodings;
    @Autowired MessageSource messages;
    @Autowired JdbcClient jdbc;
    @Autowired MockMvc mvc;

    // -------------------------------------------------------------------------------------------
    // Starting

    @Test
    void theProcessLeadStartsAPassOverAllCompletedInterviewsByDefaultOrPicksSome() throws Exception {
        var w = worlds.create();
        var lead = w.org().processLead();

        var all = TestFixtures.as(lead, () -> doubleCodings.start(w.roundId(),
                new DoubleCodings.StartRequest(coder(w, 0), coder(w, 1), null)));
        assertThat(all.pseudonyms()).hasSize(2);
        assertThat(all.first().coder().username()).isEqualTo(w.interviewer());
        assertThat(all.finished()).isFalse();

        var some = TestFixtures.as(lead, () -> doubleCodings.start(w.roundId(),
                new DoubleCodings.StartRequest(w.org().processLeadId(), coder(w, 1), List.of(w.interviewB()))));
        assertThat(some.pseudonyms()).hasSize(1);
        // The second coder's page of that pass shows only interview B's text.
        var page = TestFixtures.as(w.otherInterviewer(), () -> doubleCodings.blindPage(w.roundId(), some.id()));
        assertThat(page.coding().texts()).extracting(t -> t.source().interviewId()).containsOnly(w.interviewB());

        // The page form starts one too, and lands on the pass.
        mvc.perform(post("/rounds/{id}/double-coding", w.roundId()).with(user(lead).roles("STAFF")).with(csrf())
                        .param("firstCoderId", String.valueOf(coder(w, 0))).param("secondCoderId", String.valueOf(coder(w, 2)))
                        .param("interviewIds", String.valueOf(w.interviewA())))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(lead, () -> doubleCodings.overview(w.roundId())).passes()).hasSize(3);
    }

    @Test
    void badChoicesAreToldOnTheFieldInSwedishAndEnglish() throws Exception {
        var w = worlds.create();
        var lead = w.org().processLead();

        assertField(w, new DoubleCodings.StartRequest(coder(w, 0), coder(w, 0), null), "secondCoderId", "agreement.start.sameCoder");
        assertField(w, new DoubleCodings.StartRequest(w.org().managerId(), coder(w, 0), null), "firstCoderId", "agreement.start.mayNotCode");
        assertField(w, new DoubleCodings.StartRequest(coder(w, 0), null, null), "secondCoderId", "agreement.start.coderRequired");
        assertField(w, new DoubleCodings.StartRequest(coder(w, 0), coder(w, 1), List.of()), "interviewIds", "agreement.start.pickInterview");
        assertField(w, new DoubleCodings.StartRequest(coder(w, 0), coder(w, 1), List.of(999_999L)), "interviewIds",
                "agreement.start.interviewUnknown");
        // Someone of another unit cannot be a coder here.
        var stranger = fixtures.organisation();
        assertField(w, new DoubleCodings.StartRequest(coder(w, 0), stranger.interviewerIds().get(0), null), "secondCoderId",
                "agreement.start.mayNotCode");
        // A round without completed interviews has nothing to double code.
        var empty = worlds.emptyRound(w.org(), "Tom omgång " + w.org().suffix());
        assertThatThrownBy(() -> TestFixtures.as(lead, () -> doubleCodings.start(empty,
                new DoubleCodings.StartRequest(coder(w, 0), coder(w, 1), null))))
                .isInstanceOf(InvalidInputException.class).extracting("messageKey").isEqualTo("agreement.start.noInterviews");

        // The API answers a problem detail naming the field, in Swedish, and in English when asked.
        var body = "{\"firstCoderId\":" + coder(w, 0) + ",\"secondCoderId\":" + coder(w, 0) + "}";
        mvc.perform(json(post("/api/v1/rounds/{id}/double-coding", w.roundId()), lead, body))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("secondCoderId"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("Välj en annan person än den första kodaren")));
        mvc.perform(json(post("/api/v1/rounds/{id}/double-coding", w.roundId()).param("lang", "en"), lead, body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("Choose someone other than the first coder")));
        // The page keeps what was typed and ties the message to the field.
        mvc.perform(post("/rounds/{id}/double-coding", w.roundId()).with(user(lead).roles("STAFF")).with(csrf())
                        .param("firstCoderId", String.valueOf(coder(w, 0))).param("secondCoderId", String.valueOf(coder(w, 1))))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"interviewIds-error\"")))
                .andExpect(content().string(containsString("Välj minst en intervju att dubbelkoda.")))
                .andExpect(content().string(containsString("aria-describedby=\"interviewIds-error interviews-hint\"")));

        // Only the process lead starts a pass: an interviewer is answered as if there were nothing.
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> doubleCodings.start(w.roundId(),
                new DoubleCodings.StartRequest(coder(w, 0), coder(w, 1), null)))).isInstanceOf(NotFoundException.class);
    }

    // -------------------------------------------------------------------------------------------
    // Blindness

    @Test
    void whileThePassIsOpenNobodySeesTheOtherCodersSegments() throws Exception {
        var w = worlds.create();
        var lead = w.org().processLead();
        var pass = start(w);
        var a = childWords(w, w.interviewA());
        var x = sub(w, "Byte av socialsekreterare");
        var first = TestFixtures.as(w.interviewer(), () -> doubleCodings.code(w.roundId(), pass,
                new Codings.SegmentRequest(a.key(), 0, 20, List.of(x.id()), null))).get(0);
        var base = "/api/v1/rounds/{id}/double-coding/{p}";

        // The first coder sees their own segment.
        mvc.perform(get(base + "/segments", w.roundId(), pass).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].excerpt").value(CodingWorld.WORDS_A.substring(0, 20)));
        // The second coder gets only their own (none), not even how many the other has made.
        mvc.perform(get(base + "/segments", w.roundId(), pass).with(user(w.otherInterviewer()).roles("STAFF")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get(base, w.roundId(), pass).with(user(w.otherInterviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.first.segments").value(nullValue()))
                .andExpect(jsonPath("$.second.segments").value(0));
        // Nor can they remove it.
        mvc.perform(delete(base + "/segments/{s}", w.roundId(), pass, first.id())
                        .with(user(w.otherInterviewer()).roles("STAFF")).with(csrf()))
                .andExpect(status().isNotFound());
        // The process lead sees progress only: counts and who is done, no segments and no report.
        mvc.perform(get(base, w.roundId(), pass).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.first.segments").value(1))
                .andExpect(jsonPath("$.first.done").value(false))
                .andExpect(jsonPath("$.finished").value(false));
        mvc.perform(get(base + "/segments", w.roundId(), pass).with(user(lead).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get(base + "/report", w.roundId(), pass).with(user(lead).roles("STAFF")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("pass"))
                .andExpect(jsonPath("$.detail").value(containsString("båda kodarna har markerat Klar")));
        mvc.perform(get(base + "/report", w.roundId(), pass).with(user(w.otherInterviewer()).roles("STAFF")))
                .andExpect(status().isBadRequest());
        // The pages: the other coder's blind page lists no segment; the lead's pass page shows progress only.
        mvc.perform(get("/rounds/{id}/double-coding/{p}/coding", w.roundId(), pass).with(user(w.otherInterviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("data-segment=\"" + first.id() + "\""))))
                .andExpect(content().string(not(containsString("”" + CodingWorld.WORDS_A.substring(0, 20) + "”"))));
        mvc.perform(get("/rounds/{id}/double-coding/{p}/coding", w.roundId(), pass).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-segment=\"" + first.id() + "\"")))
                .andExpect(content().string(containsString("”" + CodingWorld.WORDS_A.substring(0, 20) + "”")));
        mvc.perform(get("/rounds/{id}/double-coding/{p}/coding", w.roundId(), pass).with(user(lead).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/rounds/{id}/double-coding/{p}", w.roundId(), pass).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Hur långt har kodarna kommit?")))
                .andExpect(content().string(not(containsString("”" + CodingWorld.WORDS_A.substring(0, 20) + "”"))))
                .andExpect(content().string(not(containsString("Oenigheter att diskutera"))));
        // Blind segments never reach the shared coding.
        assertThat(jdbc.sql("select count(*) from coded_segment where round_id = ?").param(w.roundId()).query(Integer.class).single()).isZero();
        var shared = TestFixtures.as(lead, () -> codings.page(w.roundId()));
        assertThat(shared.texts()).allSatisfy(t -> assertThat(t.segments()).isEmpty());
        assertThat(TestFixtures.as(lead, () -> codings.codePage(w.roundId(), x.id())).segments()).isEmpty();
        // Not in plain text in the database either.
        var stored = jdbc.sql("select excerpt from blind_segment where pass_id = ?").param(pass).query((rs, n) -> rs.getBytes(1)).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("socialsekreterare");
    }

    @Test
    void klarCanBeUndoneUntilTheOtherIsDoneAndLocksTheCoding() throws Exception {
        var w = worlds.create();
        var pass = start(w);
        var a = childWords(w, w.interviewA());
        var x = sub(w, "Byte av socialsekreterare").id();
        var base = "/api/v1/rounds/{id}/double-coding/{p}";

        mvc.perform(post(base + "/done", w.roundId(), pass).with(user(w.interviewer()).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.first.done").value(true));
        // Done means done: no more coding until it is undone.
        mvc.perform(json(post(base + "/segments", w.roundId(), pass), w.interviewer(),
                        "{\"source\":\"" + a.key() + "\",\"start\":0,\"end\":5,\"codeIds\":[" + x + "]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("done"));
        mvc.perform(delete(base + "/done", w.roundId(), pass).with(user(w.interviewer()).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.first.done").value(false));
        mvc.perform(json(post(base + "/segments", w.roundId(), pass), w.interviewer(),
                        "{\"source\":\"" + a.key() + "\",\"start\":0,\"end\":5,\"codeIds\":[" + x + "]}"))
                .andExpect(status().isCreated());
        // Only a coder can say Klar.
        mvc.perform(post(base + "/done", w.roundId(), pass).with(user(w.org().processLead()).roles("STAFF")).with(csrf()))
                .andExpect(status().isNotFound());

        TestFixtures.run(w.interviewer(), () -> doubleCodings.markDone(w.roundId(), pass));
        TestFixtures.run(w.otherInterviewer(), () -> doubleCodings.markDone(w.roundId(), pass));
        mvc.perform(delete(base + "/done", w.roundId(), pass).with(user(w.interviewer()).roles("STAFF")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("kan inte ångras")));
        // Now the other coder's segments are out in the open, on the report.
        mvc.perform(get(base + "/report", w.roundId(), pass).with(user(w.otherInterviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.disagreements[0].excerpts[0]").value(CodingWorld.WORDS_A.substring(0, 5)));
    }

    // -------------------------------------------------------------------------------------------
    // The report

    /**
     * Three texts (A's words, A's reflection, B's words) and two codes, X and Y.
     * First coder: X in A, Y in B. Second coder: X in A and in B, Y in B.
     *
     * <pre>
     *            A     reflection   B
     *   X      (1,1)     (0,0)    (0,1)   → 2 of 3, kappa (2/3 − 4/9)/(1 − 4/9) = 0.40,
     *                                       alpha 1 − 5·2/(36 − 18) = 0.44
     *   Y      (0,0)     (0,0)    (1,1)   → 3 of 3, kappa 1, alpha 1
     *   pooled over the 6 units: 5 of 6 = 83 %, p_e = 2/6·3/6 + 4/6·3/6 = 1/2, kappa (5/6 − 1/2)/(1/2) = 0.67,
     *   alpha: 12 values, 5 yes and 7 no, one disagreeing unit: 1 − 11·2/(144 − 25 − 49) = 0.69
     * </pre>
     */
    @Test
    void theReportMatchesASmallCaseWorkedOutByHandAndListsTheDisagreement() throws Exception {
        var w = worlds.create();
        var pass = handWorkedCase(w);
        var lead = w.org().processLead();

        var report = TestFixtures.as(lead, () -> doubleCodings.report(w.roundId(), pass, SWEDISH));

        assertThat(report.texts()).isEqualTo(3);
        assertThat(report.perCode()).extracting(AgreementReport.Row::code)
                .containsExactly("Byte av socialsekreterare", "Tid och plats för möten");
        var overall = report.overall().result();
        assertThat(overall.units()).isEqualTo(6);
        assertThat(overall.agreements()).isEqualTo(5);
        assertThat(overall.percentAgreement().value()).isCloseTo(100.0 * 5 / 6, within(1e-9));
        assertThat(overall.cohensKappa().value()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(overall.krippendorffsAlpha().value()).isCloseTo(1 - 22.0 / 70, within(1e-9));
        var x = report.perCode().get(0).result();
        assertThat(x.agreements()).isEqualTo(2);
        assertThat(x.cohensKappa().value()).isCloseTo(0.4, within(1e-9));
        assertThat(x.krippendorffsAlpha().value()).isCloseTo(1 - 10.0 / 18, within(1e-9));
        var y = report.perCode().get(1).result();
        assertThat(y.percentAgreement().value()).isEqualTo(100.0);
        assertThat(y.cohensKappa().value()).isCloseTo(1.0, within(1e-9));
        // The same as Agreement computes from the same decisions, readings included.
        var units = List.of("A", "R", "B");
        var expected = Agreement.perCode(units, List.of("X", "Y"),
                Map.of("X", Set.of("A"), "Y", Set.of("B")), Map.of("X", Set.of("A", "B"), "Y", Set.of("B")));
        assertThat(overall).isEqualTo(expected.overall());
        assertThat(x).isEqualTo(expected.perCode().get(0).result());
        assertThat(report.overall().kappa().value()).isEqualTo("0,67");
        assertThat(report.overall().kappa().reading()).isEqualTo(expected.overall().cohensKappa().reading());
        assertThat(report.overall().alpha().reading()).isEqualTo(expected.overall().krippendorffsAlpha().reading());
        assertThat(report.overall().percent().reading()).isEqualTo(expected.overall().percentAgreement().reading());
        assertThat(report.perCode().get(0).kappa().reading()).isEqualTo(expected.perCode().get(0).result().cohensKappa().reading());
        assertThat(report.overall().few()).isTrue();

        // One disagreement: X in B's words, applied by the second coder only.
        assertThat(report.disagreements()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("Byte av socialsekreterare");
            assertThat(d.appliedBy().username()).isEqualTo(w.otherInterviewer());
            assertThat(d.notBy().username()).isEqualTo(w.interviewer());
            assertThat(d.excerpts()).containsExactly(CodingWorld.WORDS_B.substring(0, 12));
            assertThat(d.pieces()).extracting(AgreementReport.Piece::text).containsExactly(
                    CodingWorld.WORDS_B.substring(0, 12), CodingWorld.WORDS_B.substring(12));
            assertThat(d.pieces().get(0).second()).isTrue();
            assertThat(d.pieces().get(0).first()).isFalse();
        });

        // The API gives the same figures; the page shows them, with the units explained and the pseudonym.
        mvc.perform(get("/api/v1/rounds/{id}/double-coding/{p}/report", w.roundId(), pass).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.overall.result.agreements").value(5))
                .andExpect(jsonPath("$.overall.kappa.value").value("0,67"))
                .andExpect(jsonPath("$.disagreements.length()").value(1));
        var pseudonym = childWords(w, w.interviewB()).pseudonym();
        mvc.perform(get("/rounds/{id}/double-coding/{p}", w.roundId(), pass).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"overall-kappa\">0,67<")))
                .andExpect(content().string(containsString("id=\"overall-percent\">83 %<")))
                .andExpect(content().string(containsString("id=\"overall-alpha\">0,69<")))
                .andExpect(content().string(containsString(expected.overall().cohensKappa().reading())))
                .andExpect(content().string(containsString("En enhet är en text i en intervju tillsammans med en kod")))
                .andExpect(content().string(containsString("jämförelsen sammanlagt bygger på 6 enheter")))
                .andExpect(content().string(containsString("Underlaget är litet (6 enheter)")))
                .andExpect(content().string(containsString("Oenigheter att diskutera")))
                .andExpect(content().string(containsString(pseudonym)))
                .andExpect(content().string(containsString("<mark class=\"agreement__mark--second\">" + CodingWorld.WORDS_B.substring(0, 12) + "</mark>")))
                .andExpect(content().string(not(containsString("Barn1"))))
                .andExpect(content().string(not(containsString("Barn0"))));
        // In English too.
        mvc.perform(get("/rounds/{id}/double-coding/{p}", w.roundId(), pass).param("lang", "en").with(user(lead).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"overall-kappa\">0.67<")))
                .andExpect(content().string(containsString("Kappa 0.67: good agreement.")))
                .andExpect(content().string(containsString("Disagreements to discuss")));
    }

    @Test
    void theSwedishReadingsAreAgreementsOwnWords() {
        for (var value : new double[]{-0.3, 0.1, 0.2, 0.35, 0.5, 0.7, 0.9, 1.0}) {
            var result = new Agreement.Result(10, 10, 5, new Agreement.Statistic(50.0, ""),
                    new Agreement.Statistic(value, ""), new Agreement.Statistic(value, ""));
            assertThat(AgreementReadings.kappa(result, messages, SWEDISH).reading()).isEqualTo(Agreement.kappaReading(value));
            assertThat(AgreementReadings.alpha(result, messages, SWEDISH).reading()).isEqualTo(Agreement.alphaReading(value));
        }
        var none = Agreement.twoCoders(List.of(true, true), List.of(true, true));
        assertThat(AgreementReadings.kappa(none, messages, SWEDISH).reading()).isEqualTo(none.cohensKappa().reading());
        assertThat(AgreementReadings.alpha(none, messages, SWEDISH).reading()).isEqualTo(none.krippendorffsAlpha().reading());
        assertThat(AgreementReadings.percent(none, messages, SWEDISH).reading()).isEqualTo(none.percentAgreement().reading());
    }

    // -------------------------------------------------------------------------------------------
    // Adopting

    @Test
    void theLeadAdoptsTheUnionIntoTheSharedCodingOnceWithoutDuplicates() throws Exception {
        var w = worlds.create();
        var pass = handWorkedCase(w);
        var lead = w.org().processLead();
        var b = childWords(w, w.interviewB());
        var x = sub(w, "Byte av socialsekreterare").id();
        // X on B's first twelve characters is already in the shared coding.
        TestFixtures.run(lead, () -> codings.code(w.roundId(), new Codings.SegmentRequest(b.key(), 0, 12, List.of(x), null)));

        // An interviewer may not adopt.
        mvc.perform(post("/api/v1/rounds/{id}/double-coding/{p}/adopt", w.roundId(), pass)
                        .with(user(w.interviewer()).roles("STAFF")).with(csrf()))
                .andExpect(status().isNotFound());
        // Union: X on A (both, same span), Y on B (both, same span), X on B (second; already shared) → 2 new.
        mvc.perform(post("/api/v1/rounds/{id}/double-coding/{p}/adopt", w.roundId(), pass)
                        .with(user(lead).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.added").value(2));

        var shared = jdbc.sql("select code_id, interview_id, start_offset, end_offset, coded_by from coded_segment where round_id = ?")
                .param(w.roundId()).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getInt(4), rs.getString(5))).list();
        assertThat(shared).hasSize(3);
        var page = TestFixtures.as(w.interviewer(), () -> codings.codePage(w.roundId(), x));
        assertThat(page.segments()).extracting(Segment::excerpt)
                .containsExactlyInAnyOrder(CodingWorld.WORDS_A.substring(0, 20), CodingWorld.WORDS_B.substring(0, 12));
        assertThat(page.children()).isEqualTo(2);

        // Once only.
        mvc.perform(post("/api/v1/rounds/{id}/double-coding/{p}/adopt", w.roundId(), pass)
                        .with(user(lead).roles("STAFF")).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("redan tagen med i analysen")));
        assertThat(jdbc.sql("select count(*) from coded_segment where round_id = ?").param(w.roundId()).query(Integer.class).single()).isEqualTo(3);
        assertThat(TestFixtures.as(lead, () -> doubleCodings.pass(w.roundId(), pass)).adoptedCount()).isEqualTo(2);
        assertThat(audited(lead, "DOUBLE_CODING_ADOPT")).isEqualTo(1);
    }

    @Test
    void adoptingBeforeBothAreDoneIsRefused() {
        var w = worlds.create();
        var pass = start(w);
        TestFixtures.run(w.interviewer(), () -> doubleCodings.markDone(w.roundId(), pass));
        assertThatThrownBy(() -> TestFixtures.as(w.org().processLead(), () -> doubleCodings.adopt(w.roundId(), pass)))
                .isInstanceOf(InvalidInputException.class).extracting("messageKey").isEqualTo("agreement.report.notFinished");
    }

    // -------------------------------------------------------------------------------------------
    // Tenants and audit

    @Test
    void anotherUnitGetsA404EverywhereAndEveryStepIsAudited() throws Exception {
        var w = worlds.create();
        var pass = handWorkedCase(w);
        var stranger = fixtures.organisation().processLead();

        for (var path : List.of("/rounds/{id}/double-coding", "/rounds/{id}/double-coding/" + pass,
                "/rounds/{id}/double-coding/" + pass + "/coding", "/api/v1/rounds/{id}/double-coding",
                "/api/v1/rounds/{id}/double-coding/" + pass, "/api/v1/rounds/{id}/double-coding/" + pass + "/report",
                "/api/v1/rounds/{id}/double-coding/" + pass + "/segments")) {
            mvc.perform(get(path, w.roundId()).with(user(stranger).roles("STAFF"))).andExpect(status().isNotFound());
        }
        mvc.perform(post("/api/v1/rounds/{id}/double-coding/{p}/adopt", w.roundId(), pass).with(user(stranger).roles("STAFF")).with(csrf()))
                .andExpect(status().isNotFound());
        // A pass asked for under another round – even one's own – is a 404 too.
        var own = worlds.create(fixtures.organisation());
        assertThatThrownBy(() -> TestFixtures.as(own.org().processLead(), () -> doubleCodings.pass(own.roundId(), pass)))
                .isInstanceOf(NotFoundException.class);

        var lead = w.org().processLead();
        mvc.perform(get("/rounds/{id}/double-coding/{p}", w.roundId(), pass).with(user(lead).roles("STAFF"))).andExpect(status().isOk());
        assertThat(audited(lead, "DOUBLE_CODING_START")).isEqualTo(1);
        assertThat(audited(w.interviewer(), "CODE_BLIND_SEGMENT")).isPositive();
        assertThat(audited(w.otherInterviewer(), "DOUBLE_CODING_DONE")).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and record_type = 'double_coding' and action = 'READ' and record_id = ?")
                .params(lead, "report:" + pass).query(Integer.class).single()).isPositive();
        // Someone of the unit who is not a coder asking for a coder's blind page is refused, and that is logged.
        mvc.perform(get("/rounds/{id}/double-coding/{p}/coding", w.roundId(), pass).with(user(lead).roles("STAFF")))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("select count(*) from audit_event where actor = ? and record_type = 'double_coding' and outcome = 'DENIED'")
                .param(lead).query(Integer.class).single()).isPositive();
    }

    @Test
    void theRoundPageAndTheCodingPageLinkToDoubleCoding() throws Exception {
        var w = worlds.create();
        // The round page shows the analysis links once the round has come to the analysis.
        roundSteps.put(w.roundId(), se.delaktig.round.Stage.ANALYSIS);
        for (var path : List.of("/rounds/{id}", "/rounds/{id}/coding")) {
            mvc.perform(get(path, w.roundId()).with(user(w.org().processLead()).roles("STAFF")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(containsString("href=\"/rounds/" + w.roundId() + "/double-coding\"")));
        }
    }

    // -------------------------------------------------------------------------------------------

    /** The case of the report test, both coders done. Returns the pass id. */
    private long handWorkedCase(CodingWorld.World w) {
        var pass = start(w);
        var a = childWords(w, w.interviewA());
        var b = childWords(w, w.interviewB());
        var x = sub(w, "Byte av socialsekreterare").id();
        var y = sub(w, "Tid och plats för möten").id();
        TestFixtures.run(w.interviewer(), () -> {
            doubleCodings.code(w.roundId(), pass, new Codings.SegmentRequest(a.key(), 0, 20, List.of(x), null));
            doubleCodings.code(w.roundId(), pass, new Codings.SegmentRequest(b.key(), 30, 50, List.of(y), null));
            doubleCodings.markDone(w.roundId(), pass);
        });
        TestFixtures.run(w.otherInterviewer(), () -> {
            doubleCodings.code(w.roundId(), pass, new Codings.SegmentRequest(a.key(), 0, 20, List.of(x), null));
            doubleCodings.code(w.roundId(), pass, new Codings.SegmentRequest(b.key(), 0, 12, List.of(x), null));
            doubleCodings.code(w.roundId(), pass, new Codings.SegmentRequest(b.key(), 30, 50, List.of(y), null));
            doubleCodings.markDone(w.roundId(), pass);
        });
        return pass;
    }

    private long start(CodingWorld.World w) {
        return TestFixtures.as(w.org().processLead(), () -> doubleCodings.start(w.roundId(),
                new DoubleCodings.StartRequest(coder(w, 0), coder(w, 1), null))).id();
    }

    private static long coder(CodingWorld.World w, int interviewer) {
        return w.org().interviewerIds().get(interviewer);
    }

    private void assertField(CodingWorld.World w, DoubleCodings.StartRequest request, String field, String key) {
        assertThatThrownBy(() -> TestFixtures.as(w.org().processLead(), () -> doubleCodings.start(w.roundId(), request)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> {
                    assertThat(((InvalidInputException) e).field()).isEqualTo(field);
                    assertThat(((InvalidInputException) e).messageKey()).isEqualTo(key);
                });
    }

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String username, String body) {
        return request.with(user(username).roles("STAFF")).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private int audited(String actor, String action) {
        return jdbc.sql("select count(*) from audit_event where actor = ? and action = ? and record_type = 'double_coding'")
                .params(actor, action).query(Integer.class).single();
    }

    private CodableText childWords(CodingWorld.World w, long interviewId) {
        return TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).texts().stream()
                .map(CodingPage.Text::source)
                .filter(t -> t.interviewId() == interviewId && t.kind() == CodableText.Kind.CHILD_WORDS && t.questionId() != null)
                .findFirst().orElseThrow();
    }

    private Code sub(CodingWorld.World w, String name) {
        return TestFixtures.as(w.org().processLead(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> !c.top() && c.name().equals(name)).findFirst().orElseThrow();
    }
}
