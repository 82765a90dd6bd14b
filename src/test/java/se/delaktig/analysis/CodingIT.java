package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.interview.CodableText;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

@IntegrationTest
class CodingIT {

    @Autowired
    CodingWorld world;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    Codebooks codebooks;
    @Autowired
    Codings codings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    @Test
    void codebookStartsFromTheFourAreasOfTheGuideWithSubThemes() {
        var w = world.create();

        var book = TestFixtures.as(w.org().processLead(), () -> codebooks.codebook(w.roundId()));

        assertThat(book.tops()).extracting(Code::name).containsExactly("Kontakt", "Kunskap", "Delaktighet", "Att bli intervjuad");
        var contact = book.tops().get(0);
        assertThat(book.childrenOf(contact.id())).extracting(Code::name)
                .contains("Byte av socialsekreterare", "Tid och plats för möten", "Vem som är med");
        assertThat(book.tops()).allSatisfy(top -> assertThat(book.childrenOf(top.id())).hasSizeBetween(2, 3));
        assertThat(book.history()).extracting(CodeEvent::kind).containsOnly(CodeEvent.Kind.CREATED);
        // Asking again does not seed a second time.
        assertThat(TestFixtures.as(w.interviewer(), () -> codebooks.codes(w.roundId()))).hasSameSizeAs(book.codes());
    }

    @Test
    void analystsAddRenameMergeAndRetireCodesAndTheHistoryIsKept() {
        var w = world.create();
        var lead = w.org().processLead();
        var contact = top(w, "Kontakt");
        var added = TestFixtures.as(w.interviewer(), () -> codebooks.add(w.roundId(), "Väntan", contact.id()));
        var renamed = TestFixtures.as(lead, () -> codebooks.rename(w.roundId(), added.id(), added.version(), "Att vänta"));
        assertThat(renamed.name()).isEqualTo("Att vänta");
        var text = childWords(w, w.interviewA());
        TestFixtures.run(w.interviewer(), () -> codings.code(w.roundId(), new Codings.SegmentRequest(text.key(), 0, 20,
                List.of(renamed.id()), null)));

        var target = sub(w, "Tid och plats för möten");
        TestFixtures.run(lead, () -> codebooks.merge(w.roundId(), renamed.id(), renamed.version(), target.id()));
        var retire = sub(w, "Vem som är med");
        TestFixtures.run(lead, () -> codebooks.retire(w.roundId(), retire.id(), retire.version()));

        var book = TestFixtures.as(lead, () -> codebooks.codebook(w.roundId()));
        assertThat(book.active()).extracting(Code::name).doesNotContain("Att vänta", "Vem som är med", "Väntan")
                .contains("Tid och plats för möten");
        assertThat(book.inactive()).extracting(Code::name, Code::status).contains(
                org.assertj.core.groups.Tuple.tuple("Att vänta", Code.Status.MERGED),
                org.assertj.core.groups.Tuple.tuple("Vem som är med", Code.Status.RETIRED));
        assertThat(book.history()).extracting(CodeEvent::kind, CodeEvent::oldName, CodeEvent::newName, CodeEvent::actor).contains(
                org.assertj.core.groups.Tuple.tuple(CodeEvent.Kind.CREATED, null, "Väntan", w.interviewer()),
                org.assertj.core.groups.Tuple.tuple(CodeEvent.Kind.RENAMED, "Väntan", "Att vänta", lead),
                org.assertj.core.groups.Tuple.tuple(CodeEvent.Kind.MERGED, "Att vänta", "Tid och plats för möten", lead),
                org.assertj.core.groups.Tuple.tuple(CodeEvent.Kind.RETIRED, "Vem som är med", null, lead));
        // The segment moved to the target with the merge.
        var targetPage = TestFixtures.as(lead, () -> codings.codePage(w.roundId(), target.id()));
        assertThat(targetPage.segments()).extracting(Segment::excerpt).containsExactly(CodingWorld.WORDS_A.substring(0, 20));
        assertThat(targetPage.mergedFrom()).containsExactly("Att vänta");
        assertThat(TestFixtures.as(lead, () -> codings.codePage(w.roundId(), renamed.id())).segments()).isEmpty();
    }

