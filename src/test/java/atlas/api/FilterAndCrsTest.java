package atlas.api;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OGC API - Features Parts 2 (CRS) and 3 (CQL2 filters) over the bundled lists, checked against PostGIS and our own parameters. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterAndCrsTest {
    private TestServer server;
    private Database db;
    private String category;

    @BeforeAll
    void start(TestServer server, Database db) {
        this.server = server;
        this.db = db;
        JsonNode byCategory = GeoJsonChecks.parse(server.get("/api/stats?groupby=category").body(), "stats");
        for (JsonNode g : byCategory.path("groups")) {
            if (category == null && !g.path("key").asText().equals("未分类")) {  // the biggest real category
                category = g.path("key").asText();
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode get(String path) {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return GeoJsonChecks.parse(r.body(), path);
    }

    private long matched(String query) {
        return get("/collections/projects/items?limit=1" + (query.isEmpty() ? "" : "&" + query)).path("numberMatched").asLong();
    }

    private List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        get("/collections/projects/items?limit=10000&" + query).path("features").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    @Test
    void cql2TextAndJsonFindWhatOurParametersFind() {
        String params = "category=" + enc(category) + "&min_investment=10";
        List<String> expected = ids(params);
        assertTrue(expected.size() > 3 && expected.size() < matched(""), "a filter that picks some: " + expected.size());
        String text = "category = '" + category.replace("'", "''") + "' AND total_investment >= 10";
        assertEquals(expected, ids("filter=" + enc(text)));
        String json = """
                {"op":"and","args":[{"op":"=","args":[{"property":"category"},"%s"]},
                 {"op":">=","args":[{"property":"total_investment"},10]}]}"""
                .formatted(category.replace("\"", "\\\""));
        assertEquals(expected, ids("filter-lang=cql2-json&filter=" + enc(json)));
    }

    @Test
    void temporalPredicatesOnTheYearsAgreeWithDatetime() {
        List<String> active = ids("datetime=2021/2023");
        assertTrue(active.size() > 0 && active.size() < matched(""), "some projects have years: " + active.size());
        assertEquals(active, ids("filter=" + enc("T_INTERSECTS(years, INTERVAL('2021-01-01', '2023-12-31'))")));
        assertEquals(active, ids("filter-lang=cql2-json&filter=" + enc(
                "{\"op\":\"t_intersects\",\"args\":[{\"property\":\"years\"},{\"interval\":[\"2021-01-01\",\"2023-12-31\"]}]}")));
        // started by 2023 and not finished before 2021 is the same as not (ended before 2021 or started after 2023)
        assertEquals(active, ids("filter=" + enc("start_year IS NOT NULL AND NOT T_DISJOINT(years, INTERVAL('2021-01-01', '2023-12-31'))")));
        List<String> startedIn2022 = ids("filter=" + enc("T_EQUALS(start_year, DATE('2022-07-01'))"));
        assertEquals(ids("filter=" + enc("start_year = 2022")), startedIn2022);
    }

    @Test
    void arraysAndSpatialPredicatesAgreeWithTheCountyAndBboxParameters() {
        assertEquals(ids("county=330106"), ids("filter=" + enc("A_CONTAINS(county_codes, ('330106'))")));
        java.util.Set<String> either = new java.util.TreeSet<>(ids("county=330106"));
        either.addAll(ids("county=330108"));
        assertEquals(either, new java.util.TreeSet<>(ids("filter=" + enc("A_OVERLAPS(county_codes, ('330106', '330108'))"))));
        assertEquals(ids("county=330106"), ids("filter=" + enc("A_CONTAINS(county_codes, ('330106')) AND A_CONTAINS(county_codes, ('330106'))")));
        JsonNode areas = get("/api/stats?groupby=area").path("groups");
        String area = areas.path(0).path("key").asText();
        assertEquals(ids("area=" + enc(area)), ids("filter=" + enc("A_OVERLAPS(plan_areas, ('" + area + "'))")));
        assertEquals(ids("bbox=120.0,30.1,120.4,30.4"),
                ids("filter=" + enc("S_INTERSECTS(geometry, BBOX(120.0, 30.1, 120.4, 30.4))")));
        // the same box as latitude-first EPSG:4326 through filter-crs, and as a polygon in GeoJSON
        assertEquals(ids("bbox=120.0,30.1,120.4,30.4"), ids("filter-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4326")
                + "&filter=" + enc("S_INTERSECTS(geometry, BBOX(30.1, 120.0, 30.4, 120.4))")));
        assertEquals(ids("bbox=120.0,30.1,120.4,30.4"), ids("filter-lang=cql2-json&filter=" + enc("""
                {"op":"s_intersects","args":[{"property":"geometry"},{"type":"Polygon","coordinates":
                 [[[120.0,30.1],[120.4,30.1],[120.4,30.4],[120.0,30.4],[120.0,30.1]]]}]}""")));
    }

    @Test
    void theSameFilterCountsAlikeInItemsStatsAndTiles() {
        String f = "filter=" + enc("category = '" + category.replace("'", "''") + "' AND NOT total_investment < 5");
        long items = matched(f);
        JsonNode stats = get("/api/stats?groupby=category&" + f);
        assertEquals(items, stats.path("count").asLong());
        HttpResponse<byte[]> all = tile("/tiles/projects/6/53/26.mvt");
        HttpResponse<byte[]> filtered = tile("/tiles/projects/6/53/26.mvt?" + f);
        assertEquals(200, filtered.statusCode());
        assertTrue(filtered.body().length < all.body().length, "the filtered tile is smaller");
        // the province fits in this z6 tile: its cells and merged lines count every filtered project with a place
        long placed = 0;
        for (JsonNode feature : get("/collections/projects/items?limit=10000&" + f).path("features")) {
            placed += feature.path("geometry").isNull() ? 0 : 1;
        }
        long counted = 0;
        try {
            for (MvtReader.Feature cell : MvtReader.features(filtered.body())) {
                counted += ((Number) cell.properties().get("count")).longValue();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertTrue(placed > 0 && placed < items, placed + " placed of " + items);
        assertEquals(placed, counted, "projects counted in the filtered tile");
    }

    private HttpResponse<byte[]> tile(String path) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(server.request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void conformanceListsPartsTwoAndThree() {
        List<String> classes = new ArrayList<>();
        get("/conformance").path("conformsTo").forEach(c -> classes.add(c.asText()));
        for (String c : List.of("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text", "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
                "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2", "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
                "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions", "http://www.opengis.net/spec/cql2/1.0/conf/array-functions")) {
            assertTrue(classes.contains(c), c + " not in " + classes);
        }
    }

    @Test
    void basicCql2FindsWhatTheParametersAndTheDataSay() {
        List<JsonNode> all = new ArrayList<>();
        get("/collections/projects/items?limit=10000").path("features").forEach(all::add);
        // LIKE: the name-contains parameter
        assertEquals(ids("q=" + enc("港")), ids("filter=" + enc("name LIKE '%港%'")));
        // IN: either category
        String other = all.stream().map(f -> f.path("properties").path("category").asText())
                .filter(c -> !c.equals(category) && !c.isEmpty()).findFirst().orElseThrow();
        java.util.Set<String> either = new java.util.TreeSet<>(ids("category=" + enc(category)));
        either.addAll(ids("category=" + enc(other)));
        assertEquals(either, new java.util.TreeSet<>(ids("filter=" + enc("category IN ('" + category.replace("'", "''")
                + "', '" + other.replace("'", "''") + "')"))));
        // BETWEEN: the investment range, ends included
        List<String> range = ids("min_investment=10&max_investment=50");
        assertTrue(range.size() > 0, "some projects of 10 to 50 亿元");
        assertEquals(range, ids("filter=" + enc("total_investment BETWEEN 10 AND 50")));
        // IS NULL and NOT: projects without a start year, and the rest
        List<String> noYear = all.stream().filter(f -> f.path("properties").path("start_year").isNull()).map(f -> f.path("id").asText()).toList();
        assertTrue(noYear.size() > 0 && noYear.size() < all.size(), "some projects without years: " + noYear.size());
        assertEquals(noYear, ids("filter=" + enc("start_year IS NULL")));
        assertEquals(all.size() - noYear.size(), ids("filter=" + enc("NOT start_year IS NULL")).size());
        assertEquals(all.size() - noYear.size(), ids("filter=" + enc("start_year IS NOT NULL")).size());
    }

    /** Project ids PostGIS picks with a condition on the stored geometry, among the ids the collection serves. */
    private List<String> postgis(String condition) throws Exception {
        List<String> served = ids("offset=0");
        List<String> out = new ArrayList<>();
        try (Connection c = db.connection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT fid FROM project p WHERE " + condition + " ORDER BY id")) {
            while (rs.next()) {
                if (served.contains(rs.getString(1))) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void withinAndDistanceAgreeWithPostgis() throws Exception {
        // 杭州's centre, 15 km on the spheroid
        List<String> near = postgis("ST_DWithin(p.geom::geography, ST_SetSRID(ST_MakePoint(120.17, 30.27), 4326)::geography, 15000)");
        assertTrue(near.size() > 3, "projects within 15 km: " + near.size());
        assertEquals(new java.util.TreeSet<>(near), new java.util.TreeSet<>(ids("filter=" + enc("S_DWITHIN(geometry, POINT(120.17 30.27), 15000)"))));
        assertEquals(new java.util.TreeSet<>(near), new java.util.TreeSet<>(ids("filter-lang=cql2-json&filter=" + enc(
                "{\"op\":\"s_dwithin\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Point\",\"coordinates\":[120.17,30.27]},15000]}"))));
        // within a triangle over 宁波 and 绍兴, in WKT and in GeoJSON
        String wkt = "POLYGON((120.5 29.6, 122.0 29.6, 121.2 30.4, 120.5 29.6))";
        List<String> within = postgis("ST_Within(p.geom, ST_GeomFromText('" + wkt + "', 4326))");
        assertTrue(within.size() > 3, "projects within the triangle: " + within.size());
        assertEquals(new java.util.TreeSet<>(within), new java.util.TreeSet<>(ids("filter=" + enc("S_WITHIN(geometry, " + wkt + ")"))));
        assertEquals(new java.util.TreeSet<>(within), new java.util.TreeSet<>(ids("filter-lang=cql2-json&filter=" + enc(
                "{\"op\":\"s_within\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\",\"coordinates\":"
                        + "[[[120.5,29.6],[122.0,29.6],[121.2,30.4],[120.5,29.6]]]}]}"))));
    }

    @Test
    void aSyntaxErrorIsA400NamingThePosition() {
        String unclosed = "total_investment >= 10 AND (name LIKE '%港'";
        HttpResponse<String> r = server.get("/collections/projects/items?filter=" + enc(unclosed));
        assertEquals(400, r.statusCode());
        JsonNode problem = GeoJsonChecks.parse(r.body(), "problem");
        assertEquals("filter", problem.path("parameter").asText());
        assertTrue(problem.path("detail").asText().contains("line 1, column " + (unclosed.length() + 1) + ": syntax error at the end"), problem.toString());
        // cql2-json that is not JSON: the position in the text
        HttpResponse<String> json = server.get("/collections/projects/items?filter-lang=cql2-json&filter=" + enc("{\"op\": \"=\", \"args\": [}"));
        assertEquals(400, json.statusCode());
        assertTrue(json.body().contains("column"), json.body());
        HttpResponse<String> unknown = server.get("/collections/projects/items?filter=" + enc("colour = 'red'"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("unknown property 'colour'"), unknown.body());
    }

    @Test
    void geometriesComeInTheCrsAskedForAsPostgisTransformsThem() throws Exception {
        String crs = "http://www.opengis.net/def/crs/EPSG/0/4549";
        HttpResponse<String> r = server.get("/collections/projects/items?limit=50&county=330106&crs=" + enc(crs));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("<" + crs + ">", r.headers().firstValue("Content-Crs").orElse(""));
        JsonNode features = GeoJsonChecks.parse(r.body(), "items").path("features");
        assertTrue(features.size() > 0);
        int checked = 0;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ST_Y(ST_Transform(geom, 4549)), ST_X(ST_Transform(geom, 4549)) FROM project WHERE fid = ? AND GeometryType(geom) = 'POINT'")) {
            for (JsonNode f : features) {
                if (!f.path("geometry").path("type").asText().equals("Point")) {
                    continue;
                }
                ps.setString(1, f.path("id").asText());
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    // EPSG:4549 is written easting first, as GIS software in China reads it
                    JsonNode xy = f.path("geometry").path("coordinates");
                    assertEquals(rs.getDouble(2), xy.path(0).asDouble(), 0.001);
                    assertEquals(rs.getDouble(1), xy.path(1).asDouble(), 0.001);
                    assertTrue(xy.path(1).asDouble() > 3_300_000 && xy.path(0).asDouble() > 400_000, xy.toString());
                    checked++;
                }
            }
        }
        assertTrue(checked > 0, "some point features checked");
        assertTrue(r.body().indexOf("\"crs\"") < 0, "no legacy GeoJSON crs member");
    }

    @Test
    void everyListedCrsWritesThePlacePostgisComputesInItsAxisOrder() throws Exception {
        String fid = null;
        for (JsonNode f : get("/collections/projects/items?limit=50&county=330106").path("features")) {
            if (fid == null && f.path("geometry").path("type").asText().equals("Point")) {
                fid = f.path("id").asText();
            }
        }
        assertTrue(fid != null, "a point project in 西湖区");
        int checked = 0;
        for (JsonNode uri : get("/collections/projects").path("crs")) {
            String crs = uri.asText();
            int srid = crs.endsWith("CRS84") ? 4326 : Integer.parseInt(crs.substring(crs.lastIndexOf('/') + 1));
            HttpResponse<String> r = server.get("/collections/projects/items/" + fid + "?crs=" + enc(crs));
            assertEquals(200, r.statusCode(), crs + ": " + r.body());
            assertEquals("<" + crs + ">", r.headers().firstValue("Content-Crs").orElse(""), crs);
            JsonNode xy = GeoJsonChecks.parse(r.body(), crs).path("geometry").path("coordinates");
            try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(geom, ?) g FROM project WHERE fid = ?) t")) {
                ps.setInt(1, srid);
                ps.setString(2, fid);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    boolean latitudeFirst = crs.equals("http://www.opengis.net/def/crs/EPSG/0/4326");
                    double tolerance = srid == 4326 || srid == 4490 ? 1e-6 : 1e-3;
                    assertEquals(latitudeFirst ? rs.getDouble(2) : rs.getDouble(1), xy.path(0).asDouble(), tolerance, crs);
                    assertEquals(latitudeFirst ? rs.getDouble(1) : rs.getDouble(2), xy.path(1).asDouble(), tolerance, crs);
                    checked++;
                }
            }
        }
        assertEquals(7, checked, "CRS84, 4326, 4490, 4548, 4549, 4550 and 3857");
    }

    @Test
    void aBboxInAnotherCrsPicksTheSameProjects() throws Exception {
        // 120.0,30.1 .. 120.4,30.4 in Web Mercator, which maps boxes to boxes
        double[] merc = new double[4];
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ST_X(a), ST_Y(a), ST_X(b), ST_Y(b) FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(120.0, 30.1), 4326), 3857) a,"
                        + " ST_Transform(ST_SetSRID(ST_MakePoint(120.4, 30.4), 4326), 3857) b) t");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            for (int i = 0; i < 4; i++) {
                merc[i] = rs.getDouble(i + 1);
            }
        }
        String box = merc[0] + "," + merc[1] + "," + merc[2] + "," + merc[3];
        assertEquals(ids("bbox=120.0,30.1,120.4,30.4"),
                ids("bbox-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/3857") + "&bbox=" + box));
        assertEquals(ids("bbox=120.0,30.1,120.4,30.4"),
                ids("bbox-crs=" + enc("http://www.opengis.net/def/crs/EPSG/0/4326") + "&bbox=30.1,120.0,30.4,120.4"));
    }

    @Test
    void anUnsupportedCrsIsA400ListingOurs() {
        for (String p : List.of("crs", "bbox-crs", "filter-crs")) {
            HttpResponse<String> r = server.get("/collections/counties/items?" + p + "=" + enc("http://www.opengis.net/def/crs/EPSG/0/2385")
                    + (p.equals("bbox-crs") ? "&bbox=1,2,3,4" : ""));
            assertEquals(400, r.statusCode(), p);
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), p);
            assertEquals(p, GeoJsonChecks.parse(r.body(), p).path("parameter").asText(), r.body());
            assertTrue(r.body().contains("EPSG/0/4549"), r.body());
        }
    }

    @Test
    void collectionsListTheirCrsAndQueryables() {
        JsonNode col = get("/collections/projects");
        List<String> crs = new ArrayList<>();
        col.path("crs").forEach(c -> crs.add(c.asText()));
        assertTrue(crs.containsAll(List.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "http://www.opengis.net/def/crs/EPSG/0/4490",
                "http://www.opengis.net/def/crs/EPSG/0/4548", "http://www.opengis.net/def/crs/EPSG/0/4549",
                "http://www.opengis.net/def/crs/EPSG/0/4550", "http://www.opengis.net/def/crs/EPSG/0/3857")), crs.toString());
        assertEquals("http://www.opengis.net/def/crs/OGC/1.3/CRS84", col.path("storageCrs").asText());
        HttpResponse<String> q = server.get("/collections/projects/queryables");
        assertEquals(200, q.statusCode());
        assertTrue(q.headers().firstValue("Content-Type").orElse("").startsWith("application/schema+json"));
        JsonNode schema = GeoJsonChecks.parse(q.body(), "queryables");
        assertEquals("array", schema.path("properties").path("county_codes").path("type").asText());
        assertEquals("number", schema.path("properties").path("total_investment").path("type").asText());
        // the counties collection filters on its own queryables
        assertEquals(1, get("/collections/counties/items?filter=" + enc("code = '330106'")).path("numberMatched").asLong());
    }
}
