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
 * bits, so a fast hash is enough and a stolen database yields no usable token. Every token expires
 * (90 days unless chosen otherwise, a year at most) and has a scope: a read token may only read.
 * Tokens are made only from a signed-in session, never with another token, so a leaked token cannot
 * outlive its own expiry by minting a successor.
 */
@Service
@Transactional
public class ApiTokens {

    static final String PREFIX = "dlk_";
    public static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 365;

    /** What a token may do. */
    public enum Scope { READ, WRITE }

    public record Token(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
                        Instant expiresAt, Scope scope) {
        public boolean active() {
            return revokedAt == null && expiresAt.isAfter(Instant.now());
        }

        public boolean expired() {
            return revokedAt == null && !expiresAt.isAfter(Instant.now());
        }
    }

    /** The plain token, returned once at creation. */
    public record Created(long id, String plainToken, Instant expiresAt) {
    }

    /** Who a valid token belongs to, and what it may do. */
    public record Bearer(String username, Scope scope) {
    }

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A write token valid for the default 90 days. */
    public Created create(long staffId, String name) {
        return create(staffId, name, Scope.WRITE, DEFAULT_DAYS);
    }

    public Created create(long staffId, String name, Scope scope, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("token lifetime out of range: " + days);
        }
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var plain = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return jdbc.sql("""
                insert into api_token (staff_id, name, token_hash, token_prefix, scope, expires_at)
                values (?, ?, ?, ?, ?, now() + make_interval(days => ?)) returning id, expires_at""")
                .params(staffId, name.trim(), hash(plain), plain.substring(0, 10), scope.name(), days)
                .query((rs, n) -> new Created(rs.getLong(1), plain, rs.getTimestamp(2).toInstant())).single();
    }

    @Transactional(readOnly = true)
    public List<Token> of(long staffId) {
        return jdbc.sql("select * from api_token where staff_id = ? order by created_at desc").param(staffId)
                .query((rs, n) -> new Token(rs.getLong("id"), rs.getString("name"), rs.getString("token_prefix"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(), Scope.valueOf(rs.getString("scope"))))
                .list();
    }

    /** Revokes one of the staff member's own tokens; returns false if there is no such token. */
    public boolean revoke(long staffId, long tokenId) {
        return jdbc.sql("update api_token set revoked_at = now() where id = ? and staff_id = ? and revoked_at is null")
                .params(tokenId, staffId).update() > 0;
    }

    /** Revokes every token of the person (password changed, account disabled); returns how many. */
    public int revokeAll(long staffId) {
        return jdbc.sql("update api_token set revoked_at = now() where staff_id = ? and revoked_at is null")
                .param(staffId).update();
    }

    /** The owner and scope of the token, if it is valid, not expired or revoked, and its owner is enabled. */
    public Optional<Bearer> authenticate(String plainToken) {
        if (plainToken == null || !plainToken.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                update api_token t set last_used_at = now() from staff s
                where t.token_hash = ? and t.revoked_at is null and t.expires_at > now() and s.id = t.staff_id and s.enabled
                returning s.username, t.scope""")
                .param(hash(plainToken))
                .query((rs, n) -> new Bearer(rs.getString(1), Scope.valueOf(rs.getString(2)))).optional();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