    @Test
    void theUnitManagerReadsTheCodebookButCannotChangeIt() {
        var w = world.create();
        var manager = w.org().manager();

        assertThat(TestFixtures.as(manager, () -> codebooks.codebook(w.roundId())).mayEdit()).isFalse();
        assertThatThrownBy(() -> TestFixtures.as(manager, () -> codebooks.add(w.roundId(), "Ny", null)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCodebookCanBeCopiedFromAnEarlierRoundOfTheSameUnit() {
        var w = world.create();
        var lead = w.org().processLead();
        var contact = top(w, "Kontakt");
        TestFixtures.run(lead, () -> codebooks.add(w.roundId(), "Väntetid", contact.id()));
        TestFixtures.run(lead, () -> codebooks.add(w.roundId(), "Skolan", null));
        var later = world.emptyRound(w.org(), "Senare omgång " + w.org().suffix());

        var sources = TestFixtures.as(lead, () -> codebooks.codebook(later).copySources());
        assertThat(sources).extracting(Codebook.RoundRef::id).containsExactly(w.roundId());
        var added = TestFixtures.as(lead, () -> codebooks.copyFrom(later, w.roundId()));

        assertThat(added).isEqualTo(2);
        var book = TestFixtures.as(lead, () -> codebooks.codebook(later));
        var laterContact = book.tops().stream().filter(c -> c.name().equals("Kontakt")).findFirst().orElseThrow();
        assertThat(book.childrenOf(laterContact.id())).extracting(Code::name).contains("Väntetid");
        assertThat(book.tops()).extracting(Code::name).contains("Skolan");
        assertThat(book.history()).extracting(CodeEvent::kind).contains(CodeEvent.Kind.COPIED);
        assertThat(TestFixtures.as(lead, () -> codebooks.copyFrom(later, w.roundId()))).isZero();

        // A round of another unit is not offered and cannot be copied.
        var other = world.create();
        assertThatThrownBy(() -> TestFixtures.as(other.org().processLead(), () -> codebooks.copyFrom(other.roundId(), w.roundId())))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aSpanOfTheChildsWordsIsCodedAndItsTextIsNotStoredInPlain() {
        var w = world.create();
        var text = childWords(w, w.interviewA());
        var start = CodingWorld.WORDS_A.indexOf("Varje gång");
        var end = CodingWorld.WORDS_A.length();
        var codes = List.of(sub(w, "Byte av socialsekreterare").id(), top(w, "Kontakt").id());

        var saved = TestFixtures.as(w.interviewer(), () -> codings.code(w.roundId(),
                new Codings.SegmentRequest(text.key(), start, end, codes, null)));

        assertThat(saved).hasSize(2).allSatisfy(s -> {
            assertThat(s.excerpt()).isEqualTo("Varje gång måste jag berätta allt igen.");
            assertThat(s.pseudonym()).isNotBlank();
            assertThat(s.codedBy()).isEqualTo(w.interviewer());
        });
        var page = TestFixtures.as(w.otherInterviewer(), () -> codings.page(w.roundId()));
        var shown = page.texts().stream().filter(t -> t.key().equals(text.key())).findFirst().orElseThrow();
        assertThat(shown.segments()).extracting(Segment::codeName)
                .containsExactlyInAnyOrder("Byte av socialsekreterare", "Kontakt");
        assertThat(page.texts()).extracting(t -> t.source().text()).contains(CodingWorld.REFLECTION_A, CodingWorld.WORDS_B);
        var stored = jdbc.sql("select excerpt from coded_segment where round_id = ?").param(w.roundId())
                .query((rs, n) -> rs.getBytes(1)).list();
        assertThat(stored).hasSize(2).allSatisfy(bytes ->
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("måste").doesNotContain("Varje"));
    }

    @Test
    void aSpanOutsideTheTextOrWithoutACodeIsRefused() {
        var w = world.create();
        var text = childWords(w, w.interviewA());
        var code = top(w, "Kontakt").id();

        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> codings.code(w.roundId(),
                new Codings.SegmentRequest(text.key(), 5, 5000, List.of(code), null))))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("end");
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> codings.code(w.roundId(),
                new Codings.SegmentRequest(text.key(), 0, 5, List.of(), null))))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("codeIds");
        assertThatThrownBy(() -> TestFixtures.as(w.interviewer(), () -> codings.code(w.roundId(),
                new Codings.SegmentRequest("999999:CHILD_WORDS::", 0, 5, List.of(code), null))))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("source");
    }

