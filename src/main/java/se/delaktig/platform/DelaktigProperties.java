package se.delaktig.platform;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code delaktig.*}.
 *
 * @param dataDir   where the embedded database and the generated master key file live
 * @param demo      whether an empty embedded database is seeded with the demo
 * @param ephemeral start the embedded database from scratch and delete it on shutdown (tests)
 */
@ConfigurationProperties("delaktig")
public record DelaktigProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("true") boolean demo,
        @DefaultValue("false") boolean ephemeral) {
}
