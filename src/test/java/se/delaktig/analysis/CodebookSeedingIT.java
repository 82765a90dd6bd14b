package se.delaktig.analysis;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import se.delaktig.IntegrationTest;
import se.delaktig.TestFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A codebook is created the first time it is asked for, in the asker's own transaction. A read-only page
 * (decisions, the memo) that asks first sees the codes the codebook will start with, without a second
 * transaction to store them; the first page that may write stores them, with the same names in the same
 * order.
 */
@IntegrationTest
class CodebookSeedingIT {

    @Autowired
    SmallRound smallRound;

    @Autowired
    Codebooks codebooks;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aReadOnlyPageSeesTheStartingCodesAndTheFirstWritablePageStoresThem() {
        var round = smallRound.create(null, List.of(new SmallRound.Child(12, null, "YES")));
        var readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);

        var previewed = TestFixtures.as(round.org().processLead(), () -> readOnly.execute(status -> codebooks.codes(round.roundId())));
        assertThat(previewed).isNotEmpty().allSatisfy(code -> assertThat(code.id()).isNegative());
        assertThat(storedCodebooks(round.roundId())).as("nothing stored from the read-only page").isZero();

        var stored = TestFixtures.as(round.org().processLead(), () -> codebooks.codes(round.roundId()));
        assertThat(storedCodebooks(round.roundId())).isEqualTo(1);
        assertThat(stored).allSatisfy(code -> assertThat(code.id()).isPositive());
        assertThat(stored.stream().map(Code::name).toList()).isEqualTo(previewed.stream().map(Code::name).toList());
        assertThat(stored.stream().map(Code::top).toList()).isEqualTo(previewed.stream().map(Code::top).toList());

        var readAgain = TestFixtures.as(round.org().processLead(), () -> readOnly.execute(status -> codebooks.codes(round.roundId())));
        assertThat(readAgain).isEqualTo(stored);
    }

    private long storedCodebooks(long roundId) {
        return jdbc.sql("select count(*) from codebook where round_id = ?").param(roundId).query(Long.class).single();
    }
}
