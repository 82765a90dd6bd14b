package se.delaktig.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code delaktig.keys.*}: where the rounds' data keys live.
 *
 * @param store  {@code local} (default: files in {@code dir}) or {@code pkcs11} (a hardware security module)
 * @param dir    the local key store's directory; empty means {@code <data-dir>/keys}
 * @param pkcs11 the HSM, when {@code store=pkcs11}
 */
@ConfigurationProperties("delaktig.keys")
record RoundKeyStoreProperties(
        @DefaultValue("local") Kind store,
        String dir,
        @DefaultValue Pkcs11 pkcs11) {

    enum Kind { LOCAL, PKCS11 }

    /**
     * @param library       path of the PKCS#11 module (e.g. {@code /usr/lib/softhsm/libsofthsm2.so})
     * @param slot          the token's slot id; when empty, {@code slotListIndex} picks the slot
     * @param slotListIndex index into the module's slot list (default 0)
     * @param pin           the token's user PIN; set it through {@code DELAKTIG_HSM_PIN}, never in a file
     */
    record Pkcs11(String library, Long slot, @DefaultValue("0") int slotListIndex, String pin) {
    }
}
