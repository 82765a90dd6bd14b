package se.delaktig.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;
import se.delaktig.analysis.CodingWorld;
import se.delaktig.analysis.Codings;
import se.delaktig.analysis.Quotes;
import se.delaktig.round.Bookings;
import se.delaktig.round.Conflicts;
import se.delaktig.round.RoundService;
import se.delaktig.round.Stage;
import se.delaktig.round.TextRetention;
import se.delaktig.seminar.Seminars;

/**
 * The proof that crypto-shredding works: the raw rows stay in the database, but once a round is
 * closed its key list can never be decrypted again, and once the retention period has passed none of
 * its free text can – not even by a freshly started {@link RoundKeys} with the right master key –
 * while the counts, the approved quotes and the memo still render.
 */
@IntegrationTest
class ShreddingIT {

    private static final String SEMINAR_NOTES = "Teamet pratade länge om att barnen byter socialsekreterare för ofta.";
    private static final String QUOTE = "Varje gång måste jag berätta allt igen.";
    private static final String PLACE = "Hemma hos familjen, Storgatan 5";

    @Autowired CodingWorld worlds;
    @Autowired Codings codings;
    @Autowired Seminars seminars;
    @Autowired Quotes quotes;
    @Autowired RoundKeys keys;
    @Autowired Bookings bookings;
    @Autowired Conflicts conflicts;
    @Autowired RoundService rounds;
    @Autowired TextRetention retention;
    @Autowired JdbcClient jdbc;
    @Autowired RoundKeyStore store;
    @Autowired MockMvc mvc;

    /** Nothing cached: a node that starts after the shredding, with the right master key. */
    private RoundKeys fresh() {
        return new RoundKeys(store);
    }

    @Test
    void closingDestroysTheKeyListAndRetentionShredsEveryFreeTextWhileCountsQuotesAndMemoRemain() throws Exception {
        var w = worlds.create();
        var lead = w.org().processLead();
        var roundId = w.roundId();
        var text = TestFixtures.as(w.interviewer(), () -> codings.page(roundId)).texts().stream()
                .filter(t -> t.source().interviewId() == w.interviewA() && t.source().questionId() != null)
                .findFirst().orElseThrow().source();
        var code = TestFixtures.as(w.interviewer(), () -> codings.page(roundId)).codes().stream()
                .filter(c -> c.name().equals("Byte av socialsekreterare")).findFirst().orElseThrow();
        TestFixtures.run(w.interviewer(), () -> codings.code(roundId, new Codings.SegmentRequest(text.key(), 0, 20, List.of(code.id()), null)));
        TestFixtures.run(lead, () -> {
            seminars.saveRecord(roundId, new Seminars.RecordInput(LocalDate.of(2026, 9, 1), Set.of(), SEMINAR_NOTES));
            bookings.book(w.childA(), new Bookings.BookingInput(LocalDate.of(2026, 4, 7), LocalTime.of(15, 30), PLACE));
            conflicts.markKnowsFamily(w.childB(), w.org().managerId(), "Grannar med mamman");
        });
        // An approved quote, as the quote workflow leaves it: the de-identified wording in plain text.
        jdbc.sql("""
                insert into quote (round_id, code_id, interview_id, participant_id, kind, question_id, start_offset, end_offset,
                                   approved_text, status, created_by, approved_by, approved_at)
                values (?, ?, ?, ?, 'CHILD_WORDS', ?, 0, 20, ?, 'APPROVED', ?, ?, now())""")
                .params(roundId, code.id(), w.interviewA(), w.childA(), w.questionId(), QUOTE, lead, lead).update();
        // And a candidate that was never approved: its draft is free text under the text key.
        var candidate = jdbc.sql("""
                insert into quote (round_id, code_id, interview_id, participant_id, kind, question_id, start_offset, end_offset,
                                   status, created_by)
                values (?, ?, ?, ?, 'CHILD_WORDS', ?, 20, 30, 'CANDIDATE', ?) returning id""")
                .params(roundId, code.id(), w.interviewA(), w.childA(), w.questionId(), lead).query(Long.class).single();
        jdbc.sql("update quote set draft = ? where id = ?")
                .params(keys.encrypt(roundId, "Ett utkast som aldrig godkändes", "quote:" + candidate), candidate).update();
        TestFixtures.run(lead, () -> {
            while (rounds.get(roundId).stage() != Stage.FEEDBACK) {
                rounds.advance(roundId);
            }
        });

        // The raw identity ciphertexts, as a copy of the database would hold them.
        var keyList = rawRows("""
                select k.participant_id, k.ciphertext from key_list_entry k join participant p on p.id = k.participant_id
                where p.round_id = ?""", roundId);
        var place = jdbc.sql("select place from booking where participant_id = ?").param(w.childA()).query(byte[].class).single();
        assertThat(keyList).hasSize(2);
        assertThat(fresh().decryptIdentity(roundId, keyList.get(0).ciphertext(), "key-list:" + keyList.get(0).id()))
                .startsWith("Barn");
        assertThat(fresh().decryptIdentity(roundId, place, "booking-place:" + w.childA())).isEqualTo(PLACE);

        // Closing, through the confirmation form.
        mvc.perform(post("/rounds/{id}/close", roundId).param("confirm", "true").with(csrf()).with(user(lead).roles("STAFF")))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/rounds/" + roundId));

        assertThat(store.exists(roundId, RoundKeys.Purpose.IDENTITY)).isFalse();
        assertThat(count("select count(*) from key_list_entry k join participant p on p.id = k.participant_id where p.round_id = ?", roundId)).isZero();
        assertThat(count("select count(*) from booking b join participant p on p.id = b.participant_id where p.round_id = ?", roundId)).isZero();
        assertThat(count("select count(*) from participant_known_by k join participant p on p.id = k.participant_id where p.round_id = ? and k.note is not null", roundId)).isZero();
        for (var row : keyList) {
            assertThatThrownBy(() -> fresh().decryptIdentity(roundId, row.ciphertext(), "key-list:" + row.id()))
                    .isInstanceOf(RoundKeys.KeyDestroyedException.class);
        }
        assertThatThrownBy(() -> fresh().decryptIdentity(roundId, place, "booking-place:" + w.childA()))
                .isInstanceOf(RoundKeys.KeyDestroyedException.class);
        assertThat(auditCount("CLOSE", roundId, lead)).isEqualTo(1);
        // Until the retention period has passed the free text is still there, read-only.
        var words = jdbc.sql("select child_words from answer where interview_id = ? and question_id = ?")
                .params(w.interviewA(), w.questionId()).query(byte[].class).single();
        assertThat(fresh().decrypt(roundId, words, "answer:" + w.interviewA() + ":" + w.questionId() + ":words"))
                .isEqualTo(CodingWorld.WORDS_A);
        mvc.perform(get("/rounds/{id}/coding", roundId).with(user(lead).roles("STAFF"))).andExpect(status().isOk());

        // The retention period passes: closed thirteen months ago under the default rule of twelve.
        jdbc.sql("update round_closure set closed_at = now() - interval '13 months' where round_id = ?").param(roundId).update();
        var raw = freeTextRows(w);
        assertThat(raw).hasSizeGreaterThanOrEqualTo(4);
        for (var row : raw) {
            assertThat(fresh().decrypt(roundId, row.ciphertext(), row.context())).as(row.context()).isNotBlank();
        }

        // Two nodes' jobs at the very same moment.
        var barrier = new CyclicBarrier(2);
        var pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> {
                barrier.await();
                return retention.shredDue(Instant.now());
            });
            var second = pool.submit(() -> {
                barrier.await();
                return retention.shredDue(Instant.now());
            });
            first.get(30, TimeUnit.SECONDS);
            second.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        // And the scheduled, locked run on top of it: still nothing shredded twice.
        retention.run();

