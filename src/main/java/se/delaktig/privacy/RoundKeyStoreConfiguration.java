package se.delaktig.privacy;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;
import se.delaktig.platform.DelaktigProperties;

/** Chooses the key store named by {@code delaktig.keys.store}; see {@link RoundKeyStore}. */
@Configuration(proxyBeanMethods = false)
class RoundKeyStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RoundKeyStoreConfiguration.class);

    @Bean
    RoundKeyStore roundKeyStore(RoundKeyStoreProperties keys, DelaktigProperties delaktig, ObjectProvider<MasterKey> masterKey,
                                ObjectProvider<DataSource> dataSource, Environment environment) {
        if (keys.store() == RoundKeyStoreProperties.Kind.LOCAL && StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            // Each node would have its own key files, and a key made on one node would look destroyed on the others.
            log.warn("Round keys are kept in files on this machine (delaktig.keys.store=local). With more than one web node "
                    + "against this database, use delaktig.keys.store=pkcs11 instead.");
        }
        return switch (keys.store()) {
            case LOCAL -> new LocalRoundKeyStore(StringUtils.hasText(keys.dir()) ? java.nio.file.Path.of(keys.dir()) : delaktig.dataDir().resolve("keys"),
                    masterKey.getObject(), delaktig.ephemeral());
            case PKCS11 -> {
                var hsm = keys.pkcs11();
                if (!StringUtils.hasText(hsm.library())) {
                    throw new IllegalStateException("delaktig.keys.store=pkcs11 needs delaktig.keys.pkcs11.library, "
                            + "the path of the HSM's PKCS#11 module (e.g. /usr/lib/softhsm/libsofthsm2.so)");
                }
                if (!StringUtils.hasText(hsm.pin())) {
                    throw new IllegalStateException("delaktig.keys.store=pkcs11 needs the token's PIN in DELAKTIG_HSM_PIN");
                }
                yield new Pkcs11RoundKeyStore(hsm.library(), hsm.slot(), hsm.slotListIndex(), hsm.pin().toCharArray(),
                        dataSource.getObject());
            }
        };
    }
}
