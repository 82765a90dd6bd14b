package se.delaktig.access;

import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.commons.codec.binary.Base32;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriUtils;

/**
 * The second factor for local accounts: a time-based one-time code (TOTP, RFC 6238: HMAC-SHA1, six
 * digits, 30-second steps, as every authenticator app reads it), computed by java-otp. A code is
 * accepted one step either side of now, for clocks that drift, and never twice: the last accepted
 * step is stored. Ten recovery codes are made at enrolment, shown once and stored as SHA-256; each
 * works once.
 */
@Service
@Transactional
public class SecondFactors {

    static final String ISSUER = "Delaktig";
    static final int RECOVERY_CODES = 10;
    private static final String RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

    /** A key waiting to be confirmed with a code from the app. */
    public record Enrolment(String secret, String otpauthUri, String qrSvg) {
    }

    private final JdbcClient jdbc;
    private final TimeBasedOneTimePasswordGenerator totp = new TimeBasedOneTimePasswordGenerator();
    private final SecureRandom random = new SecureRandom();
    private final Base32 base32 = new Base32();

    SecondFactors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public boolean enrolled(long staffId) {
        return jdbc.sql("select count(*) from staff_second_factor where staff_id = ? and confirmed_at is not null")
                .param(staffId).query(Integer.class).single() > 0;
    }

    /** A new key for the person's app, or the one already waiting; nothing changes for someone enrolled. */
    public Enrolment enrolment(long staffId, String username) {
        if (enrolled(staffId)) {
            throw new IllegalStateException("already enrolled");
        }
        var secret = jdbc.sql("select secret from staff_second_factor where staff_id = ?").param(staffId)
                .query(String.class).optional().orElseGet(() -> {
                    var bytes = new byte[20];
                    random.nextBytes(bytes);
                    var fresh = base32.encodeAsString(bytes);
                    jdbc.sql("insert into staff_second_factor (staff_id, secret) values (?, ?)").params(staffId, fresh).update();
                    return fresh;
                });
        var label = UriUtils.encodePathSegment(ISSUER + ":" + username, java.nio.charset.StandardCharsets.UTF_8);
        var uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + ISSUER
                + "&algorithm=SHA1&digits=6&period=30";
        return new Enrolment(grouped(secret), uri, qrSvg(uri));
    }

    /**
     * Confirms the waiting key with a code from the app; returns the recovery codes to show once, or
     * an empty list when the code is wrong.
     */
    public List<String> confirm(long staffId, String code) {
        var secret = jdbc.sql("select secret from staff_second_factor where staff_id = ? and confirmed_at is null")
                .param(staffId).query(String.class).optional();
        if (secret.isEmpty()) {
            return List.of();
        }
        var step = matchingStep(secret.get(), code, 0);
        if (step < 0) {
            return List.of();
        }
        jdbc.sql("update staff_second_factor set confirmed_at = now(), last_step = ? where staff_id = ?")
                .params(step, staffId).update();
        return newRecoveryCodes(staffId);
    }

    /** Checks a code from the app, or a recovery code; each is accepted once. */
    public boolean verify(long staffId, String code) {
        if (code == null) {
            return false;
        }
        var row = jdbc.sql("select secret, last_step from staff_second_factor where staff_id = ? and confirmed_at is not null for update")
                .param(staffId).query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).optional();
        if (row.isEmpty()) {
            return false;
        }
        var step = matchingStep(row.get().getKey(), code, row.get().getValue());
        if (step >= 0) {
            jdbc.sql("update staff_second_factor set last_step = ? where staff_id = ?").params(step, staffId).update();
            return true;
        }
        var normalised = code.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]", "");
        return !normalised.isEmpty() && jdbc.sql("""
                update staff_recovery_code set used_at = now()
                where staff_id = ? and code_hash = ? and used_at is null""")
                .params(staffId, ApiTokens.hash(normalised)).update() == 1;
    }

    /** Replaces the recovery codes with ten new ones, to show once. */
    public List<String> newRecoveryCodes(long staffId) {
        jdbc.sql("delete from staff_recovery_code where staff_id = ?").param(staffId).update();
        var codes = new ArrayList<String>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            var code = new StringBuilder();
            for (int c = 0; c < 12; c++) {
                code.append(RECOVERY_ALPHABET.charAt(random.nextInt(RECOVERY_ALPHABET.length())));
            }
            jdbc.sql("insert into staff_recovery_code (staff_id, code_hash) values (?, ?)")
                    .params(staffId, ApiTokens.hash(code.toString())).update();
            codes.add(code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8));
        }
        return codes;
    }

    @Transactional(readOnly = true)
    public int recoveryCodesLeft(long staffId) {
        return jdbc.sql("select count(*) from staff_recovery_code where staff_id = ? and used_at is null")
                .param(staffId).query(Integer.class).single();
    }

    /** Removes the second factor and its recovery codes. */
    public void remove(long staffId) {
        jdbc.sql("delete from staff_recovery_code where staff_id = ?").param(staffId).update();
        jdbc.sql("delete from staff_second_factor where staff_id = ?").param(staffId).update();
    }

    private String codeFor(String secret, Instant at) {
        try {
            return totp.generateOneTimePasswordString(key(secret), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The time step the code belongs to (now, or one step either side), if later than the last used; else -1. */
    private long matchingStep(String secret, String code, long lastStep) {
        var digits = code == null ? "" : code.replaceAll("\\s", "");
        if (!digits.matches("\\d{6}")) {
            return -1;
        }
        var now = Instant.now();
        var period = totp.getTimeStep();
        for (int offset = -1; offset <= 1; offset++) {
            var at = now.plus(period.multipliedBy(offset));
            var step = at.getEpochSecond() / period.getSeconds();
            if (step > lastStep && java.security.MessageDigest.isEqual(
                    codeFor(secret, at).getBytes(), digits.getBytes())) {
                return step;
            }
        }
        return -1;
    }

    private SecretKeySpec key(String secret) {
        return new SecretKeySpec(base32.decode(secret.replace(" ", "")), totp.getAlgorithm());
    }

    private static String grouped(String secret) {
        return secret.replaceAll("(.{4})(?!$)", "$1 ");
    }

    /** The QR code as SVG squares: no image library needed, and it scales sharply on any screen. */
    static String qrSvg(String text) {
        try {
            var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 4, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
            var path = new StringBuilder();
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + matrix.getWidth() + " " + matrix.getHeight()
                    + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\""
                    + path + "\"/></svg>";
        } catch (WriterException e) {
            throw new IllegalArgumentException("No QR code for this text", e);
        }
    }
}