    @Test
    void theCodePageCountsChildrenNotSegments() throws Exception {
        var w = world.create();
        var code = sub(w, "Byte av socialsekreterare");
        var a = childWords(w, w.interviewA());
        var b = childWords(w, w.interviewB());
        TestFixtures.run(w.interviewer(), () -> {
            codings.code(w.roundId(), new Codings.SegmentRequest(a.key(), 0, 10, List.of(code.id()), null));
            codings.code(w.roundId(), new Codings.SegmentRequest(a.key(), 20, 40, List.of(code.id()), null));
            codings.code(w.roundId(), new Codings.SegmentRequest(b.key(), 0, 12, List.of(code.id()), null));
        });

        var page = TestFixtures.as(w.org().manager(), () -> codings.codePage(w.roundId(), code.id()));

        assertThat(page.segments()).hasSize(3);
        assertThat(page.children()).isEqualTo(2);
        mvc.perform(get("/rounds/{id}/codes/{c}", w.roundId(), code.id()).with(user(w.org().manager()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2 barn")))
                .andExpect(content().string(containsString("”" + CodingWorld.WORDS_B.substring(0, 12) + "”")));
    }

    @Test
    void twoPeopleCodingTheSameSpanKeepOneSegmentAndLoseNothing() {
        var w = world.create();
        var text = childWords(w, w.interviewA());
        var first = sub(w, "Byte av socialsekreterare").id();
        var second = sub(w, "Vem som är med").id();

        TestFixtures.run(w.interviewer(), () -> codings.code(w.roundId(), new Codings.SegmentRequest(text.key(), 0, 10, List.of(first), null)));
        TestFixtures.run(w.otherInterviewer(), () -> codings.code(w.roundId(),
                new Codings.SegmentRequest(text.key(), 0, 10, List.of(first, second), null)));

        var segments = TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).texts().stream()
                .filter(t -> t.key().equals(text.key())).findFirst().orElseThrow().segments();
        assertThat(segments).extracting(Segment::codeId, Segment::codedBy).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(first, w.interviewer()),
                org.assertj.core.groups.Tuple.tuple(second, w.otherInterviewer()));
    }

    @Test
    void aRenameBasedOnAnOlderVersionIsRefusedAndTheOtherNameStays() throws Exception {
        var w = world.create();
        var seen = sub(w, "Tid och plats för möten");
        TestFixtures.run(w.interviewer(), () -> codebooks.rename(w.roundId(), seen.id(), seen.version(), "Var och när vi ses"));

        assertThatThrownBy(() -> TestFixtures.as(w.otherInterviewer(),
                () -> codebooks.rename(w.roundId(), seen.id(), seen.version(), "Mötesplatser")))
                .isInstanceOf(InvalidInputException.class).extracting("messageKey").isEqualTo("analysis.code.conflict");
        assertThatThrownBy(() -> TestFixtures.as(w.otherInterviewer(),
                () -> codebooks.merge(w.roundId(), seen.id(), seen.version(), top(w, "Kontakt").id())))
                .isInstanceOf(InvalidInputException.class).extracting("messageKey").isEqualTo("analysis.code.conflict");
        assertThat(TestFixtures.as(w.interviewer(), () -> codebooks.code(w.roundId(), seen.id())).name()).isEqualTo("Var och när vi ses");

        // The page tells it next to the code and keeps what was typed.
        mvc.perform(post("/rounds/{id}/codebook/codes/{c}/rename", w.roundId(), seen.id())
                        .param("name", "Mötesplatser").param("version", String.valueOf(seen.version()))
                        .with(user(w.otherInterviewer()).roles("STAFF")).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Någon annan har ändrat koden medan du arbetade")))
                .andExpect(content().string(containsString("value=\"Mötesplatser\"")))
                .andExpect(content().string(containsString("aria-describedby=\"code-" + seen.id() + "-error\"")));
    }

    @Test
    void pagesAndApiAre404ForAnotherUnitAndReadsAreAudited() throws Exception {
        var w = world.create();
        var stranger = fixtures.organisation().processLead();
        var code = top(w, "Kontakt");
        var text = childWords(w, w.interviewA());

        for (var path : List.of("/rounds/{id}/coding", "/rounds/{id}/codebook", "/api/v1/rounds/{id}/codebook")) {
            mvc.perform(get(path, w.roundId()).with(user(stranger).roles("STAFF"))).andExpect(status().isNotFound());
        }
        mvc.perform(get("/rounds/{id}/codes/{c}", w.roundId(), code.id()).with(user(stranger).roles("STAFF")))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/v1/rounds/{id}/segments", w.roundId()).with(user(stranger).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"" + text.key() + "\",\"start\":0,\"end\":5,\"codeIds\":[" + code.id() + "]}"))
                .andExpect(status().isNotFound());
        assertThatThrownBy(() -> TestFixtures.as(stranger, () -> codings.page(w.roundId()))).isInstanceOf(NotFoundException.class);
        // A code id of another round, asked for under one's own round, is a 404 too.
        var own = world.create(fixtures.organisation());
        assertThatThrownBy(() -> TestFixtures.as(own.org().processLead(), () -> codings.codePage(own.roundId(), code.id())))
                .isInstanceOf(NotFoundException.class);

        mvc.perform(get("/rounds/{id}/coding", w.roundId()).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk());
        var audited = jdbc.sql("select count(*) from audit_event where actor = ? and record_type = 'coding' and action = 'READ'")
                .param(w.interviewer()).query(Integer.class).single();
        assertThat(audited).isPositive();
    }

