package se.delaktig.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;

@IntegrationTest
class ApiDocsIT {

    @Autowired MockMvc mvc;

    @Test
    void theApiIsDescribedByOpenApiWithTokenAuthentication() throws Exception {
        mvc.perform(get("/v3/api-docs").with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.user("nobody").roles("STAFF")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("Delaktig API"))
                .andExpect(jsonPath("$.components.securitySchemes.token.scheme").value("bearer"))
                .andExpect(content().string(containsString("/api/v1/rounds/{id}/participants")))
                .andExpect(content().string(containsString("/api/v1/interviews/{id}")));
    }

    @Test
    void anUnknownApiPathIsAProblemDetailInSwedish() throws Exception {
        mvc.perform(get("/api/v1/finns-inte").with(org.springframework.security.test.web.servlet.request
                        .SecurityMockMvcRequestPostProcessors.user("nobody").roles("STAFF")))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.title").value("Sidan finns inte"));
    }
}
