package atlas.api;

import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mistyped link answers 400/404 with an RFC 7807 body that names the parameter; never a 500. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    private TestServer server;

    @BeforeAll
    void start(TestServer server) {
        this.server = server;
    }

    private JsonNode problem(String path, int status) {
        HttpResponse<String> r = server.get(path);
        assertEquals(status, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                path + ": " + r.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = GeoJsonChecks.parse(r.body(), path);
        assertEquals(status, body.path("status").asInt(), path + ": " + body);
        assertTrue(body.path("title").asText().length() > 0 && body.path("detail").asText().length() > 0, path + ": " + body);
        return body;
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "/collections/projects/items?limit=0 | limit",
            "/collections/projects/items?limit=10001 | limit",
            "/collections/projects/items?limit=-5 | limit",
            "/collections/projects/items?limit=ten | limit",
            "/collections/projects/items?limit=99999999999 | limit",
            "/collections/projects/items?offset=-1 | offset",
            "/collections/projects/items?bbox=1,2,3 | bbox",
            "/collections/projects/items?bbox=a,b,c,d | bbox",
            "/collections/projects/items?bbox=120,30,NaN,31 | bbox",
            "/collections/projects/items?bbox=120,31,121,30 | bbox",
            "/collections/projects/items?bbox=-190,0,10,10 | bbox",
            "/collections/projects/items?bbox=0,-95,10,10 | bbox",
            "/collections/projects/items?bbox=0,0,190,10 | bbox",
            "/collections/counties/items?bbox=0,0,10,95 | bbox",
            "/collections/projects/items?bbox=120,30,121,31&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/2385 | bbox-crs",
            "/collections/projects/items?bbox=120,30,121,31&bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326 | bbox",
            "/collections/projects/items?colour=red | colour",
            "/collections/counties/items?city=330500 | city",
            "/collections/projects/items?city=abc | city",
            "/collections/projects/items?city=330110 | city",
            "/collections/projects/items?county=3301 | county",
            "/collections/projects/items?min_investment=x | min_investment",
            "/collections/projects/items?max_investment=1e400 | max_investment",
            "/collections/projects/items?min_investment=100&max_investment=10 | min_investment",
            "/collections/projects/items?precision=exact | precision",
            "/collections/projects/items?datetime=yesterday | datetime",
            "/collections/projects/items?datetime=2023/2021 | datetime",
            "/collections/projects/items?sortby=colour | sortby",
            "/collections/counties/items?sortby=name | sortby",
            "/collections/counties/items?zoom=99 | zoom",
            "/collections/projects/items?f=xml | f",
            "/collections/projects/items?limit=5&limit=6 | limit",
            "/api/stats?groupby=colour | groupby",
            "/api/stats?city=abc | city",
            "/api/stats?min_investment=x | min_investment",
            "/api/stats?bbox=120,31,121,30 | bbox",
            "/api/stats?limit=5 | limit",
            "/api/gazetteer | q",
    })
    void badParameterIsA400ProblemNamingIt(String path, String parameter) {
        JsonNode body = problem(path.trim(), 400);
        String p = parameter.trim();
        assertTrue(p.equals(body.path("parameter").asText()) || body.path("detail").asText().contains("'" + p + "'"),
                path + ": the problem should name " + p + ": " + body);
    }

    /**
     * OGC API - Features /req/core/fc-bbox-definition: minLon greater than maxLon is a box across
     * the antimeridian, not an error (the OGC test suite sends 177,65,-177,70 to every collection).
     */
    @Test
    void bboxAcrossTheAntimeridianIsNotAnError() {
        for (String collection : new String[]{"projects", "counties", "metros"}) {
            String path = "/collections/" + collection + "/items?bbox=177,65,-177,70";
            HttpResponse<String> r = server.get(path);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            assertEquals(0, GeoJsonChecks.featureCollection(r.body(), path).path("numberMatched").asInt(), "nothing of Zhejiang near the Bering Strait");
        }
        // 121..180 and -180..120: everything east of 121°E or west of 120°E, none of the band between
        String path = "/collections/counties/items?limit=10000&bbox=121,27,120,31.5";
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        int across = GeoJsonChecks.featureCollection(r.body(), path).path("numberMatched").asInt();
        assertTrue(across > 0 && across < 90, "counties outside 120–121°E: " + across);
    }

    @Test
    void unknownCollectionIs404() {
        JsonNode body = problem("/collections/roads/items", 404);
        assertTrue(body.path("detail").asText().contains("roads"));
        problem("/collections/roads", 404);
    }

    @Test
    void unknownFeatureIs404() {
        problem("/collections/projects/items/000000000000", 404);
        problem("/collections/counties/items/999999", 404);
        problem("/collections/metros/items/metro-atlantis", 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/collections/projects/items?q=%25%25%25",
            "/collections/projects/items?q=%27%3B%20DROP%20TABLE%20project%3B--",
            "/collections/projects/items?q=%5C",
            "/collections/projects/items?area=%00",
            "/collections/projects/items?category=%F0%9F%9A%84",
            "/collections/projects/items?bbox=1e308,0,1e308,1",
            "/collections/projects/items?bbox=120,30,121,31,5",
            "/collections/projects/items?datetime=..%2F..",
            "/collections/projects/items?datetime=2023-13-45",
            "/collections/projects/items?datetime=%2F",
            "/collections/projects/items?sortby=",
            "/collections/projects/items?sortby=-",
            "/collections/projects/items?offset=2147483647",
            "/collections/projects/items?offset=2147483648",
            "/collections/projects/items?min_investment=NaN",
            "/collections/projects/items?min_investment=Infinity",
            "/collections/projects/items?zoom=-1",
            "/collections/projects/items/%27",
            "/collections/projects/items/..%2F..%2Fetc%2Fpasswd",
            "/collections/projects/items?limit=",
            "/api/gazetteer?q=%00",
            "/api/stats?groupby=",
            "/api/stats?datetime=9999999999",
    })
    void oddInputNeverGivesA500(String path) {
        HttpResponse<String> r = server.get(path);
        assertTrue(r.statusCode() < 500, path + " gave " + r.statusCode() + ": " + r.body());
        if (r.statusCode() >= 400) {
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                    path + " gave " + r.statusCode() + " as " + r.headers().firstValue("Content-Type").orElse("") + ", not problem+json");
        }
    }
}