    @Test
    void theApiCodesASpanAndThePageShowsIt() throws Exception {
        var w = world.create();
        var code = sub(w, "Byte av socialsekreterare");
        var text = childWords(w, w.interviewB());

        mvc.perform(post("/api/v1/rounds/{id}/segments", w.roundId()).with(user(w.otherInterviewer()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"" + text.key() + "\",\"start\":0,\"end\":12,\"codeIds\":[" + code.id() + "]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$[0].excerpt").value(CodingWorld.WORDS_B.substring(0, 12)))
                .andExpect(jsonPath("$[0].codeName").value("Byte av socialsekreterare"));
        mvc.perform(post("/api/v1/rounds/{id}/segments", w.roundId()).with(user(w.otherInterviewer()).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"source\":\"" + text.key() + "\",\"start\":3,\"end\":2,\"codeIds\":[" + code.id() + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("end"));

        mvc.perform(get("/rounds/{id}/coding", w.roundId()).with(user(w.org().processLead()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(CodingWorld.WORDS_A)))
                .andExpect(content().string(containsString("”" + CodingWorld.WORDS_B.substring(0, 12) + "”")))
                .andExpect(content().string(not(containsString("Barn0"))));
    }

    @Test
    void theFormWithoutScriptTakesThePassagesWordsAndTellsWhatIsWrongNextToTheField() throws Exception {
        var w = world.create();
        var text = childWords(w, w.interviewA());
        var kontakt = String.valueOf(top(w, "Kontakt").id());

        // Words that are not in the text: told at the passage field, what was typed kept.
        mvc.perform(post("/rounds/{id}/coding", w.roundId()).with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .param("source", text.key()).param("passage", "fyra olika").param("codeIds", kontakt))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"coding-passage-error\"")))
                .andExpect(content().string(containsString("Orden finns inte i den valda texten")))
                .andExpect(content().string(containsString("aria-invalid=\"true\"")))
                .andExpect(content().string(containsString(">fyra olika</textarea>")));
        // Words that occur twice: asked for a few more.
        mvc.perform(post("/rounds/{id}/coding", w.roundId()).with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .param("source", text.key()).param("passage", "re").param("codeIds", kontakt))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Orden står på mer än ett ställe i texten")));
        // No words at all.
        mvc.perform(post("/rounds/{id}/coding", w.roundId()).with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .param("source", text.key()).param("passage", " ").param("codeIds", kontakt))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Markera ett stycke i texten, eller skriv av orden")));
        // Words that occur once are coded where they stand.
        mvc.perform(post("/rounds/{id}/coding", w.roundId()).with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .param("source", text.key()).param("passage", "Varje gång").param("codeIds", kontakt))
                .andExpect(status().is3xxRedirection());
        // The script sends where the selection was too; the place wins when it holds the same words.
        mvc.perform(post("/rounds/{id}/coding", w.roundId()).with(user(w.interviewer()).roles("STAFF")).with(csrf())
                        .param("source", text.key()).param("passage", CodingWorld.WORDS_A.substring(0, 10))
                        .param("start", "0").param("end", "10").param("codeIds", kontakt))
                .andExpect(status().is3xxRedirection());
        assertThat(TestFixtures.as(w.interviewer(), () -> codings.codePage(w.roundId(), top(w, "Kontakt").id())).segments())
                .extracting(Segment::excerpt).containsExactly(CodingWorld.WORDS_A.substring(0, 10), "Varje gång");
        // The page shows no character positions, only the words.
        mvc.perform(get("/rounds/{id}/coding", w.roundId()).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("från 0"))))
                .andExpect(content().string(not(containsString("Från tecken"))))
                .andExpect(content().string(containsString("<mark title=\"Kontakt\"><span class=\"visually-hidden\" data-aside=\"true\">Kodat med Kontakt: </span>Varje gång</mark>")))
                .andExpect(content().string(containsString("1 av 3 texter kodade")));
    }

    private CodableText childWords(CodingWorld.World w, long interviewId) {
        return TestFixtures.as(w.interviewer(), () -> codings.page(w.roundId())).texts().stream()
                .map(CodingPage.Text::source)
                .filter(t -> t.interviewId() == interviewId && t.kind() == CodableText.Kind.CHILD_WORDS && t.questionId() != null)
                .findFirst().orElseThrow();
    }

    private Code top(CodingWorld.World w, String name) {
        return TestFixtures.as(w.org().processLead(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.top() && c.name().equals(name)).findFirst().orElseThrow();
    }

    private Code sub(CodingWorld.World w, String name) {
        return TestFixtures.as(w.org().processLead(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> !c.top() && c.name().equals(name)).findFirst().orElseThrow();
    }
}
