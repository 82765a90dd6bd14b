package se.delaktig.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import se.delaktig.platform.DatabaseMode;
import se.delaktig.platform.DelaktigProperties;

/** Which installations ask for the second factor when nothing is configured. */
class SecondFactorPolicyTest {

    private static SecondFactorPolicy.Mode mode(boolean embedded, boolean demo, String setting) {
        return new SecondFactorPolicy(null, null, new DatabaseMode(embedded, "test"),
                new DelaktigProperties(Path.of("data"), demo, false), setting).mode();
    }

    @Test
    void theDemoAsksNoSecondFactorOfThoseWithoutOne() {
        assertThat(mode(true, true, "")).isEqualTo(SecondFactorPolicy.Mode.OPTIONAL);
    }

    @Test
    void aRealInstallationRequiresIt() {
        assertThat(mode(true, false, "")).isEqualTo(SecondFactorPolicy.Mode.REQUIRED);
        assertThat(mode(false, true, "")).isEqualTo(SecondFactorPolicy.Mode.REQUIRED);
        assertThat(mode(false, false, null)).isEqualTo(SecondFactorPolicy.Mode.REQUIRED);
    }

    @Test
    void anExplicitSettingWins() {
        assertThat(mode(true, true, "required")).isEqualTo(SecondFactorPolicy.Mode.REQUIRED);
        assertThat(mode(false, false, "optional")).isEqualTo(SecondFactorPolicy.Mode.OPTIONAL);
    }
}
