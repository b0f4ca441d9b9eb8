package atlas.api;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The admin token for every write (AtlasConfig: ATLAS_ADMIN_TOKEN or the file ATLAS_ADMIN_TOKEN_FILE names)
 * (never in the code). Compared in constant time; the audit log records only a short hash of it.
 */
public final class AdminAuth {
    private final Optional<byte[]> token;

    public AdminAuth(Optional<String> token) {
        this.token = token.filter(t -> !t.isBlank()).map(t -> t.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the actor id for the audit log, or throws 401 (no token) / 403 (wrong token). */
    public String require(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() <= 7) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiProblem.of(401, "Unauthorized", "this endpoint writes data: send 'Authorization: Bearer <admin token>'");
        }
        byte[] given = header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (token.isEmpty()) {
            throw ApiProblem.of(403, "Forbidden", "writes are disabled: the server has no admin token configured (ATLAS_ADMIN_TOKEN)");
        }
        if (!MessageDigest.isEqual(sha(given), sha(token.get()))) {
            throw ApiProblem.of(403, "Forbidden", "the admin token is not valid");
        }
        return "admin:" + Http.sha(new String(given, StandardCharsets.UTF_8)).substring(0, 8);
    }

    private static byte[] sha(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
