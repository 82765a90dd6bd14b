package se.delaktig.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.analysis.InterviewedRound;

/**
 * Every PDF Delaktig hands out claims PDF/A-2u; veraPDF checks that the claim holds, so that the
 * committee's archive (e-arkiv) accepts the documents as they are.
 */
@IntegrationTest
class PdfConformanceIT {

    @Autowired InterviewedRound interviewedRound;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    @Test
    void theMemoTheGuideTheLettersAndTheDiplomaConformToPdfA2u() throws Exception {
        var round = interviewedRound.create();
        var lead = round.org().processLead();
        var guideId = jdbc.sql("select guide_id from round where id = ?").param(round.roundId()).query(Long.class).single();
        var interview = jdbc.sql("""
                        select i.id, i.participant_id, s.username from interview i join staff s on s.id = i.interviewer_id
                        where i.round_id = ? and i.status = 'COMPLETE' order by i.id limit 1""")
                .param(round.roundId())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3)}).single();

        assertConforms("/rounds/" + round.roundId() + "/memo.pdf", lead);
        assertConforms("/guides/" + guideId + ".pdf", lead);
        assertConforms("/participants/" + interview[1] + "/letters/child.pdf", lead);
        assertConforms("/participants/" + interview[1] + "/letters/guardians.pdf", lead);
        assertConforms("/interviews/" + interview[0] + "/diploma.pdf", (String) interview[2]);
    }

    private void assertConforms(String path, String username) throws Exception {
        var pdf = mvc.perform(get(path).with(user(username).roles("STAFF")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(PdfA.failures2u(pdf)).as("PDF/A-2u rules broken by " + path).isEmpty();
    }
}
