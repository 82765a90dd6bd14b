package se.delaktig.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.web.InvalidInputException;

/** A code carries a description of when to use it: written on the codebook page, shown wherever the code is picked. */
@IntegrationTest
class CodeDescriptionIT {

    private static final String MEANING = "Barnet berättar om att byta socialsekreterare, och hur det var.";

    @Autowired
    CodingWorld world;
    @Autowired
    Codebooks codebooks;
    @Autowired
    MockMvc mvc;

    @Test
    void theCodebookFormDescribesACodeAndTheCodebookCodingAndCodePagesShowIt() throws Exception {
        var w = world.create();
        var code = code(w, "Byte av socialsekreterare");
        var lead = user(w.org().processLead()).roles("STAFF");

        mvc.perform(post("/rounds/{id}/codebook/codes/{c}/rename", w.roundId(), code.id()).with(lead).with(csrf())
                        .param("name", code.name()).param("description", "  " + MEANING + " ")
                        .param("version", String.valueOf(code.version())))
                .andExpect(status().is3xxRedirection());
        var described = code(w, "Byte av socialsekreterare");
        assertThat(described.description()).isEqualTo(MEANING);
        assertThat(described.name()).isEqualTo(code.name());

        mvc.perform(get("/rounds/{id}/codebook", w.roundId()).with(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<p class=\"codebook__description\">" + MEANING + "</p>")))
                .andExpect(content().string(containsString("Skrev om beskrivningen av ”Byte av socialsekreterare”")))
                // Unchanged name: no rename in the history.
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Bytte namn på ”Byte av socialsekreterare”"))));
        mvc.perform(get("/rounds/{id}/coding", w.roundId()).with(user(w.interviewer()).roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"pick-" + code.id() + "-description\">" + MEANING + "</p>")))
                .andExpect(content().string(containsString("aria-describedby=\"pick-" + code.id() + "-description\"")));
        mvc.perform(get("/rounds/{id}/codes/{c}", w.roundId(), code.id()).with(lead))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(MEANING)));
    }

    @Test
    void anIdentityNumberOrTooLongADescriptionIsRefusedAtTheFieldAndWhatWasTypedIsKept() throws Exception {
        var w = world.create();
        var code = code(w, "Vem som är med");
        var lead = user(w.org().processLead()).roles("STAFF");

        mvc.perform(post("/rounds/{id}/codebook/codes/{c}/rename", w.roundId(), code.id()).with(lead).with(csrf())
                        .param("name", code.name()).param("description", "Som för 20121212-1212")
                        .param("version", String.valueOf(code.version())))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"describe-" + code.id() + "-error\"")))
                .andExpect(content().string(containsString(">Som för 20121212-1212</textarea>")));
        mvc.perform(post("/rounds/{id}/codebook/codes", w.roundId()).with(lead).with(csrf())
                        .param("name", "Väntan").param("description", "x".repeat(Codebooks.MAX_DESCRIPTION + 1)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(">Beskrivningen får vara högst 1\u00a0000 tecken. Korta den och spara igen.<")))
                .andExpect(content().string(containsString("id=\"new-description-error\"")))
                .andExpect(content().string(containsString("value=\"Väntan\"")));
        assertThat(code(w, "Vem som är med").description()).isNull();
        assertThat(TestFixtures.as(w.interviewer(), () -> codebooks.codes(w.roundId()))).noneMatch(c -> c.name().equals("Väntan"));
        // A stale version is a conflict, not an overwrite.
        TestFixtures.run(w.interviewer(), () -> codebooks.describe(w.roundId(), code.id(), code.version(), "Vilka som är med."));
        assertThatThrownBy(() -> TestFixtures.run(w.otherInterviewer(),
                () -> codebooks.describe(w.roundId(), code.id(), code.version(), "Något annat.")))
                .isInstanceOf(InvalidInputException.class).extracting("messageKey").isEqualTo("analysis.code.conflict");
    }

    @Test
    void theApiReadsAndWritesDescriptionsAndACopiedCodebookKeepsThem() throws Exception {
        var w = world.create();
        var lead = user(w.org().processLead()).roles("STAFF");
        var kontakt = code(w, "Kontakt");

        mvc.perform(post("/api/v1/rounds/{id}/codes", w.roundId()).with(lead).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Väntan\",\"parentId\":" + kontakt.id() + ",\"description\":\"Att vänta på besked.\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.description").value("Att vänta på besked."));
        var waiting = code(w, "Väntan");
        mvc.perform(patch("/api/v1/rounds/{id}/codes/{c}", w.roundId(), waiting.id()).with(lead).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"version\":" + waiting.version() + ",\"description\":\"Att vänta på beslut eller möten.\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Väntan"))
                .andExpect(jsonPath("$.description").value("Att vänta på beslut eller möten."));
        mvc.perform(get("/api/v1/rounds/{id}/codebook", w.roundId()).with(lead))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.codes[?(@.name == 'Väntan')].description").value(hasItem("Att vänta på beslut eller möten.")));

        var next = world.emptyRound(w.org(), "Nästa år " + w.org().suffix());
        TestFixtures.run(w.org().processLead(), () -> codebooks.copyFrom(next, w.roundId()));
        assertThat(TestFixtures.as(w.org().processLead(), () -> codebooks.codes(next))).filteredOn(c -> c.name().equals("Väntan"))
                .extracting(Code::description).containsExactly("Att vänta på beslut eller möten.");
    }

    private Code code(CodingWorld.World w, String name) {
        return TestFixtures.as(w.org().processLead(), () -> codebooks.codes(w.roundId())).stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
