package atlas.api;

import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every layer the map draws, checked by an independent GeoJSON validator (the geojson-schema JSON
 * Schemas) and by geometry checks: lon/lat inside Zhejiang, closed counter-clockwise outer rings.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeometryTest {
    private TestServer server;

    @BeforeAll
    void start(TestServer server) {
        this.server = server;
    }

    private JsonNode items(String path) {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/geo+json"), path);
        return GeoJsonChecks.featureCollection(r.body(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"counties", "cities", "province", "metros", "new-districts", "corridors", "coop-zones",
            "constructions", "projects"})
    void wholeLayerIsValidGeoJsonInsideZhejiang(String collection) {
        JsonNode full = items("/collections/" + collection + "/items?limit=10000");
        assertTrue(full.path("numberReturned").asInt() > 0, collection + " is empty");
        assertEquals(full.path("numberMatched").asInt(), full.path("numberReturned").asInt());
        items("/collections/" + collection + "/items?limit=10000&zoom=7");
        items("/collections/" + collection + "/items?limit=10000&zoom=12");
        // each feature fetched on its own is valid too and carries the same id
        JsonNode first = full.path("features").path(0);
        String id = first.path("id").asText();
        HttpResponse<String> one = server.get("/collections/" + collection + "/items/" + id);
        assertEquals(200, one.statusCode(), collection + "/" + id);
        assertTrue(one.headers().firstValue("Content-Type").orElse("").startsWith("application/geo+json"));
        JsonNode f = GeoJsonChecks.feature(one.body(), collection + "/" + id);
        assertEquals(id, f.path("id").asText());
        assertEquals(first.path("geometry"), f.path("geometry"));
    }

    @Test
    void allNinetyCountiesAndElevenCities() {
        assertEquals(90, items("/collections/counties/items?limit=10000").path("numberMatched").asInt());
        assertEquals(11, items("/collections/cities/items?limit=10000").path("numberMatched").asInt());
        JsonNode yuhang = GeoJsonChecks.feature(server.get("/collections/counties/items/330110").body(), "余杭区");
        assertEquals("余杭区", yuhang.path("properties").path("name").asText());
        String type = yuhang.path("geometry").path("type").asText();
        assertTrue(type.equals("Polygon") || type.equals("MultiPolygon"), type);
    }

    @Test
    void zoomSevenSimplifiesCountyBoundaries() {
        JsonNode full = items("/collections/counties/items?limit=10000");
        JsonNode small = items("/collections/counties/items?limit=10000&zoom=7");
        Map<String, Integer> fullVertices = new HashMap<>();
        full.path("features").forEach(f -> fullVertices.put(f.path("id").asText(), GeoJsonChecks.vertices(f.path("geometry"))));
        int total = 0;
        int simplified = 0;
        for (JsonNode f : small.path("features")) {
            int n = GeoJsonChecks.vertices(f.path("geometry"));
            int before = fullVertices.get(f.path("id").asText());
            assertTrue(n <= before, f.path("id") + " gained vertices: " + before + " -> " + n);
            total += before;
            simplified += n;
        }
        assertEquals(fullVertices.size(), small.path("features").size(), "simplification drops no county");
        assertTrue(simplified < total * 0.8, "zoom=7 should drop vertices: " + total + " -> " + simplified);
        JsonNode large = items("/collections/counties/items?limit=10000&zoom=12");
        int largeVertices = 0;
        for (JsonNode f : large.path("features")) {
            largeVertices += GeoJsonChecks.vertices(f.path("geometry"));
        }
        assertEquals(total, largeVertices, "zoom 12 keeps the full shape");
    }

    @Test
    void bboxOnCountiesGivesThoseAroundHangzhouBay() {
        JsonNode fc = items("/collections/counties/items?bbox=120.8,30.0,121.2,30.4&limit=10000");
        int n = fc.path("numberMatched").asInt();
        assertTrue(n >= 2 && n < 20, "counties around 杭州湾: " + n);
    }
}