        assertThat(store.exists(roundId, RoundKeys.Purpose.TEXT)).isFalse();
        assertThat(store.exists(roundId, RoundKeys.Purpose.IDENTITY)).isFalse();
        assertThat(count("select count(*) from round_closure where round_id = ? and text_shredded_at is not null", roundId)).isEqualTo(1);
        assertThat(auditCount("SHRED", roundId, TextRetention.ACTOR)).isEqualTo(1);
        assertThat(count("select count(*) from audit_event where action = 'SHRED' and record_id = ?", Long.toString(roundId)))
                .isEqualTo(1);
        // The rows are still in the database, and unreadable.
        assertThat(freeTextRows(w)).hasSameSizeAs(raw);
        for (var row : raw) {
            assertThatThrownBy(() -> fresh().decrypt(roundId, row.ciphertext(), row.context()))
                    .as(row.context()).isInstanceOf(RoundKeys.KeyDestroyedException.class);
        }

        // What remains renders.
        mvc.perform(get("/rounds/{id}/counts", roundId).with(user(lead).roles("STAFF"))).andExpect(status().isOk());
        assertThat(TestFixtures.as(lead, () -> quotes.approved(roundId))).extracting(q -> q.text()).containsExactly(QUOTE);
        var memo = mvc.perform(get("/rounds/{id}/memo.pdf", roundId).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var pdf = Loader.loadPDF(memo)) {
            var pdfText = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(pdfText).contains("Enheten tillfrågade två barn. Av dem samtyckte två och noll avböjde.");
            assertThat(pdfText).contains("Enheten har genomfört och avslutat två intervjuer");
        }
        // The quote page still lists the approved quote; the shredded candidate is simply gone.
        var quotePage = mvc.perform(get("/rounds/{id}/quotes", roundId).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(quotePage).contains(QUOTE).doesNotContain("Ett utkast som aldrig godkändes");
        var page = mvc.perform(get("/rounds/{id}", roundId).with(user(lead).roles("STAFF")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("kodnyckeln är förstörd; fritexten gallrades " + LocalDate.now(se.delaktig.audit.AuditLog.ZONE));

        // Pages that showed free text now say calmly what happened, instead of failing.
        var shredded = "Fritexten gallrades " + LocalDate.now(se.delaktig.audit.AuditLog.ZONE) + " enligt kommunens regel.";
        for (var path : List.of("/rounds/" + roundId + "/coding", "/interviews/" + w.interviewA(),
                "/rounds/" + roundId + "/seminar")) {
            var html = mvc.perform(get(path).with(user(lead).roles("STAFF")))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(html).as(path).contains(shredded).doesNotContain(CodingWorld.WORDS_A).doesNotContain(SEMINAR_NOTES);
        }
        mvc.perform(get("/api/v1/interviews/{id}", w.interviewA()).with(user(lead).roles("STAFF")))
                .andExpect(status().isGone());
        mvc.perform(get("/participants/{id}", w.childA()).with(user(lead).roles("STAFF"))).andExpect(status().isOk());
    }

    @Test
    void theScheduledJobShredsARoundWhoseRetentionHasPassed() {
        var w = worlds.create();
        var lead = w.org().processLead();
        TestFixtures.run(lead, () -> {
            while (rounds.get(w.roundId()).stage() != Stage.FEEDBACK) {
                rounds.advance(w.roundId());
            }
            rounds.close(w.roundId(), true);
        });
        jdbc.sql("update municipality set text_retention_months = 1 where id = ?").param(w.org().municipalityId()).update();
        jdbc.sql("update round_closure set closed_at = now() - interval '32 days' where round_id = ?").param(w.roundId()).update();

        // No call from the test: the cron (every two seconds in tests) runs it.
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> !store.exists(w.roundId(), RoundKeys.Purpose.TEXT));

        assertThat(auditCount("SHRED", w.roundId(), TextRetention.ACTOR)).isEqualTo(1);
        assertThat(TestFixtures.as(lead, () -> rounds.closure(w.roundId())).orElseThrow().textShredded()).isTrue();
    }

    private record Raw(long id, byte[] ciphertext, String context) {
    }

    private List<Raw> rawRows(String sql, long roundId) {
        return jdbc.sql(sql).param(roundId).query((rs, n) -> new Raw(rs.getLong(1), rs.getBytes(2), null)).list();
    }

    /** Every free-text ciphertext of the round, read straight from the tables, with the place it is bound to. */
    private List<Raw> freeTextRows(CodingWorld.World w) {
        var rows = new java.util.ArrayList<Raw>();
        rows.addAll(jdbc.sql("""
                        select a.interview_id, a.question_id, a.child_words from answer a join interview i on i.id = a.interview_id
                        where i.round_id = ? and a.child_words is not null""")
                .param(w.roundId())
                .query((rs, n) -> new Raw(rs.getLong(1), rs.getBytes(3), "answer:" + rs.getLong(1) + ":" + rs.getLong(2) + ":words"))
                .list());
        rows.addAll(jdbc.sql("select id, reflection from interview where round_id = ? and reflection is not null")
                .param(w.roundId())
                .query((rs, n) -> new Raw(rs.getLong(1), rs.getBytes(2), "interview:" + rs.getLong(1) + ":reflection"))
                .list());
        rows.addAll(jdbc.sql("""
                        select id, interview_id, kind, question_id, part, start_offset, end_offset, excerpt
                        from coded_segment where round_id = ?""")
                .param(w.roundId())
                .query((rs, n) -> new Raw(rs.getLong(1), rs.getBytes(8), "segment:"
                        + se.delaktig.interview.CodableText.key(rs.getLong(2),
                        se.delaktig.interview.CodableText.Kind.valueOf(rs.getString(3)), (Long) rs.getObject(4), rs.getString(5))
                        + ":" + rs.getInt(6) + ":" + rs.getInt(7)))
                .list());
        rows.addAll(jdbc.sql("select id, draft from quote where round_id = ? and draft is not null")
                .param(w.roundId())
                .query((rs, n) -> new Raw(rs.getLong(1), rs.getBytes(2), "quote:" + rs.getLong(1)))
                .list());
        rows.addAll(jdbc.sql("select round_id, notes from seminar where round_id = ?")
                .param(w.roundId())
                .query((rs, n) -> new Raw(rs.getLong(1), rs.getBytes(2), "seminar.notes:" + rs.getLong(1)))
                .list());
        return rows;
    }

    private int count(String sql, long roundId) {
        return jdbc.sql(sql).param(roundId).query(Integer.class).single();
    }

    private int count(String sql, String recordId) {
        return jdbc.sql(sql).param(recordId).query(Integer.class).single();
    }

    private int auditCount(String action, long roundId, String actor) {
        return jdbc.sql("select count(*) from audit_event where action = ? and record_type = 'round' and record_id = ? and actor = ?")
                .params(action, Long.toString(roundId), actor).query(Integer.class).single();
    }
}
