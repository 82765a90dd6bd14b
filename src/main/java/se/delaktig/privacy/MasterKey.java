package se.delaktig.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import se.delaktig.platform.DelaktigProperties;

/**
 * The master key that wraps every round's data key in the local key store (and the keys an older
 * version kept in PostgreSQL, while they are moved out). It comes from {@code DELAKTIG_MASTER_KEY}
 * (base64 of 32 random bytes) or, when that is not set, from {@code master.key} in the data
 * directory, created on first start. The file is convenient for a demo but sits next to the
 * database, so production should pass the key in from a secret store.
 */
@Component
class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);
    private static final int KEY_BYTES = 32;

    private final Aead aead;

    MasterKey(@Value("${DELAKTIG_MASTER_KEY:}") String fromEnvironment, DelaktigProperties properties)
            throws GeneralSecurityException, IOException {
        AeadConfig.register();
        byte[] raw;
        if (StringUtils.hasText(fromEnvironment)) {
            raw = decode(fromEnvironment.trim(), "DELAKTIG_MASTER_KEY");
            log.info("Master key taken from DELAKTIG_MASTER_KEY");
        } else {
            raw = fromFile(properties.dataDir().resolve("master.key"));
        }
        var parameters = AesGcmParameters.builder()
                .setKeySizeBytes(KEY_BYTES).setIvSizeBytes(12).setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                .build();
        var key = AesGcmKey.builder()
                .setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get()))
                .build();
        this.aead = KeysetHandle.newBuilder()
                .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                .build()
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    Aead aead() {
        return aead;
    }

    private static byte[] fromFile(Path file) throws IOException {
        if (Files.exists(file)) {
            log.warn("Master key read from the file {}. Keep a copy in a safe place: without it no free text "
                    + "can be read. In production, set DELAKTIG_MASTER_KEY from a secret store instead.", file.toAbsolutePath());
            return decode(Files.readString(file, StandardCharsets.US_ASCII).trim(), file.toString());
        }
        var raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, Base64.getEncoder().encodeToString(raw) + "\n", StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            log.warn("Could not restrict the permissions of {}", file);
        }
        log.warn("No DELAKTIG_MASTER_KEY was set, so a new master key was created in {}. Back it up: without it "
                + "no free text can be read. In production, set DELAKTIG_MASTER_KEY instead.", file.toAbsolutePath());
        return raw;
    }

    private static byte[] decode(String base64, String source) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is not valid base64. Create a key with: openssl rand -base64 32");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException(source + " must hold 32 bytes (base64), but holds " + raw.length
                    + ". Create a key with: openssl rand -base64 32");
        }
        return raw;
    }
}
