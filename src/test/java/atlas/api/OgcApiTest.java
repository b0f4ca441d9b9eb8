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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a generic OGC API - Features client (QGIS, ArcGIS, the OGC test suite) reads first. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OgcApiTest {
    private TestServer server;

    @BeforeAll
    void start(TestServer server) {
        this.server = server;
    }

    private JsonNode json(String path) {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return GeoJsonChecks.parse(r.body(), path);
    }

    private static Map<String, JsonNode> byRel(JsonNode links) {
        Map<String, JsonNode> m = new HashMap<>();
        links.forEach(l -> m.putIfAbsent(l.path("rel").asText(), l));
        return m;
    }

    @Test
    void landingPageLinksToApiDefinitionConformanceAndData() {
        JsonNode landing = json("/?f=json");
        Map<String, JsonNode> links = byRel(landing.path("links"));
        for (String rel : List.of("self", "service-desc", "conformance", "data")) {
            assertTrue(links.containsKey(rel), "landing page lacks rel=" + rel + ": " + landing.path("links"));
        }
        assertTrue(links.get("service-desc").path("href").asText().endsWith("/api"));
        assertTrue(links.get("service-desc").path("type").asText().startsWith("application/vnd.oai.openapi+json"));
        assertTrue(links.get("conformance").path("href").asText().endsWith("/conformance"));
        assertTrue(links.get("data").path("href").asText().endsWith("/collections"));
        // the links lead somewhere real
        for (String rel : List.of("conformance", "data")) {
            String path = links.get(rel).path("href").asText().replace(server.url(""), "");
            assertEquals(200, server.get(path).statusCode(), rel + " link " + path);
        }
    }

    @Test
    void landingPageIsJsonForClientsThatDoNotAskForHtml() {
        HttpResponse<String> r = server.get("/", "Accept", "application/json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(GeoJsonChecks.parse(r.body(), "/").has("links"));
    }

    @Test
    void conformanceListsCoreGeoJsonAndOpenApiClasses() {
        Set<String> classes = new TreeSet<>();
        json("/conformance").path("conformsTo").forEach(c -> classes.add(c.asText()));
        for (String c : List.of("core", "geojson", "oas30")) {
            assertTrue(classes.contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/" + c), classes.toString());
        }
    }

    @Test
    void collectionsListEveryLayerWithExtentAndLinks() {
        JsonNode body = json("/collections");
        Map<String, JsonNode> byId = new HashMap<>();
        body.path("collections").forEach(c -> byId.put(c.path("id").asText(), c));
        for (String id : List.of("counties", "cities", "metros", "new-districts", "corridors", "coop-zones", "constructions", "projects")) {
            JsonNode c = byId.get(id);
            assertTrue(c != null, "no collection " + id + " in " + byId.keySet());
            JsonNode bbox = c.path("extent").path("spatial").path("bbox").path(0);
            assertEquals(4, bbox.size(), id + " extent " + c.path("extent"));
            double w = bbox.get(0).asDouble(), s = bbox.get(1).asDouble(), e = bbox.get(2).asDouble(), n = bbox.get(3).asDouble();
            assertTrue(w < e && s < n, id + " extent is empty or inverted: " + bbox);
            assertTrue(w >= 117.5 && e <= 123.5 && s >= 26.5 && n <= 31.6, id + " extent is not Zhejiang: " + bbox);
            Map<String, JsonNode> links = byRel(c.path("links"));
            assertTrue(links.containsKey("self") && links.containsKey("items"), id + " links " + c.path("links"));
            assertTrue(c.path("title").asText().length() > 0, id + " has a title");
            assertTrue(c.path("properties").size() > 0, id + " describes its properties");
            // the items link works and is GeoJSON
            String items = links.get("items").path("href").asText().replace(server.url(""), "");
            HttpResponse<String> r = server.get(items + (items.contains("?") ? "&" : "?") + "limit=2");
            assertEquals(200, r.statusCode(), items);
            GeoJsonChecks.featureCollection(r.body(), items);
        }
        assertTrue(body.path("collections").path(0).has("boundary_vintage"), "collections state their boundary vintage");
    }

    @Test
    void singleCollectionMatchesItsEntryInTheList() {
        JsonNode one = json("/collections/counties");
        assertEquals("counties", one.path("id").asText());
        assertTrue(one.path("extent").path("spatial").has("bbox"));
    }

    @Test
    void apiDefinitionIsOpenApi30AndDescribesEveryEndpoint() {
        HttpResponse<String> r = server.get("/api");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/vnd.oai.openapi+json"),
                r.headers().firstValue("Content-Type").orElse(""));
        JsonNode doc = GeoJsonChecks.parse(r.body(), "/api");
        assertTrue(doc.path("openapi").asText().startsWith("3.0."), doc.path("openapi").asText());
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        for (String p : List.of("/", "/conformance", "/api", "/collections", "/collections/{collectionId}",
                "/collections/{collectionId}/items", "/collections/{collectionId}/items/{featureId}", "/api/stats",
                "/api/facets", "/api/gazetteer", "/api/config", "/tiles/{collection}/{z}/{x}/{y}.mvt", "/api/review",
                "/api/imports", "/api/projects/{id}/placement", "/api/exports", "/healthz", "/readyz")) {
            assertTrue(paths.contains(p), "OpenAPI document lacks " + p);
        }
        // every parameter the items endpoint accepts is described
        Set<String> described = new TreeSet<>();
        JsonNode components = doc.path("components").path("parameters");
        doc.path("paths").path("/collections/{collectionId}/items").path("get").path("parameters").forEach(p -> {
            JsonNode param = p.has("$ref") ? components.path(p.path("$ref").asText().replaceFirst(".*/", "")) : p;
            described.add(param.path("name").asText());
        });
        for (String name : List.of("limit", "offset", "bbox", "bbox-crs", "datetime", "zoom", "sortby", "f", "city", "county",
                "area", "category", "nature", "source", "precision", "min_investment", "max_investment", "q")) {
            assertTrue(described.contains(name), "items parameter " + name + " not described; described: " + described);
        }
        JsonNode limit = components.path("limit").path("schema");
        assertEquals(1, limit.path("minimum").asInt());
        assertEquals(10000, limit.path("maximum").asInt());
        assertEquals(100, limit.path("default").asInt());
        // the servers entry points at this server, so generic clients can call it
        assertEquals(server.url(""), doc.path("servers").path(0).path("url").asText());
        // every $ref resolves inside the document
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertFalse(doc.at(ref.substring(1)).isMissingNode(), "dangling $ref " + ref);
        }
    }

    private static void collectRefs(JsonNode n, List<String> refs) {
        if (n.isObject()) {
            if (n.has("$ref")) {
                refs.add(n.path("$ref").asText());
            }
            n.forEach(c -> collectRefs(c, refs));
        } else if (n.isArray()) {
            n.forEach(c -> collectRefs(c, refs));
        }
    }

    @Test
    void apiDefinitionHasAnEtagAndAnHtmlView() {
        HttpResponse<String> r = server.get("/api");
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, server.get("/api", "If-None-Match", etag).statusCode());
        HttpResponse<String> html = server.get("/api?f=html");
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().contains("/collections/{collectionId}/items") && html.body().contains("min_investment"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?f=html", "/conformance?f=html", "/collections?f=html", "/collections/counties?f=html",
            "/collections/projects/items?f=html&limit=5", "/collections/counties/items?f=html&zoom=7", "/api/stats?f=html"})
    void htmlViewsAreHtmlPages(String path) {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), path);
        assertTrue(r.body().toLowerCase().startsWith("<!doctype html"), path);
    }

    @Test
    void browsersGetHtmlFromTheAcceptHeader() {
        HttpResponse<String> r = server.get("/collections", "Accept", "text/html,application/xhtml+xml");
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    }

    @Test
    void singleProjectHtmlPageShowsTheProjectName() throws Exception {
        JsonNode first = GeoJsonChecks.parse(server.get("/collections/projects/items?limit=1").body(), "items").path("features").path(0);
        String id = first.path("id").asText();
        HttpResponse<String> r = server.get("/collections/projects/items/" + id + "?f=html");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains(first.path("properties").path("name").asText()), "page names the project");
    }
}
