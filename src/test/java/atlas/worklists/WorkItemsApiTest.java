package atlas.worklists;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An official asks what their unit leads or joins, and by when: the demo data over the real server. Every
 * filtered answer is checked against the whole collection filtered here, not against numbers typed in.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkItemsApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private TestServer server;
    private Database db;
    private List<JsonNode> all;

    @BeforeAll
    void start(Database db) throws Exception {
        this.db = db;
        server = new TestServer(db);
        all = features("");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode json(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private List<JsonNode> features(String query) throws Exception {
        JsonNode page = json("/collections/work-items/items?limit=10000" + query);
        List<JsonNode> out = new ArrayList<>();
        page.get("features").forEach(out::add);
        assertEquals(page.get("numberMatched").asInt(), out.size());
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, Integer> countBy(List<JsonNode> features, String property) {
        Map<String, Integer> out = new HashMap<>();
        features.forEach(f -> out.merge(f.get("properties").get(property).asText(), 1, Integer::sum));
        return out;
    }

    @Test
    void everyListOfTheBundledDocumentsIsServedWithItsCount() {
        Map<String, Integer> bySource = countBy(all, "source");
        assertEquals(10 + 10 + 10 + 92 + 75, bySource.get("000_88eec6f24652ebc7.txt"));
        assertEquals(8 + 8 + 14 + 294 + 154, bySource.get("001_30a6bebbb49a94f9.txt"));
        assertEquals(8 + 71 + 157 + 497, bySource.get("004_d54811d5deb4fa21.txt"));
        assertEquals(Map.of("reform", 18, "policy", 18, "platform", 24, "project", 386, "task", 229 + 733), countBy(all, "kind"));
    }

    @Test
    void theCollectionIsListedAndUnplacedItemsHaveANullGeometry() throws Exception {
        List<String> ids = new ArrayList<>();
        json("/collections").get("collections").forEach(c -> ids.add(c.get("id").asText()));
        assertTrue(ids.contains("work-items"), ids.toString());
        assertTrue(all.stream().anyMatch(f -> f.get("geometry").isNull()));
        assertTrue(all.stream().anyMatch(f -> !f.get("geometry").isNull()));
        for (JsonNode f : all) {
            boolean placed = f.get("properties").get("county_codes").size() > 0 || f.get("properties").get("city_codes").size() > 0;
            assertEquals(placed, !f.get("geometry").isNull(), f.get("id") + " " + f.get("properties").get("title"));
        }
        JsonNode one = json("/collections/work-items/items/" + all.get(0).get("id").asText());
        assertEquals(all.get(0).get("id"), one.get("id"));
        assertEquals(404, server.get("/collections/work-items/items/nope").statusCode());
        HttpResponse<String> html = server.get("/collections/work-items/items?f=html&kind=reform");
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().contains("都市区财政管理体制改革"), html.body());
    }

    @Test
    void anOgcClientFindsTheLinksAndTheDatetimeFilterPartOneAsks() throws Exception {
        // OGC API - Features Part 1: a page links to itself, its HTML and its collection; a feature to itself,
        // its HTML and its collection (the official test suite follows these links)
        Map<String, String> page = links(json("/collections/work-items/items?kind=reform&limit=5").get("links"));
        assertTrue(page.get("alternate text/html").contains("kind=reform") && page.get("alternate text/html").contains("f=html"), page.toString());
        assertTrue(page.get("collection application/json").endsWith("/collections/work-items"), page.toString());
        assertTrue(page.get("next application/geo+json").contains("offset=5"), page.toString());
        String id = all.get(0).get("id").asText();
        Map<String, String> feature = links(json("/collections/work-items/items/" + id).get("links"));
        assertTrue(feature.get("self application/geo+json").endsWith("/collections/work-items/items/" + id), feature.toString());
        HttpResponse<String> html = server.get(feature.get("alternate text/html").replaceFirst("^https?://[^/]+", ""));
        assertEquals(200, html.statusCode());
        assertTrue(html.body().contains(all.get(0).get("properties").get("title").asText()), html.body());
        assertTrue(feature.get("collection application/json").endsWith("/collections/work-items"), feature.toString());
        // datetime selects by deadline, the items' time: the same items as the deadline parameter
        assertEquals(ids(features("&deadline=2021-01-01/2021-06-30")), ids(features("&datetime=2021-01-01/2021-06-30")));
        assertEquals(ids(features("&deadline=2021-07-01/..")), ids(features("&datetime=" + enc("2021-06-30T16:00:00Z/.."))));
        List<JsonNode> endOfYear = features("&datetime=2021-12-31");
        assertFalse(endOfYear.isEmpty());
        assertTrue(endOfYear.stream().allMatch(f -> f.get("properties").get("deadline").asText().equals("2021-12-31")));
        for (String bad : List.of("2021-13-01", "2022-01-01/2021-01-01", "..", "2021/2022/2023")) {
            HttpResponse<String> r = server.get("/collections/work-items/items?datetime=" + enc(bad));
            assertEquals(400, r.statusCode(), bad);
            assertEquals("datetime", JSON.readTree(r.body()).get("parameter").asText(), bad);
        }
    }

    @Test
    void workItemsComeInTheCrsAskedForAndTakeABoxInIt() throws Exception {
        // OGC API - Features Part 2 on this collection too: a planner in CGCS2000 / 3-degree zone 40 (EPSG:4549)
        JsonNode col = json("/collections/work-items");
        assertTrue(strings(col.get("crs")).contains("http://www.opengis.net/def/crs/EPSG/0/4549"), col.get("crs").toString());
        assertEquals("http://www.opengis.net/def/crs/OGC/1.3/CRS84", col.get("storageCrs").asText());
        String zone = "http://www.opengis.net/def/crs/EPSG/0/4549";
        HttpResponse<String> r = server.get("/collections/work-items/items?limit=10000&kind=platform&crs=" + enc(zone));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("<" + zone + ">", r.headers().firstValue("Content-Crs").orElse(""));
        JsonNode inZone = JSON.readTree(r.body()).get("features");
        int checked = 0;
        try (java.sql.Connection c = db.connection(); java.sql.PreparedStatement ps = c.prepareStatement(
                "SELECT ST_X(p), ST_Y(p) FROM (SELECT (ST_Dump(ST_Transform(geom, 4549))).geom p FROM work_item WHERE id = ?) d LIMIT 1")) {
            for (JsonNode f : inZone) {
                if (f.get("geometry").isNull()) {
                    continue;
                }
                ps.setString(1, f.get("id").asText());
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    JsonNode first = f.get("geometry").get("coordinates").get(0);
                    assertEquals(rs.getDouble(1), first.get(0).asDouble(), 0.001, f.get("id").asText());   // easting first
                    assertEquals(rs.getDouble(2), first.get(1).asDouble(), 0.001, f.get("id").asText());
                    checked++;
                }
            }
        }
        assertTrue(checked > 5, "placed platforms checked: " + checked);
        HttpResponse<String> one = server.get("/collections/work-items/items/" + inZone.get(0).get("id").asText() + "?crs=" + enc(zone));
        assertEquals("<" + zone + ">", one.headers().firstValue("Content-Crs").orElse(""));
        assertEquals(inZone.get(0).get("geometry"), JSON.readTree(one.body()).get("geometry"));
        // the same box in CRS84, in Web Mercator (a box there is a box in CRS84) and latitude first in EPSG:4326
        List<String> inBox = ids(features("&bbox=120.0,30.1,120.4,30.4"));
        assertTrue(inBox.size() > 0 && inBox.size() < all.size(), "a box that holds some: " + inBox.size());
        double[] merc = new double[4];
        try (java.sql.Connection c = db.connection(); java.sql.ResultSet rs = c.createStatement().executeQuery(
                "SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b) FROM ST_Transform(ST_MakeEnvelope(120.0, 30.1, 120.4, 30.4, 4326), 3857) b")) {
            rs.next();
            for (int i = 0; i < 4; i++) {
                merc[i] = rs.getDouble(i + 1);
            }
        }
        assertEquals(inBox, ids(features("&bbox-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/3857")
                + "&bbox=" + merc[0] + "," + merc[1] + "," + merc[2] + "," + merc[3])));
        assertEquals(inBox, ids(features("&bbox-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4326") + "&bbox=30.1,120.0,30.4,120.4")));
        for (String bad : List.of("crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/2385"),
                "bbox-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4326") + "&bbox=120.0,30.1,120.4,30.4")) {
            HttpResponse<String> refused = server.get("/collections/work-items/items?" + bad);
            assertEquals(400, refused.statusCode(), bad + ": " + refused.body());
        }
    }

    @Test
    void aCql2FilterFindsWhatTheParametersFindInItemsAndStats() throws Exception {
        JsonNode schema = JSON.readTree(server.get("/collections/work-items/queryables").body());
        assertEquals("array", schema.get("properties").get("lead_units").get("type").asText(), schema.toString());
        assertTrue(links(json("/collections/work-items").get("links")).containsKey(
                "http://www.opengis.net/def/rel/ogc/1.0/queryables application/schema+json"));
        assertEquals(ids(features("&kind=platform&county=330109")),
                ids(features("&filter=" + enc("kind = 'platform' AND A_CONTAINS(county_codes, ('330109'))"))));
        assertEquals(ids(features("&deadline=2021-01-01/2021-06-30")),
                ids(features("&filter=" + enc("deadline >= '2021-01-01' AND deadline <= '2021-06-30'"))));
        List<String> leads = all.stream().filter(f -> strings(f.get("properties").get("lead_units")).contains("浙江省发展和改革委员会"))
                .map(f -> f.get("id").asText()).toList();
        assertFalse(leads.isEmpty());
        assertEquals(new java.util.TreeSet<>(leads), new java.util.TreeSet<>(ids(features("&filter-lang=cql2-json&filter=" + enc(
                "{\"op\": \"a_overlaps\", \"args\": [{\"property\": \"lead_units\"}, [\"浙江省发展和改革委员会\"]]}")))));
        assertEquals(ids(features("&bbox=120.0,30.1,120.4,30.4")),
                ids(features("&filter=" + enc("S_INTERSECTS(geometry, BBOX(120.0, 30.1, 120.4, 30.4))"))));
        // the same filter in the statistics
        String filter = "title LIKE '%改革%' OR kind = 'policy'";
        long matched = features("&filter=" + enc(filter)).size();
        assertTrue(matched > 0 && matched < all.size(), matched + " of " + all.size());
        long counted = 0;
        for (JsonNode g : json("/api/stats?collection=work-items&groupby=kind&filter=" + enc(filter)).get("groups")) {
            counted += g.get("count").asLong();
        }
        assertEquals(matched, counted);
        HttpResponse<String> syntax = server.get("/collections/work-items/items?filter=" + enc("kind = 'reform' AND"));
        assertEquals(400, syntax.statusCode());
        assertTrue(syntax.body().contains("column"), syntax.body());
        HttpResponse<String> unknown = server.get("/collections/work-items/items?filter=" + enc("total_investment > 1"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("total_investment"), unknown.body());
    }

    private static Map<String, String> links(JsonNode links) {
        Map<String, String> out = new HashMap<>();
        links.forEach(l -> out.put(l.get("rel").asText() + " " + l.get("type").asText(), l.get("href").asText()));
        return out;
    }

    private static List<String> ids(List<JsonNode> features) {
        return features.stream().map(f -> f.get("id").asText()).toList();
    }

    @Test
    void theProvincialDevelopmentCommissionIsFoundByEitherShortName() throws Exception {
        List<JsonNode> lead = features("&lead_unit=" + enc("省发展改革委"));
        assertFalse(lead.isEmpty());
        assertEquals(lead.size(), features("&lead_unit=" + enc("省发改委")).size());
        assertEquals(lead.size(), features("&lead_unit=" + enc("浙江省发展和改革委员会")).size());
        long expected = all.stream().filter(f -> strings(f.get("properties").get("lead_units")).contains("浙江省发展和改革委员会")).count();
        assertEquals(expected, lead.size());
        List<JsonNode> any = features("&unit=" + enc("省发展改革委"));
        assertTrue(any.size() > lead.size(), any.size() + " vs " + lead.size());
    }

    @Test
    void hangzhousConstructionCommissionIsFilteredWithItsDeadlines() throws Exception {
        List<JsonNode> jianwei = features("&unit=" + enc("市建委"));
        assertFalse(jianwei.isEmpty());
        for (JsonNode f : jianwei) {
            List<String> units = strings(f.get("properties").get("lead_units"));
            units.addAll(strings(f.get("properties").get("other_units")));
            assertTrue(units.contains("杭州市城乡建设委员会") || strings(f.get("properties").get("units_printed")).contains("市建委"),
                    f.get("properties").toString());
        }
        assertEquals(jianwei.size(), features("&unit=" + enc("杭州市城乡建设委员会")).size());
        // Overdue items first, then by deadline.
        List<JsonNode> lead = features("&lead_unit=" + enc("市建委") + "&as_of=2021-07-01");
        assertFalse(lead.isEmpty());
        boolean seenOnTime = false;
        for (JsonNode f : lead) {
            boolean overdue = f.get("properties").get("overdue").asBoolean(false);
            assertFalse(overdue && seenOnTime, "an overdue item after an item not yet due");
            seenOnTime |= !overdue;
        }
        List<JsonNode> firstHalf = features("&unit=" + enc("市建委") + "&deadline=2021-01-01/2021-06-30");
        assertEquals(jianwei.stream().filter(f -> {
            String d = f.get("properties").get("deadline").asText("");
            return !d.isEmpty() && !d.equals("null") && d.compareTo("2021-06-30") <= 0 && d.compareTo("2021-01-01") >= 0;
        }).count(), firstHalf.size());
    }

    @Test
    void placeFiltersHoldTheItemsPlacedThere() throws Exception {
        List<JsonNode> jiaxing = features("&city=330400");
        assertEquals(all.stream().filter(f -> strings(f.get("properties").get("city_codes")).contains("330400")).count(), jiaxing.size());
        List<JsonNode> platforms = features("&kind=platform&area=coop-hangshao");
        assertEquals(1, platforms.size());
        assertEquals("杭绍一体化合作先行区", platforms.get(0).get("properties").get("title").asText());
        assertEquals("coop-hangshao", platforms.get(0).get("properties").get("platform_area").asText());
        List<String> counties = strings(platforms.get(0).get("properties").get("county_codes"));
        assertTrue(counties.contains("330109") && counties.contains("330603"), counties.toString());   // 萧山, 柯桥
        List<JsonNode> q = features("&q=" + enc("义新欧"));
        assertTrue(q.stream().allMatch(f -> (f.get("properties").get("title").asText() + f.get("properties").get("content").asText()).contains("义新欧")));
        assertFalse(q.isEmpty());
    }

    @Test
    void statsGroupByUnitKindAndDeadlineMonth() throws Exception {
        JsonNode kinds = json("/api/stats?collection=work-items&groupby=kind");
        Map<String, Integer> byKind = new HashMap<>();
        kinds.get("groups").forEach(g -> byKind.put(g.get("key").asText(), g.get("count").asInt()));
        assertEquals(countBy(all, "kind"), byKind);
        JsonNode months = json("/api/stats?collection=work-items&groupby=deadline_month&source=001_30a6bebbb49a94f9.txt");
        Map<String, Integer> byMonth = new HashMap<>();
        months.get("groups").forEach(g -> byMonth.put(g.get("key").asText(), g.get("count").asInt()));
        assertEquals(all.stream().filter(f -> f.get("properties").get("source").asText().equals("001_30a6bebbb49a94f9.txt")
                && f.get("properties").get("deadline").asText().startsWith("2023-12")).count(), (long) byMonth.get("2023-12"));
        JsonNode units = json("/api/stats?collection=work-items&groupby=lead_unit&lead_unit=" + enc("省发改委"));
        assertEquals("浙江省发展和改革委员会", units.get("groups").get(0).get("key").asText());
        assertEquals(400, server.get("/api/stats?collection=work-items&groupby=colour").statusCode());
        assertEquals(400, server.get("/collections/work-items/items?kind=dream").statusCode());
        assertEquals(400, server.get("/collections/work-items/items?deadline=2021").statusCode());
    }
}
