package atlas.api;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Caching, compression and CORS: what makes the map fast and embeddable in a city's own dashboard. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBehaviourTest {
    private TestServer server;

    @BeforeAll
    void start(TestServer server) {
        this.server = server;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/collections/projects/items?city=330500", "/collections/counties/items?zoom=7",
            "/collections/projects/items?limit=3", "/collections/projects/items?bbox=119.5,29.5,121,30.6&limit=5",
            "/collections/metros/items", "/collections", "/collections/metros", "/api/stats?groupby=county",
            "/api/facets", "/", "/conformance", "/api", "/api/gazetteer?q=%E4%BD%99%E6%9D%AD", "/api/config"})
    void everyGetHasAnEtagAndIfNoneMatchGives304(String path) {
        HttpResponse<String> first = server.get(path, "Accept", "application/json");
        assertEquals(200, first.statusCode(), path + ": " + first.body());
        String etag = first.headers().firstValue("ETag").orElse(null);
        assertTrue(etag != null, path + " has no ETag");
        assertTrue(first.headers().firstValue("Cache-Control").isPresent(), path + " has no Cache-Control");
        HttpResponse<String> again = server.get(path, "Accept", "application/json", "If-None-Match", etag);
        assertEquals(304, again.statusCode(), path);
        assertEquals("", again.body(), "304 has no body");
        HttpResponse<String> stale = server.get(path, "Accept", "application/json", "If-None-Match", "\"not-the-etag\"");
        assertEquals(200, stale.statusCode(), path);
    }

    @Test
    void differentFiltersHaveDifferentEtags() {
        String a = server.get("/collections/projects/items?city=330500").headers().firstValue("ETag").orElseThrow();
        String b = server.get("/collections/projects/items?city=330100").headers().firstValue("ETag").orElseThrow();
        String html = server.get("/collections/projects/items?city=330500&f=html").headers().firstValue("ETag").orElseThrow();
        assertNotEquals(a, b);
        assertNotEquals(a, html, "the HTML and JSON views are different representations");
    }

    @Test
    void etagChangesWhenDataChanges(Database db) throws Exception {
        String path = "/collections/projects/items?limit=1";
        String before = server.get(path).headers().firstValue("ETag").orElseThrow();
        try (var c = db.connection(); var st = c.createStatement()) {
            st.execute("UPDATE project SET geocoded_at = now() WHERE id = (SELECT min(id) FROM project)");
        }
        HttpResponse<String> after = server.get(path, "If-None-Match", before);
        assertEquals(200, after.statusCode(), "a re-geocoded project invalidates cached pages");
    }

    private HttpResponse<byte[]> raw(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/collections/counties/items?zoom=7", "/collections/projects/items?limit=200", "/collections", "/api"})
    void gzipWhenAsked(String path) throws Exception {
        HttpResponse<byte[]> plain = raw(path);
        HttpResponse<byte[]> zipped = raw(path, "Accept-Encoding", "gzip");
        assertEquals(200, zipped.statusCode());
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElse(""), path + " is not gzipped");
        byte[] inflated;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            inflated = in.readAllBytes();
        }
        assertTrue(zipped.body().length < inflated.length / 2, "gzip at least halves " + path);
        String text = new String(inflated, StandardCharsets.UTF_8);
        GeoJsonChecks.parse(text, path);
        // same content apart from the per-request timeStamp
        assertEquals(new String(plain.body(), StandardCharsets.UTF_8).replaceAll("\"timeStamp\":\"[^\"]*\"", ""),
                text.replaceAll("\"timeStamp\":\"[^\"]*\"", ""));
        assertTrue(plain.headers().firstValue("Content-Encoding").isEmpty(), "no gzip unless asked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/collections/projects/items?limit=1", "/collections", "/api/stats", "/api"})
    void corsOpenForGet(String path) {
        HttpResponse<String> r = server.get(path, "Origin", "https://dashboard.example.org");
        assertEquals(200, r.statusCode());
        String allow = r.headers().firstValue("Access-Control-Allow-Origin").orElse("");
        assertTrue(allow.equals("*") || allow.equals("https://dashboard.example.org"), path + ": '" + allow + "'");
    }

    @Test
    void problemsAreCorsReadableToo() {
        HttpResponse<String> r = server.get("/collections/projects/items?limit=0", "Origin", "https://dashboard.example.org");
        assertEquals(400, r.statusCode());
        assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isPresent(), "a dashboard can read the error");
    }
}
