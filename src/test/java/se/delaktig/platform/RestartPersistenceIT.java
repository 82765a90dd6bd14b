package se.delaktig.platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import se.delaktig.DelaktigApplication;
import se.delaktig.organization.Organization;
import se.delaktig.privacy.RoundKeys;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Restarting Delaktig keeps everything: the embedded database lives in the data directory, and the
 * master key that unlocks the free text is either given from outside or kept in that directory.
 *
 * <p>Starts its own application twice per test instead of using the shared test context, because the
 * shared one is ephemeral by design. Settings are passed as command-line arguments, the highest
 * precedence, so neither the test profile nor an external-database variable in the environment can
 * turn this into something else.
 */
class RestartPersistenceIT {

    private static final String FIXED_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final long ROUND = 4242;

    @TempDir
    Path dataDir;

    @Test
    void municipalityCreatedBeforeARestartIsStillThereAfterIt() {
        var name = "Kvarstad " + UUID.randomUUID();
        try (var first = start(FIXED_KEY)) {
            first.getBean(Organization.class).createMunicipality(name, null);
        }

        try (var second = start(FIXED_KEY)) {
            assertThat(second.getBean(Organization.class).municipalities())
                    .anySatisfy(municipality -> assertThat(municipality.name()).isEqualTo(name));
        }
        assertThat(dataDir.resolve("master.key")).as("a given key is never written to disk").doesNotExist();
    }

    @Test
    void masterKeyFileIsCreatedOnFirstStartAndReusedOnTheNext() throws Exception {
        byte[] secret;
        try (var first = start("")) {
            var keys = first.getBean(RoundKeys.class);
            keys.createKey(ROUND);
            secret = keys.encrypt(ROUND, "Det barnet sa", "test:restart");
        }
        var keyFile = dataDir.resolve("master.key");
        assertThat(keyFile).exists();
        assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        var keyAfterFirstStart = Files.readString(keyFile, StandardCharsets.US_ASCII);

        try (var second = start("")) {
            assertThat(second.getBean(RoundKeys.class).decrypt(ROUND, secret, "test:restart")).isEqualTo("Det barnet sa");
        }
        assertThat(Files.readString(keyFile, StandardCharsets.US_ASCII)).as("the key file is reused, not replaced")
                .isEqualTo(keyAfterFirstStart);
    }

    private ConfigurableApplicationContext start(String masterKey) {
        return new SpringApplicationBuilder(DelaktigApplication.class)
                .run("--server.port=0",
                        "--spring.profiles.active=",
                        "--spring.datasource.url=",
                        "--delaktig.data-dir=" + dataDir.toAbsolutePath(),
                        "--delaktig.ephemeral=false",
                        "--delaktig.demo=false",
                        "--DELAKTIG_MASTER_KEY=" + masterKey,
                        "--DELAKTIG_BOOTSTRAP_ADMIN_USERNAME=",
                        "--DELAKTIG_BOOTSTRAP_ADMIN_PASSWORD=");
    }
}
