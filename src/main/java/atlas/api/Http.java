package atlas.api;

import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Small HTTP helpers shared by the route groups: base URL, content negotiation, ETags. */
final class Http {
    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String HTML = "text/html";

    private Http() {
    }

    static String baseUrl(Context ctx) {
        String host = ctx.host() == null ? "127.0.0.1" : ctx.host();
        return ctx.scheme() + "://" + host;
    }

    /** f=json|geojson|html wins; else the Accept header; JSON by default. */
    static String format(Context ctx) {
        String f = ctx.queryParam("f");
        if (f != null) {
            return switch (f) {
                case "json", "geojson" -> JSON;
                case "html" -> HTML;
                default -> throw ApiProblem.badParameter("f", "json, geojson or html");
            };
        }
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/html") && !accept.contains("json")) {
            return HTML;
        }
        return JSON;
    }

    /** A client asking for no cached answer (Cache-Control: no-cache): the answer is built by the database now. */
    static boolean wantsFresh(Context ctx) {
        return String.valueOf(ctx.header("Cache-Control")).contains("no-cache");
    }

    /** Sets ETag and Cache-Control; true when the client's copy is current (304 sent). */
    static boolean notModified(Context ctx, String version) {
        return notModified(ctx, version, format(ctx));
    }

    /** For binary answers (tiles) that have one representation. */
    static boolean notModifiedRaw(Context ctx, String version) {
        return notModified(ctx, version, "binary");
    }

    private static boolean notModified(Context ctx, String version, String representation) {
        String etag = "\"" + sha(version + "|" + ctx.path() + "?" + (ctx.queryString() == null ? "" : ctx.queryString())
                + "|" + representation).substring(0, 20) + "\"";
        ctx.header("ETag", etag);
        // Lists change when someone imports; a minute of caching with revalidation fits that rhythm.
        ctx.header("Cache-Control", "public, max-age=60, must-revalidate");
        String inm = ctx.header("If-None-Match");
        if (inm != null && (inm.equals(etag) || inm.equals("W/" + etag) || inm.equals("*"))) {
            ctx.status(304);
            return true;
        }
        return false;
    }

    static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
