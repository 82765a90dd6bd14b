package se.delaktig.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
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

/** JSON the API cannot read is answered with a problem detail that names the field when there is one. */
@IntegrationTest
class ProblemDetailsIT {

    @Autowired MockMvc mvc;
    @Autowired TestFixtures fixtures;

    @Test
    void aValueOfTheWrongKindNamesItsFieldInSwedishAndEnglish() throws Exception {
        var lead = fixtures.organisation().processLead();
        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals", 1).with(user(lead).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"Mer tid\",\"quoteIds\":[\"första\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("quoteIds"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Fältet quoteIds har ett värde av fel slag")));
        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals", 1).with(user(lead).roles("STAFF")).with(csrf())
                        .param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":\"More time\",\"quoteIds\":[\"first\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("quoteIds"))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("The field quoteIds has a value of the wrong kind")));
    }

    @Test
    void brokenJsonSaysSoWithoutAField() throws Exception {
        var lead = fixtures.organisation().processLead();
        mvc.perform(post("/api/v1/rounds/{id}/seminar/proposals", 1).with(user(lead).roles("STAFF")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"text\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("Begäran kunde inte läsas")))
                .andExpect(jsonPath("$.errors").doesNotExist());
    }
}
