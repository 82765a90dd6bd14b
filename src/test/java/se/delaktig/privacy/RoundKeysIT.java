package se.delaktig.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import se.delaktig.IntegrationTest;

@IntegrationTest
class RoundKeysIT {

    @Autowired
    RoundKeys keys;

    /** Far above any id a real round gets in the shared test database. */
    private static long roundId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE / 2);
    }

    @Test
    void textComesBackAsItWasWritten() {
        var round = roundId();
        keys.createKey(round);
        var text = "Jag vill träffa min socialsekreterare oftare – helst på fritidsgården.";

        var ciphertext = keys.encrypt(round, text, "answer:1:2:words");

        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("socialsekreterare");
        assertThat(keys.decrypt(round, ciphertext, "answer:1:2:words")).isEqualTo(text);
        assertThat(keys.encrypt(round, "  ", "answer:1:2:words")).isNull();
    }

    @Test
    void aCiphertextMovedToAnotherPlaceDoesNotDecrypt() {
        var round = roundId();
        keys.createKey(round);
        var ciphertext = keys.encrypt(round, "Det var bra att prata.", "answer:1:2:words");

        assertThatThrownBy(() -> keys.decrypt(round, ciphertext, "answer:1:3:words")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherRoundsKeyCannotReadTheText() {
        var first = roundId();
        var second = roundId();
        keys.createKey(first);
        keys.createKey(second);
        var ciphertext = keys.encrypt(first, "Hemligt", "note:1");

        assertThatThrownBy(() -> keys.decrypt(second, ciphertext, "note:1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterTheKeyIsDestroyedNothingOfTheRoundCanBeRead() {
        var round = roundId();
        keys.createKey(round);
        var ciphertext = keys.encrypt(round, "Snart borta", "note:1");

        keys.destroyKey(round);

        assertThat(keys.hasKey(round)).isFalse();
        assertThatThrownBy(() -> keys.decrypt(round, ciphertext, "note:1")).isInstanceOf(RoundKeys.KeyDestroyedException.class);
        assertThatThrownBy(() -> keys.encrypt(round, "Nytt", "note:2")).isInstanceOf(RoundKeys.KeyDestroyedException.class);
    }
}
