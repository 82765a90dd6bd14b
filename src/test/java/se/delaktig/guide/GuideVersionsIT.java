package se.delaktig.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.guide.GuideEditor.QuestionDraft;
import se.delaktig.guide.GuideEditor.WordingInput;
import se.delaktig.web.InvalidInputException;
import se.delaktig.web.NotFoundException;

/** Guide versions: drafts change in place, locked versions never change, and what changed is visible. */
@IntegrationTest
class GuideVersionsIT {

    @Autowired
    Guides guides;
    @Autowired
    GuideEditor editor;
    @Autowired
    TestFixtures fixtures;
    @Autowired
    MockMvc mvc;
    @Autowired
    se.delaktig.organization.Organization organization;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    @Test
    void aLockThatRollsBackLeavesTheDraftEditableAndItsEditsVisible() {
        var org = fixtures.organisation();
        var draftId = fixtures.smallGuide();
        var question = guides.find(draftId).orElseThrow().question("kontakt.bytt").orElseThrow();

        // A round's creation locks the guide, reads it, and then fails: the lock must not outlive it anywhere.
        transactions.executeWithoutResult(tx -> {
            guides.lock(draftId);
            assertThat(guides.find(draftId).orElseThrow().locked()).isTrue();
            tx.setRollbackOnly();
        });

        var inPlace = TestFixtures.as(org.processLead(), () -> editor.updateQuestion(draftId, question.id(),
                new QuestionDraft("Har någon förklarat varför du fick byta?", "YES_NO_DONT_KNOW", "", "", null), null));
        assertThat(inPlace.newVersion()).isFalse();
        var read = guides.find(draftId).orElseThrow();
        assertThat(read.locked()).isFalse();
        assertThat(read.question(question.id()).orElseThrow().text()).isEqualTo("Har någon förklarat varför du fick byta?");

        // Once the lock is committed, every later read gives the same version, however often it is read.
        guides.lock(draftId);
        var locked = guides.find(draftId).orElseThrow();
        assertThat(locked.locked()).isTrue();
        assertThat(guides.find(draftId).orElseThrow()).isEqualTo(locked);
        assertThat(locked.question(question.id()).orElseThrow().text()).isEqualTo("Har någon förklarat varför du fick byta?");
    }

    @Test
    void aDraftIsEditedInPlaceButALockedVersionBecomesANewVersion() {
        var org = fixtures.organisation();
        var draftId = fixtures.smallGuide();
        var draft = guides.find(draftId).orElseThrow();
        assertThat(draft.locked()).isFalse();
        var question = draft.question("kontakt.bytt").orElseThrow();

        var inPlace = TestFixtures.as(org.processLead(), () -> editor.updateQuestion(draftId, question.id(),
                new QuestionDraft("Har du fått byta socialsekreterare?", "YES_NO_DONT_KNOW", "", "Fråga efter ett exempel.", null), null));
        assertThat(inPlace.newVersion()).isFalse();
        assertThat(inPlace.guideId()).isEqualTo(draftId);
        assertThat(guides.find(draftId).orElseThrow().question(question.id()).orElseThrow().text())
                .isEqualTo("Har du fått byta socialsekreterare?");

        TestFixtures.run(org.processLead(), () -> editor.saveWordings(draftId, question.id(),
                List.of(new WordingInput("en", null, "Have you had to change social worker?"))));
        // A round starts using the version: from now on it never changes.
        guides.lock(draftId);
        var before = guides.find(draftId).orElseThrow();

        var edited = TestFixtures.as(org.processLead(), () -> editor.updateQuestion(draftId, question.id(),
                new QuestionDraft("Har du bytt socialsekreterare under året?", "YES_NO_DONT_KNOW", "", "Fråga efter ett exempel.", null), null));

        assertThat(edited.newVersion()).isTrue();
        assertThat(edited.guideId()).isNotEqualTo(draftId);
        assertThat(edited.version()).isEqualTo(2);
        var locked = guides.find(draftId).orElseThrow();
        assertThat(locked).isEqualTo(before);
        var copy = guides.find(edited.guideId()).orElseThrow();
        assertThat(copy.name()).isEqualTo(before.name());
        assertThat(copy.locked()).isFalse();
        assertThat(copy.questions().map(Question::key)).containsExactlyElementsOf(before.questions().map(Question::key).toList());
        assertThat(copy.question(edited.questionId()).orElseThrow().text()).isEqualTo("Har du bytt socialsekreterare under året?");
        assertThat(copy.question("kontakt.bytt").orElseThrow().textFor(10, "en")).isEqualTo("Have you had to change social worker?");
        assertThat(copy.question("kontakt.hur_ofta").orElseThrow().options()).containsExactly("Varje vecka", "Varje månad", "Mer sällan");

        // The next change goes into the draft copy, not into yet another version.
        var again = TestFixtures.as(org.processLead(), () -> editor.addArea(edited.guideId(), "Skolan", null));
        assertThat(again.guideId()).isEqualTo(edited.guideId());
        assertThat(again.newVersion()).isFalse();
        assertThat(guides.versions(before.name())).extracting(Guides.Summary::version).containsExactly(2, 1);
        assertThat(guides.latestVersionOf(draftId).orElseThrow().id()).isEqualTo(edited.guideId());
    }

