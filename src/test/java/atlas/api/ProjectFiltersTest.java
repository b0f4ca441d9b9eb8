package atlas.api;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A city official filters to their region: the list, the count on the panel (stats) and the map
 * must agree, and hold exactly the projects placed there: checked against the unfiltered list.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectFiltersTest {
    private TestServer server;
    private List<JsonNode> all;

    @BeforeAll
    void start(Database db) {
        server = new TestServer(db);
        JsonNode fc = items("");
        assertEquals(fc.path("numberMatched").asInt(), fc.path("numberReturned").asInt(), "all projects fit in one page");
        all = new ArrayList<>();
        fc.path("features").forEach(all::add);
        assertTrue(all.size() > 250, "seed lists give a few hundred projects, got " + all.size());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode items(String query) {
        String path = "/collections/projects/items?limit=10000" + (query.isEmpty() ? "" : "&" + query);
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/geo+json"), path);
        return GeoJsonChecks.featureCollection(r.body(), path);
    }

    private long statsCount(String query) {
        HttpResponse<String> r = server.get("/api/stats?" + query);
        assertEquals(200, r.statusCode(), query + ": " + r.body());
        return GeoJsonChecks.parse(r.body(), "stats").path("count").asLong();
    }

    /**
     * items?query matches stats?query and is exactly the unfiltered projects the predicate accepts.
     * Returns the filtered features.
     */
    private List<JsonNode> assertFilter(String query, Predicate<JsonNode> expected, int atLeast) {
        JsonNode fc = items(query);
        long matched = fc.path("numberMatched").asLong();
        assertEquals(matched, statsCount(query), query + ": numberMatched differs from /api/stats count");
        assertEquals(matched, fc.path("numberReturned").asLong(), query);
        assertTrue(matched >= atLeast, query + ": expected at least " + atLeast + " projects, got " + matched);
        Set<String> got = new TreeSet<>(GeoJsonChecks.ids(fc));
        assertEquals(matched, got.size(), query + ": duplicate ids in the answer");
        Set<String> want = new TreeSet<>();
        for (JsonNode f : all) {
            if (expected.test(f)) {
                want.add(f.path("id").asText());
            }
        }
        Set<String> extra = new TreeSet<>(got);
        extra.removeAll(want);
        Set<String> missing = new TreeSet<>(want);
        missing.removeAll(got);
        assertTrue(extra.isEmpty() && missing.isEmpty(), query + ": " + extra.size() + " unexpected " + names(extra)
                + ", " + missing.size() + " missing " + names(missing));
        List<JsonNode> out = new ArrayList<>();
        fc.path("features").forEach(out::add);
        return out;
    }

    private List<String> names(Set<String> ids) {
        return all.stream().filter(f -> ids.contains(f.path("id").asText())).limit(5)
                .map(f -> f.path("id").asText() + " " + f.path("properties").path("name").asText()
                        + " " + f.path("properties").path("county_codes") + f.path("properties").path("city_codes")).toList();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> s = new HashSet<>();
        array.forEach(v -> s.add(v.asText()));
        return s;
    }

    private static boolean inCity(JsonNode f, String city) {
        String prefix = city.substring(0, 4);
        JsonNode p = f.path("properties");
        return strings(p.path("city_codes")).contains(city)
                || strings(p.path("county_codes")).stream().anyMatch(c -> c.startsWith(prefix));
    }

    @Test
    void huzhouFilterGivesExactlyTheProjectsPlacedInHuzhou() {
        List<JsonNode> huzhou = assertFilter("city=330500", f -> inCity(f, "330500"), 10);
        for (JsonNode f : huzhou) {
            assertTrue(inCity(f, "330500"), f.path("properties").path("name").asText() + " is not in 湖州");
        }
    }

    @Test
    void everyCityFilterAgreesWithStatsGroupedByCity() {
        JsonNode stats = GeoJsonChecks.parse(server.get("/api/stats?groupby=city").body(), "stats");
        assertTrue(stats.path("groups").size() >= 11, "all 11 cities have projects: " + stats.path("groups"));
        for (JsonNode g : stats.path("groups")) {
            String city = g.path("key").asText();
            if (city.equals("330000")) {
                continue;  // province-wide projects are grouped under the province, not a city filter
            }
            JsonNode fc = items("city=" + city);
            assertEquals(g.path("count").asLong(), fc.path("numberMatched").asLong(), "city " + city + " " + g.path("name"));
        }
    }

    @Test
    void yuhangFilterGivesTheProjectsPlacedInYuhang() {
        List<JsonNode> yuhang = assertFilter("county=330110",
                f -> strings(f.path("properties").path("county_codes")).contains("330110"), 3);
        yuhang.forEach(f -> assertTrue(f.path("properties").path("county_names").toString().contains("余杭")));
    }

    @Test
    void metroFilterGivesTheProjectsOfTheHangzhouMetro() {
        assertFilter("area=metro-hangzhou", f -> strings(f.path("properties").path("plan_areas")).contains("metro-hangzhou"), 20);
    }

    /** The areas a project carries (its plan_areas) are the areas that count it: in the stats and on the map's area layers. */
    @Test
    void everyPlanAreaCountsTheProjectsThatCarryIt() {
        Map<String, Long> carried = new TreeMap<>();
        Map<String, Long> carriedInHangzhou = new TreeMap<>();
        for (JsonNode f : all) {
            for (String area : strings(f.path("properties").path("plan_areas"))) {
                carried.merge(area, 1L, Long::sum);
                if (inCity(f, "330100")) {
                    carriedInHangzhou.merge(area, 1L, Long::sum);
                }
            }
        }
        assertTrue(carried.size() > 20, "most plan areas hold seed projects: " + carried);
        assertEquals(carried, areaCounts("/api/stats?groupby=area"));
        assertEquals(carriedInHangzhou, areaCounts("/api/stats?groupby=area&city=330100"));
        Map<String, Long> onTheMap = new TreeMap<>();
        for (String layer : List.of("metros", "new-districts", "corridors", "coop-zones", "constructions")) {
            JsonNode fc = GeoJsonChecks.featureCollection(server.get("/collections/" + layer + "/items?limit=1000").body(), layer);
            fc.path("features").forEach(a -> onTheMap.put(a.path("id").asText(), a.path("properties").path("project_count").asLong()));
        }
        onTheMap.values().removeIf(n -> n == 0);
        assertEquals(carried, onTheMap);
    }

    private Map<String, Long> areaCounts(String path) {
        Map<String, Long> counts = new TreeMap<>();
        GeoJsonChecks.parse(server.get(path).body(), path).path("groups")
                .forEach(g -> counts.put(g.path("key").asText(), g.path("count").asLong()));
        return counts;
    }

    @Test
    void categoryAndMinimumInvestmentCombineWithAnd() {
        JsonNode facets = GeoJsonChecks.parse(server.get("/api/facets").body(), "facets");
        String category = facets.path("category").path(0).asText();
        // the category with most projects makes the AND visible
        JsonNode byCategory = GeoJsonChecks.parse(server.get("/api/stats?groupby=category").body(), "stats");
        category = byCategory.path("groups").path(0).path("key").asText(category);
        String c = category;
        List<JsonNode> both = assertFilter("category=" + enc(c) + "&min_investment=50",
                f -> c.equals(f.path("properties").path("category").asText())
                        && f.path("properties").path("total_investment").asDouble(-1) >= 50, 1);
        long onlyCategory = items("category=" + enc(c)).path("numberMatched").asLong();
        long onlyMin = items("min_investment=50").path("numberMatched").asLong();
        assertTrue(both.size() < onlyCategory && both.size() < onlyMin, "AND narrows: " + both.size() + " vs " + onlyCategory + ", " + onlyMin);
        assertFilter("max_investment=10", f -> !f.path("properties").path("total_investment").isNull()
                && f.path("properties").path("total_investment").asDouble() <= 10, 1);
        assertFilter("min_investment=10&max_investment=100", f -> {
            JsonNode t = f.path("properties").path("total_investment");
            return !t.isNull() && t.asDouble() >= 10 && t.asDouble() <= 100;
        }, 1);
    }

    @Test
    void nameSearchFindsRailwaysInChinese() {
        List<JsonNode> rail = assertFilter("q=" + enc("铁路"), f -> f.path("properties").path("name").asText().contains("铁路"), 3);
        rail.forEach(f -> assertTrue(f.path("properties").path("name").asText().contains("铁路")));
        assertEquals(0, items("q=" + enc("%")).path("numberMatched").asLong(), "% is text, not a wildcard");
    }

    @Test
    void datetimeGivesProjectsActiveInTheInterval() {
        assertFilter("datetime=2022/2023", f -> {
            JsonNode p = f.path("properties");
            if (p.path("start_year").isNull() || p.path("start_year").isMissingNode()) {
                return false;
            }
            int start = p.path("start_year").asInt();
            int end = p.path("end_year").isNull() ? start : p.path("end_year").asInt();
            return start <= 2023 && end >= 2022;
        }, 10);
        long open = items("datetime=" + enc("2025-01-01/..")).path("numberMatched").asLong();
        assertTrue(open > 0 && open < all.size(), "open interval: " + open);
    }

    @Test
    void sortByInvestmentDescending() {
        JsonNode fc = items("sortby=-total_investment");
        List<Double> values = new ArrayList<>();
        boolean nullSeen = false;
        for (JsonNode f : fc.path("features")) {
            JsonNode t = f.path("properties").path("total_investment");
            if (t.isNull()) {
                nullSeen = true;
                continue;
            }
            assertFalse(nullSeen, "projects without an investment come last");
            values.add(t.asDouble());
        }
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1) >= values.get(i), "not descending at " + i + ": " + values.get(i - 1) + " < " + values.get(i));
        }
        JsonNode asc = GeoJsonChecks.featureCollection(
                server.get("/collections/projects/items?sortby=total_investment&limit=1").body(), "ascending");
        assertTrue(asc.path("features").path(0).path("properties").path("total_investment").asDouble() <= values.get(values.size() - 1));
    }

    @Test
    void routePrecisionProjectsAreLines() {
        List<JsonNode> routes = assertFilter("precision=route", f -> "route".equals(f.path("properties").path("precision").asText()), 5);
        for (JsonNode f : routes) {
            String type = f.path("geometry").path("type").asText();
            assertTrue(type.equals("LineString") || type.equals("MultiLineString"),
                    f.path("properties").path("name").asText() + " is a route but its geometry is " + type);
        }
    }

    @Test
    void countyPrecisionProjectsArePoints() {
        for (JsonNode f : items("precision=county").path("features")) {
            assertEquals("Point", f.path("geometry").path("type").asText(), f.path("properties").path("name").asText());
        }
    }

    @Test
    void sourceAndNatureFilters() {
        JsonNode facets = GeoJsonChecks.parse(server.get("/api/facets").body(), "facets");
        for (JsonNode s : facets.path("source")) {
            String src = s.asText();
            assertFilter("source=" + enc(src), f -> src.equals(f.path("properties").path("source").asText()), 1);
        }
        assertFilter("nature=" + enc("新建"), f -> "新建".equals(f.path("properties").path("nature").asText()), 1);
    }

    @Test
    void bboxGivesProjectsAroundHangzhou() {
        JsonNode fc = items("bbox=119.8,30.1,120.4,30.5");
        assertTrue(fc.path("numberMatched").asLong() > 5);
        assertTrue(fc.path("numberMatched").asLong() < all.size());
        assertEquals(fc.path("numberMatched").asLong(), statsCount("bbox=119.8,30.1,120.4,30.5"));
        // same answer with the 6-number form and explicit CRS84
        JsonNode crs = items("bbox=119.8,30.1,0,120.4,30.5,100&bbox-crs=" + enc("http://www.opengis.net/def/crs/OGC/1.3/CRS84"));
        assertEquals(fc.path("numberMatched").asLong(), crs.path("numberMatched").asLong());
        assertEquals(0, items("bbox=100,0,101,1").path("numberMatched").asLong(), "nothing in the sea near Sumatra");
    }

    @Test
    void statsGroupsAddUpForSingleValuedGroupings() {
        for (String groupby : List.of("category", "nature", "precision", "source")) {
            JsonNode s = GeoJsonChecks.parse(server.get("/api/stats?groupby=" + groupby + "&city=330500").body(), "stats");
            long sum = 0;
            for (JsonNode g : s.path("groups")) {
                sum += g.path("count").asLong();
            }
            assertEquals(s.path("count").asLong(), sum, groupby + " groups add up to the count");
        }
    }

    @Test
    void pagingWalksTheWholeFilteredListWithNextLinks() {
        String path = "/collections/projects/items?city=330500&limit=7";
        Set<String> seen = new LinkedHashSet<>();
        long matched = -1;
        int pages = 0;
        while (path != null) {
            HttpResponse<String> r = server.get(path);
            assertEquals(200, r.statusCode(), path);
            JsonNode fc = GeoJsonChecks.featureCollection(r.body(), path);
            matched = fc.path("numberMatched").asLong();
            assertTrue(fc.path("numberReturned").asInt() <= 7);
            for (String id : GeoJsonChecks.ids(fc)) {
                assertTrue(seen.add(id), "id " + id + " on two pages");
            }
            boolean hasPrev = false;
            String next = null;
            for (JsonNode l : fc.path("links")) {
                if (l.path("rel").asText().equals("next")) {
                    next = l.path("href").asText().replace(server.url(""), "");
                    assertTrue(next.contains("city=330500"), "next link keeps the filter: " + next);
                }
                hasPrev |= l.path("rel").asText().equals("prev");
            }
            assertEquals(pages > 0, hasPrev, "prev link only after the first page");
            path = next;
            pages++;
            assertTrue(pages < 100);
        }
        assertEquals(matched, seen.size(), "following next links gives every project once");
        assertEquals((matched + 6) / 7, pages);
    }

    @Test
    void limitAndOffsetSelectAWindow() {
        JsonNode page = items("");
        JsonNode window = GeoJsonChecks.featureCollection(
                server.get("/collections/projects/items?limit=5&offset=10").body(), "window");
        assertEquals(5, window.path("numberReturned").asInt());
        assertEquals(page.path("numberMatched").asLong(), window.path("numberMatched").asLong());
        assertEquals(GeoJsonChecks.ids(page).subList(10, 15), GeoJsonChecks.ids(window));
        JsonNode beyond = GeoJsonChecks.featureCollection(
                server.get("/collections/projects/items?offset=100000").body(), "beyond");
        assertEquals(0, beyond.path("numberReturned").asInt());
        JsonNode dflt = GeoJsonChecks.featureCollection(server.get("/collections/projects/items").body(), "default");
        assertEquals(100, dflt.path("numberReturned").asInt(), "default limit is 100");
        assertNotNull(dflt.path("timeStamp").textValue(), "timeStamp");
    }
}
