package atlas.trust;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile input at every endpoint and parameter: never a 500, never a leak, never a change to data. */
@ExtendWith(PostgisExtension.class)
class FuzzTest {
    private static final List<String> NASTY = List.of(
            "' OR 1=1 --", "'; DROP TABLE project; --", "330500' UNION SELECT password FROM pg_shadow --",
            "1e309", "-1", "99999999999999999999999999", "NaN", "Infinity", "0x10", "",
            "../../etc/passwd", "..%2f..%2fpom.xml", "%00", "\u0000", "\uFFFF", "\uD83D\uDE00湖州",
            "𠀀𠀁", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "a".repeat(5000),
            "1,2,3", "181,0,182,1", "120,30,119,29", "30,120,31,121,5,6,7", "湖州市", "\u202e330500");
    private static final List<String> ENDPOINTS = List.of(
            "/collections/projects/items", "/collections/counties/items", "/collections/metros/items",
            "/api/stats", "/api/gazetteer", "/api/review", "/tiles/projects/8/213/107.mvt", "/api/facets",
            "/collections", "/");
    private static final List<String> PARAMETERS = List.of("bbox", "limit", "offset", "city", "county", "area",
            "category", "nature", "source", "precision", "min_investment", "max_investment", "q", "datetime",
            "sortby", "zoom", "groupby", "f", "bbox-crs", "kind");

    private static String fingerprint(Database db) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT md5(concat((SELECT string_agg(fid || coalesce(total_investment::text, ''), ',' ORDER BY fid) FROM project),
                  (SELECT count(*) FROM placement), (SELECT count(*) FROM division), (SELECT count(*) FROM plan_area),
                  (SELECT count(*) FROM source_document), (SELECT count(*) FROM audit_log)))""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void hostileParametersNeverCause500OrLeakOrChangeData(Database db) throws Exception {
        String before = fingerprint(db);
        List<String> failures = new ArrayList<>();
        int requests = 0;
        try (TestServer server = new TestServer(db)) {
            for (String endpoint : ENDPOINTS) {
                for (String param : PARAMETERS) {
                    for (String value : NASTY) {
                        String url = endpoint + "?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                        HttpResponse<String> r = server.get(url);
                        requests++;
                        if (r.statusCode() >= 500) {
                            failures.add(r.statusCode() + " " + url + " " + r.body());
                        }
                        String body = r.body().toLowerCase();
                        if (body.contains("exception") || body.contains("org.postgresql") || body.contains("syntax error")) {
                            failures.add("leak " + url + " " + r.body());
                        }
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), requests + " requests, failures:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertEquals(before, fingerprint(db), "hostile reads changed nothing");
    }

    @Test
    void pathsOutsideTheWebFolderAreNeverServed(Database db) {
        try (TestServer server = new TestServer(db)) {
            for (String path : List.of("/web/../pom.xml", "/web/%2e%2e/pom.xml", "/web/..%2fpom.xml", "/vendor/../../pom.xml",
                    "/web/%2e%2e/%2e%2e/etc/passwd", "/web//etc/passwd", "/vendor/%2e%2e/%2e%2e/README.md",
                    "/collections/..%2f..%2fetc%2fpasswd/items", "/tiles/projects/1/1/..%2f..%2fpom.xml")) {
                HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("").replaceAll("/$", "") + path)).GET().build());
                assertFalse(r.body().contains("<artifactId>atlas</artifactId>") || r.body().contains("root:x:0:0")
                        || r.body().contains("# Project Atlas"), path + " served a file outside web/");
                assertNotEquals(500, r.statusCode(), path);
            }
        }
    }

    @Test
    void hostileWritesAreRefusedWithoutChangingData(Database db) throws Exception {
        String before = fingerprint(db);
        try (TestServer server = new TestServer(db)) {
            for (String body : List.of("{", "[]", "null", "{\"project_id\":\"' OR 1=1 --\"}",
                    "{\"project_id\":\"" + "a".repeat(10_000) + "\"}", "x".repeat(100_000))) {
                HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/api/review")))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " for " + body.substring(0, Math.min(40, body.length())));
            }
            for (String path : List.of("/api/imports", "/api/projects/abc/placement")) {
                HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                        .header("Authorization", "Bearer ' OR 1=1 --").method(path.endsWith("placement") ? "PUT" : "POST",
                                HttpRequest.BodyPublishers.ofString("{\"county_codes\":[\"330110\"]}")).build());
                assertTrue(r.statusCode() == 401 || r.statusCode() == 403, path + " -> " + r.statusCode());
            }
        }
        assertEquals(before, fingerprint(db));
    }
}