    @Test
    void rejectedInputOnALockedVersionCreatesNoNewVersion() {
        var org = fixtures.organisation();
        var id = fixtures.smallGuide();
        guides.lock(id);
        var question = guides.find(id).orElseThrow().question("kontakt.hur_ofta").orElseThrow();
        assertThatThrownBy(() -> TestFixtures.run(org.processLead(), () -> editor.updateQuestion(id, question.id(),
                new QuestionDraft("Hur ofta?", "SINGLE_CHOICE", "Bara ett", null, null), null)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo("options");
        var name = guides.find(id).orElseThrow().name();
        assertThat(guides.versions(name)).hasSize(1);
    }

    @Test
    void keysAreGeneratedAndCannotChangeOnceUsed() {
        var org = fixtures.organisation();
        var id = fixtures.smallGuide();
        var area = guides.find(id).orElseThrow().areas().get(0);
        var added = TestFixtures.as(org.processLead(), () -> editor.addQuestion(id, area.id(),
                new QuestionDraft("Hur mår du när ni träffas?", "SMILEY", "", "Visa bilden med ansiktena.", "")));
        assertThat(guides.find(id).orElseThrow().question(added.questionId()).orElseThrow().key()).isEqualTo("kontakt.hur_mar_du_nar");

        // In a draft the key of a new question can still be changed.
        TestFixtures.run(org.processLead(), () -> editor.updateQuestion(id, added.questionId(),
                new QuestionDraft("Hur mår du när ni träffas?", "SMILEY", "", null, "kontakt.mabra"), null));
        assertThat(guides.find(id).orElseThrow().question(added.questionId()).orElseThrow().key()).isEqualTo("kontakt.mabra");

        guides.lock(id);
        assertThatThrownBy(() -> TestFixtures.run(org.processLead(), () -> editor.updateQuestion(id, added.questionId(),
                new QuestionDraft("Hur mår du när ni träffas?", "SMILEY", "", null, "kontakt.annat"), null)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("guide.question.key.locked");
        // The copy made from the locked version shares its keys, so there the key is fixed too.
        var copy = TestFixtures.as(org.processLead(), () -> editor.addArea(id, "Skolan", null));
        var copied = guides.find(copy.guideId()).orElseThrow().question("kontakt.mabra").orElseThrow();
        assertThat(editor.keyEditable(copy.guideId(), copied.id())).isFalse();
    }

    @Test
    void areasAndQuestionsCanBeReorderedAndMoved() {
        var org = fixtures.organisation();
        var id = fixtures.smallGuide();
        var school = TestFixtures.as(org.processLead(), () -> editor.addArea(id, "Skolan och fritiden", "Om skolan."));
        var guide = guides.find(id).orElseThrow();
        assertThat(guide.areas()).extracting(Area::code).containsExactly("kontakt", "skolan_och_fritiden");

        TestFixtures.run(org.processLead(), () -> editor.moveArea(id, school.areaId(), true));
        assertThat(guides.find(id).orElseThrow().areas()).extracting(Area::title).containsExactly("Skolan och fritiden", "Kontakt");

        var number = guide.question("kontakt.antal").orElseThrow();
        TestFixtures.run(org.processLead(), () -> editor.moveQuestion(id, number.id(), true));
        assertThat(guides.find(id).orElseThrow().area(guide.areas().get(0).id()).orElseThrow().questions())
                .extracting(Question::key).containsExactly("kontakt.bytt", "kontakt.antal", "kontakt.hur_ofta", "kontakt.onskan");

        TestFixtures.run(org.processLead(), () -> editor.updateQuestion(id, number.id(),
                new QuestionDraft(number.text(), "NUMBER", "", null, null), school.areaId()));
        var moved = guides.find(id).orElseThrow();
        assertThat(moved.areaOf(number.id()).orElseThrow().title()).isEqualTo("Skolan och fritiden");
        assertThat(moved.question(number.id()).orElseThrow().key()).isEqualTo("kontakt.antal");

        TestFixtures.run(org.processLead(), () -> editor.deleteQuestion(id, number.id()));
        assertThat(guides.find(id).orElseThrow().question("kontakt.antal")).isEmpty();
    }

    @Test
    void comparePageShowsAddedRemovedAndChangedQuestionsByKey() throws Exception {
        var org = fixtures.organisation();
        var v1 = fixtures.smallGuide();
        guides.lock(v1);
        var original = guides.find(v1).orElseThrow();
        var often = original.question("kontakt.hur_ofta").orElseThrow();
        var v2 = TestFixtures.as(org.processLead(), () -> editor.updateQuestion(v1, often.id(),
                new QuestionDraft(often.text(), "MULTIPLE_CHOICE", "Varje vecka\nVarje månad\nMer sällan\nAldrig", null, null), null)).guideId();
        var wish = guides.find(v2).orElseThrow().question("kontakt.onskan").orElseThrow();
        TestFixtures.run(org.processLead(), () -> editor.deleteQuestion(v2, wish.id()));
        var area = guides.find(v2).orElseThrow().areas().get(0);
        TestFixtures.run(org.processLead(), () -> editor.addQuestion(v2, area.id(),
                new QuestionDraft("Hur känns det efter era möten?", "SMILEY", "", null, "kontakt.efter_moten")));

        var comparison = guides.compare(v1, v2);
        assertThat(comparison.changes()).extracting(GuideComparison.Change::key, GuideComparison.Change::kind)
                .containsExactly(
                        tuple("kontakt.hur_ofta", GuideComparison.Kind.CHANGED),
                        tuple("kontakt.efter_moten", GuideComparison.Kind.ADDED),
                        tuple("kontakt.onskan", GuideComparison.Kind.REMOVED));
        assertThat(comparison.changes().get(0).fields())
                .containsExactlyInAnyOrder(GuideComparison.Field.TYPE, GuideComparison.Field.OPTIONS);

        mvc.perform(get("/guides/{a}/compare/{b}", v1, v2).with(user(org.interviewers().get(0)).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Vad som ändrats från version 1 till version 2")))
                .andExpect(content().string(containsString("Tillagda frågor: 1. Borttagna: 1. Ändrade: 1.")))
                .andExpect(content().string(containsString("Hur känns det efter era möten?")))
                .andExpect(content().string(containsString("kontakt.onskan")))
                .andExpect(content().string(containsString("Flera svarsalternativ")))
                .andExpect(content().string(containsString("Varje vecka · Varje månad · Mer sällan · Aldrig")));
        mvc.perform(get("/guides/{a}/compare", v1).param("with", String.valueOf(v2)).with(user(org.processLead()).roles("STAFF")))
                .andExpect(redirectedUrl("/guides/" + v1 + "/compare/" + v2));
        mvc.perform(get("/guides/{a}/compare/{b}", v1, 987654321L).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
    }

    @Test
    void guidePdfIsAnAppendixWithEveryArea() throws Exception {
        var org = fixtures.organisation();
        var id = guides.latest().orElseThrow().id();
        var response = mvc.perform(get("/guides/{id}.pdf", id).with(user(org.interviewers().get(0)).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andReturn().getResponse();
        assertThat(response.getHeader("Content-Disposition")).contains("intervjuguide-version-");
        try (var pdf = Loader.loadPDF(response.getContentAsByteArray())) {
            var text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Bilaga: intervjuguide", "Kontakt", "Kunskap", "Delaktighet", "Att bli intervjuad",
                    "Har du fått byta socialsekreterare någon gång?");
            assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(pdf.getDocumentInformation().getTitle()).startsWith("Barns röster om socialtjänsten, version ");
        }
        mvc.perform(get("/guides/{id}.pdf", 987654321L).with(user(org.processLead()).roles("STAFF")))
                .andExpect(status().isNotFound());
    }

    @Test
    void onlyAdministratorsAndProcessLeadsMayEdit() throws Exception {
        var org = fixtures.organisation();
        var id = fixtures.smallGuide();
        var question = guides.find(id).orElseThrow().questions().findFirst().orElseThrow();
        for (var outsider : List.of(org.interviewers().get(0), org.manager())) {
            mvc.perform(get("/guides/{id}/edit", id).with(user(outsider).roles("STAFF"))).andExpect(status().isNotFound());
            mvc.perform(get("/guides/{id}/questions/{q}/wording", id, question.id()).with(user(outsider).roles("STAFF")))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/guides/{id}/areas", id).param("title", "Intrång").with(user(outsider).roles("STAFF")).with(csrf()))
                    .andExpect(status().isNotFound());
            mvc.perform(post("/guides/{id}/questions/{q}/delete", id, question.id()).with(user(outsider).roles("STAFF")).with(csrf()))
                    .andExpect(status().isNotFound());
            mvc.perform(get("/guides/{id}", id).with(user(outsider).roles("STAFF")))
                    .andExpect(status().isOk())
                    .andExpect(content().string(not(containsString("/guides/" + id + "/edit"))));
            assertThatThrownBy(() -> TestFixtures.run(outsider, () -> editor.addArea(id, "Intrång", null)))
                    .isInstanceOf(NotFoundException.class);
        }
        assertThat(guides.find(id).orElseThrow().areas()).hasSize(1);

        var admin = "admin-" + org.suffix();
        organization.createStaff(admin, "Ada Administratör", null, null, TestFixtures.PASSWORD, true);
        mvc.perform(get("/guides/{id}/edit", id).with(user(admin).roles("STAFF"))).andExpect(status().isOk());
        mvc.perform(get("/guides/{id}/edit", id).with(user(org.processLead()).roles("STAFF"))).andExpect(status().isOk());
        mvc.perform(get("/guides/{id}", id).with(user(org.processLead()).roles("STAFF")))
                .andExpect(content().string(containsString("/guides/" + id + "/edit")));
    }

    @Test
    void editorFormsKeepWhatWasTypedAndShowErrorsNextToTheField() throws Exception {
        var org = fixtures.organisation();
        var id = fixtures.smallGuide();
        var area = guides.find(id).orElseThrow().areas().get(0);
        var lead = user(org.processLead()).roles("STAFF");

        mvc.perform(post("/guides/{id}/areas/{a}/questions", id, area.id()).with(lead).with(csrf())
                        .param("text", "Vilka vuxna litar du på?").param("type", "MULTIPLE_CHOICE")
                        .param("options", "Mamma").param("interviewerPrompt", "Räkna upp flera om barnet vill.").param("key", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"options-error\"")))
                .andExpect(content().string(containsString("Skriv minst två svarsalternativ")))
                .andExpect(content().string(containsString("aria-describedby=\"options-error options-hint\"")))
                .andExpect(content().string(containsString("Vilka vuxna litar du på?")))
                .andExpect(content().string(containsString("Räkna upp flera om barnet vill.")))
                .andExpect(content().string(containsString("<option value=\"MULTIPLE_CHOICE\" selected=\"selected\"")));

        mvc.perform(post("/guides/{id}/areas/{a}/questions", id, area.id()).with(lead).with(csrf())
                        .param("text", "Vilka vuxna litar du på?").param("type", "FREE_TEXT").param("key", "Kontakt Vuxna"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"key-error\"")))
                .andExpect(content().string(containsString("value=\"Kontakt Vuxna\"")));

        mvc.perform(post("/guides/{id}/areas/{a}/questions", id, area.id()).with(lead).with(csrf())
                        .param("text", "Mitt personnummer är 19121212-1212").param("type", "FREE_TEXT"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"text-error\"")));

        mvc.perform(post("/guides/{id}/areas/{a}", id, area.id()).with(lead).with(csrf()).param("title", " ").param("intro", "Ny inledning"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"area-" + area.id() + "-title-error\"")))
                .andExpect(content().string(containsString("Ny inledning")));

        mvc.perform(post("/guides/{id}/areas/{a}/questions", id, area.id()).with(lead).with(csrf())
                        .param("text", "Vilka vuxna litar du på?").param("type", "MULTIPLE_CHOICE").param("options", "Mamma\nPappa\nEn lärare"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("/guides/" + id + "/edit#question-*"));
        assertThat(guides.find(id).orElseThrow().question("kontakt.vilka_vuxna_litar_du").orElseThrow().options())
                .containsExactly("Mamma", "Pappa", "En lärare");
    }

    @Test
    void editingALockedGuideThroughThePagesLeadsToTheNewVersion() throws Exception {
        var org = fixtures.organisation();
        var id = fixtures.smallGuide();
        guides.lock(id);
        var lead = user(org.processLead()).roles("STAFF");
        mvc.perform(get("/guides/{id}/edit", id).with(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Den första ändring du sparar skapar version 2")));
        var area = guides.find(id).orElseThrow().areas().get(0);
        var location = mvc.perform(post("/guides/{id}/areas/{a}", id, area.id()).with(lead).with(csrf())
                        .param("title", "Kontakten med socialtjänsten").param("intro", ""))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        var newId = guides.latestVersionOf(id).orElseThrow().id();
        assertThat(location).isEqualTo("/guides/" + newId + "/edit#area-" + guides.find(newId).orElseThrow().areas().get(0).id());
        assertThat(guides.find(id).orElseThrow().areas().get(0).title()).isEqualTo("Kontakt");
        assertThat(guides.find(newId).orElseThrow().areas().get(0).title()).isEqualTo("Kontakten med socialtjänsten");
    }
}
