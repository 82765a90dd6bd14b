package se.delaktig.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens. The token is shown once and only its SHA-256 is stored: it carries 256 random
 * bits, so a fast hash is enough and a stolen database yields no usable token.
 */
@Service
@Transactional
public class ApiTokens {

    static final String PREFIX = "dlk_";

    public record Token(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** The plain token, returned once at creation. */
    public record Created(long id, String plainToken) {
    }

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Created create(long staffId, String name) {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var plain = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var id = jdbc.sql("insert into api_token (staff_id, name, token_hash, token_prefix) values (?, ?, ?, ?) returning id")
                .params(staffId, name.trim(), hash(plain), plain.substring(0, 10))
                .query(Long.class).single();
        return new Created(id, plain);
    }

    @Transactional(readOnly = true)
    public List<Token> of(long staffId) {
        return jdbc.sql("select * from api_token where staff_id = ? order by created_at desc").param(staffId)
                .query((rs, n) -> new Token(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** Revokes one of the staff member's own tokens; returns false if there is no such token. */
    public boolean revoke(long staffId, long tokenId) {
        return jdbc.sql("update api_token set revoked_at = now() where id = ? and staff_id = ? and revoked_at is null")
                .params(tokenId, staffId).update() > 0;
    }

    /** The username the token belongs to, if it is valid, not revoked and its owner is enabled. */
    public Optional<String> authenticate(String plainToken) {
        if (plainToken == null || !plainToken.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                update api_token t set last_used_at = now() from staff s
                where t.token_hash = ? and t.revoked_at is null and s.id = t.staff_id and s.enabled
                returning s.username""")
                .param(hash(plainToken)).query(String.class).optional();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
