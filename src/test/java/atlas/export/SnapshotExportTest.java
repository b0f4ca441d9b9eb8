package atlas.export;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An analyst exports 湖州市 for a briefing: the zip must hold exactly what the map and the panel show
 * (the items endpoint and /api/stats with the same filters), readable in Excel, GIS and on paper.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnapshotExportTest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String HUZHOU = "{\"region\": \"330500\", \"generated_at\": \"2024-05-01T02:00:00Z\"}";
    private ExportServer server;
    private Map<String, byte[]> huzhou;

    @BeforeAll
    void start(Database db) throws Exception {
        server = new ExportServer(db);
        HttpResponse<byte[]> r = server.post("/api/exports", HUZHOU);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/zip"), r.headers().toString());
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("atlas-330500-2024-05-01.zip"),
                r.headers().firstValue("Content-Disposition").orElse("none"));
        huzhou = ExportServer.unzip(r.body());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = server.get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private static List<String> ids(JsonNode fc) {
        List<String> ids = new ArrayList<>();
        fc.path("features").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    private Map<String, byte[]> export(String body) throws Exception {
        HttpResponse<byte[]> r = server.post("/api/exports", body);
        assertEquals(200, r.statusCode(), body + ": " + new String(r.body(), StandardCharsets.UTF_8));
        return ExportServer.unzip(r.body());
    }

    @Test
    void huzhouSnapshotHoldsExactlyTheCitysProjectsAndItsTotals() throws Exception {
        assertEquals(List.of("areas.geojson", "projects.geojson", "projects.csv", "projects.xlsx", "work-items.csv",
                "work-items.xlsx", "map.png", "map.svg",
                "summary.json", "README.txt"), List.copyOf(huzhou.keySet()));
        JsonNode items = getJson("/collections/projects/items?city=330500&limit=10000");
        JsonNode snapshot = JSON.readTree(huzhou.get("projects.geojson"));
        assertEquals("FeatureCollection", snapshot.path("type").asText());
        assertTrue(ids(items).size() > 10, "湖州市 has projects in the seed lists: " + ids(items).size());
        assertEquals(ids(items), ids(snapshot), "same projects in the same order as the items endpoint");
        assertEquals(items.path("features").get(0).path("properties"), snapshot.path("features").get(0).path("properties"));

        JsonNode stats = getJson("/api/stats?city=330500&groupby=county");
        JsonNode summary = JSON.readTree(huzhou.get("summary.json"));
        assertEquals(stats.path("count").asLong(), summary.path("count").asLong());
        assertEquals(0, stats.path("total").path("total_investment").decimalValue().compareTo(summary.path("total_investment").decimalValue()));
        assertEquals(stats.path("groups").size(), summary.path("by_county").size());
        for (int i = 0; i < stats.path("groups").size(); i++) {
            assertEquals(stats.path("groups").get(i).path("key"), summary.path("by_county").get(i).path("key"));
            assertEquals(stats.path("groups").get(i).path("count"), summary.path("by_county").get(i).path("count"));
        }
        assertEquals("330500", summary.path("region").path("code").asText());
        assertEquals("湖州市", summary.path("region").path("name").asText());
        assertEquals("2024-05-01T02:00:00Z", summary.path("generated_at").asText());
        assertEquals(2, summary.path("data_version").path("source_documents").size());
        assertEquals(64, summary.path("data_version").path("source_documents").get(0).path("sha256").asText().length());
        assertTrue(summary.path("data_version").path("boundaries").get(0).path("source").asText().contains("天地图"));
        long precisionSum = 0;
        for (JsonNode p : summary.path("precision")) {
            precisionSum += p.path("count").asLong();
        }
        assertEquals(summary.path("count").asLong(), precisionSum, "the precision distribution covers every project");

        String readme = new String(huzhou.get("README.txt"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("湖州市") && readme.contains("定位精度分布") && readme.contains("SHA-256"), readme);
    }

    @Test
    void areasHoldTheRegionItsCountiesAndTouchingPlanAreas() throws Exception {
        JsonNode areas = JSON.readTree(huzhou.get("areas.geojson"));
        List<String> layers = new ArrayList<>();
        Set<String> counties = new HashSet<>();
        Set<String> planAreas = new HashSet<>();
        for (JsonNode f : areas.path("features")) {
            String layer = f.path("properties").path("layer").asText();
            layers.add(layer);
            if (layer.equals("county")) {
                counties.add(f.path("properties").path("name").asText());
            } else if (layer.equals("plan_area")) {
                planAreas.add(f.path("properties").path("id").asText());
                assertTrue(f.path("properties").has("kind") && f.path("properties").has("approximate"));
            }
        }
        assertEquals("region", layers.get(0));
        assertEquals(Set.of("吴兴区", "南浔区", "德清县", "长兴县", "安吉县"), counties);
        assertTrue(planAreas.contains("new-district-nantaihu"), planAreas.toString());
        assertFalse(planAreas.contains("metro-wenzhou"), planAreas.toString());
    }

    @Test
    void csvReadsBackInChineseWithBom() throws Exception {
        byte[] csv = huzhou.get("projects.csv");
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(csv, 3), "UTF-8 BOM for Excel");
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertEquals("编号,名称,项目代码,类别,建设性质,总投资(亿元),年度计划投资(亿元),起始年,结束年,区县,地级市,定位精度,定位依据,"
                + "规划区域,来源文件,文号,文件名,表,序号,历次清单条目", lines.get(0));
        JsonNode snapshot = JSON.readTree(huzhou.get("projects.geojson"));
        assertEquals(snapshot.path("features").size() + 1, lines.size(), "one row per project");
        JsonNode first = snapshot.path("features").get(0).path("properties");
        JsonNode firstFeature = snapshot.path("features").get(0);
        assertTrue(lines.get(1).startsWith(firstFeature.path("id").asText() + "," + first.path("name").asText() + ","), lines.get(1));
        assertTrue(lines.get(1).contains(",浙江省大都市区建设2021年工作要点,浙四大建设办〔2021〕6号,000_88eec6f24652ebc7.txt,")
                || lines.get(1).contains(",浙江省大湾区建设2023年工作要点,浙四大建设办〔2023〕1号,001_30a6bebbb49a94f9.txt,"),
                "the document by its title and 文号, its file kept: " + lines.get(1));
        assertTrue(lines.stream().skip(1).noneMatch(l -> l.matches(".*,(city|province|county|site),.*")), "no English codes in a cell");
        assertTrue(text.contains("湖州市"), "地级市 column names the city");
        assertTrue(lines.stream().skip(1).allMatch(l -> l.matches(".*,附(表)?4,[^,]+,[^,]*$")), "every row ends with its table, 序号 and history");
    }

    @Test
    void xlsxOpensWithPoiAndItsTotalsRowIsTheSum() throws Exception {
        JsonNode summary = JSON.readTree(huzhou.get("summary.json"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(huzhou.get("projects.xlsx")))) {
            Sheet s = wb.getSheet("项目");
            assertNotNull(s);
            assertEquals("编号", s.getRow(0).getCell(0).getStringCellValue());
            assertEquals("项目代码", s.getRow(0).getCell(2).getStringCellValue());
            assertEquals("总投资(亿元)", s.getRow(0).getCell(5).getStringCellValue());
            assertNotNull(s.getPaneInformation(), "frozen header");
            assertTrue(s.getPaneInformation().isFreezePane());
            int last = s.getLastRowNum();
            assertEquals(summary.path("count").asInt() + 1, last, "header, one row per project, totals");
            double sum = 0;
            for (int i = 1; i < last; i++) {
                Cell c = s.getRow(i).getCell(5);
                if (c != null) {
                    sum += c.getNumericCellValue();
                    assertEquals("0.00", c.getCellStyle().getDataFormatString());
                }
            }
            Row totals = s.getRow(last);
            assertTrue(totals.getCell(0).getStringCellValue().startsWith("合计"));
            assertEquals(sum, totals.getCell(5).getNumericCellValue(), 1e-6);
            assertEquals(summary.path("total_investment").doubleValue(), totals.getCell(5).getNumericCellValue(), 1e-6);

            Sheet by = wb.getSheet("汇总");
            assertNotNull(by, "second sheet 汇总");
            List<String> texts = new ArrayList<>();
            by.forEach(r -> r.forEach(c -> texts.add(c.toString())));
            assertTrue(texts.contains("按区县") && texts.contains("按类别") && texts.contains("吴兴区"), texts.toString());
        }
    }

    @Test
    void pictureDecodesAndShowsSeveralColoursInsideTheRegion() throws Exception {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(huzhou.get("map.png")));
        assertNotNull(png);
        assertEquals(1754, png.getWidth());
        assertEquals(1240, png.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 140; y < 1090; y += 3) {
            for (int x = 40; x < 1220; x += 3) {
                colours.add(png.getRGB(x, y) & 0xffffff);
            }
        }
        assertTrue(colours.size() > 30, "the map frame holds land, neighbours, areas and coloured projects: " + colours.size());
        long saturated = colours.stream().filter(c -> {
            int r = c >> 16 & 255, g = c >> 8 & 255, b = c & 255;
            return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80;
        }).count();
        assertTrue(saturated > 5, "projects drawn in category colours: " + saturated);
        String svg = new String(huzhou.get("map.svg"), StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<?xml") && svg.contains("湖州市“四大建设”项目分布图") && svg.contains("公里"), "SVG has title and scale bar");
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(huzhou.get("map.svg")));
    }

    @Test
    void sameDataFiltersAndTimeGiveTheSameBytes() throws Exception {
        HttpResponse<byte[]> a = server.post("/api/exports", HUZHOU);
        HttpResponse<byte[]> b = server.post("/api/exports", HUZHOU);
        assertEquals(200, a.statusCode());
        assertArrayEquals(a.body(), b.body(), "two snapshots of the same data, filters and generated_at are identical");
        Map<String, byte[]> later = export("{\"region\": \"330500\", \"generated_at\": \"2024-06-01T02:00:00Z\"}");
        assertArrayEquals(huzhou.get("projects.geojson"), later.get("projects.geojson"));
        assertArrayEquals(huzhou.get("projects.csv"), later.get("projects.csv"));
        String s1 = new String(huzhou.get("summary.json"), StandardCharsets.UTF_8).replace("2024-05-01T02:00:00Z", "T");
        String s2 = new String(later.get("summary.json"), StandardCharsets.UTF_8).replace("2024-06-01T02:00:00Z", "T");
        assertEquals(s1, s2, "summaries differ only in generated_at");
    }

    @Test
    void filtersNarrowTheRegionLikeTheItemsEndpoint() throws Exception {
        JsonNode all = JSON.readTree(huzhou.get("projects.geojson"));
        String category = all.path("features").get(0).path("properties").path("category").asText();
        String body = "{\"region\": \"330500\", \"filters\": {\"category\": " + JSON.writeValueAsString(category)
                + ", \"datetime\": \"2019/..\"}, \"formats\": [\"geojson\", \"csv\"]}";
        Map<String, byte[]> zip = export(body);
        assertEquals(List.of("areas.geojson", "projects.geojson", "projects.csv", "work-items.csv", "summary.json", "README.txt"), List.copyOf(zip.keySet()));
        JsonNode items = getJson("/collections/projects/items?limit=10000&city=330500&datetime=2019/..&category="
                + URLEncoder.encode(category, StandardCharsets.UTF_8));
        assertEquals(ids(items), ids(JSON.readTree(zip.get("projects.geojson"))));
        JsonNode summary = JSON.readTree(zip.get("summary.json"));
        assertEquals(category, summary.path("filters").path("category").asText());
        assertEquals("330500", summary.path("project_query").path("city").asText());
    }

    @Test
    void aCql2ConditionNoParameterSaysNarrowsTheSnapshotAsItNarrowsTheItems() throws Exception {
        // a name pattern or 20 km around 湖州's centre: no parameter of ours says that, so the CQL2 condition itself runs
        String text = "name LIKE '%湖州%' OR S_DWITHIN(geometry, POINT(120.09 30.89), 20000)";
        List<String> expected = ids(getJson("/collections/projects/items?limit=10000&city=330500&filter="
                + URLEncoder.encode(text, StandardCharsets.UTF_8)));
        int inRegion = JSON.readTree(huzhou.get("projects.geojson")).path("features").size();
        assertTrue(expected.size() > 0 && expected.size() < inRegion, expected.size() + " of " + inRegion);
        Map<String, byte[]> asText = export("{\"region\": \"330500\", \"filters\": {\"filter\": " + JSON.writeValueAsString(text)
                + "}, \"formats\": [\"geojson\"]}");
        assertEquals(expected, ids(JSON.readTree(asText.get("projects.geojson"))));
        assertEquals(text, JSON.readTree(asText.get("summary.json")).path("filters").path("filter").asText());
        // the same in cql2-json, written in place in the filters
        String json = """
                {"op": "or", "args": [{"op": "like", "args": [{"property": "name"}, "%湖州%"]},
                 {"op": "s_dwithin", "args": [{"property": "geometry"}, {"type": "Point", "coordinates": [120.09, 30.89]}, 20000]}]}""";
        Map<String, byte[]> asJson = export("{\"region\": \"330500\", \"filters\": {\"filter\": " + json + "}, \"formats\": [\"geojson\"]}");
        assertEquals(expected, ids(JSON.readTree(asJson.get("projects.geojson"))));
        HttpResponse<byte[]> bad = server.post("/api/exports", "{\"region\": \"330500\", \"filters\": {\"filter\": \"name LIKE\"}}");
        assertEquals(400, bad.statusCode());
        assertTrue(new String(bad.body(), StandardCharsets.UTF_8).contains("column"), new String(bad.body(), StandardCharsets.UTF_8));
    }

    @Test
    void provinceAreaAndBoxRegionsMatchTheirItems() throws Exception {
        Map<String, byte[]> province = export("{\"region\": \"330000\", \"formats\": [\"geojson\"]}");
        assertEquals(ids(getJson("/collections/projects/items?limit=10000")), ids(JSON.readTree(province.get("projects.geojson"))));
        Map<String, byte[]> area = export("{\"region\": \"metro-hangzhou\", \"formats\": [\"geojson\"]}");
        assertEquals(ids(getJson("/collections/projects/items?limit=10000&area=metro-hangzhou")),
                ids(JSON.readTree(area.get("projects.geojson"))));
        Map<String, byte[]> box = export("{\"region\": [120.0, 30.0, 120.6, 30.5], \"formats\": [\"geojson\", \"png\"]}");
        assertEquals(ids(getJson("/collections/projects/items?limit=10000&bbox=120.0,30.0,120.6,30.5")),
                ids(JSON.readTree(box.get("projects.geojson"))));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(box.get("map.png"))));
    }

    @Test
    void badRegionFiltersOrFormatsAreRefusedNamingTheField() throws Exception {
        assertProblem("{\"region\": \"339999\"}", "region", "339999");
        assertProblem("{\"region\": \"no-such-area\"}", "region", "no-such-area");
        assertProblem("{}", "region", "required");
        assertProblem("{\"region\": [120.0, 30.0, 121.0]}", "region", "four numbers");
        assertProblem("{\"region\": [121.0, 30.0, 120.0, 31.0]}", "region", "min");
        assertProblem("{\"region\": [120.0, \"a\", 121.0, 31.0]}", "region", "not a number");
        assertProblem("{\"region\": \"330500\", \"filters\": {\"city\": \"33050\"}}", "city", "6-digit");
        assertProblem("{\"region\": \"330500\", \"filters\": {\"city\": \"330100\"}}", "filters.city", "conflicts");
        assertProblem("{\"region\": \"330500\", \"filters\": {\"colour\": \"red\"}}", "colour", "unknown");
        assertProblem("{\"region\": \"330500\", \"filters\": {\"datetime\": \"2023/2021\"}}", "datetime", "starts after");
        assertProblem("{\"region\": \"330500\", \"formats\": [\"pdf\"]}", "formats", "pdf");
        assertProblem("{\"region\": \"330500\", \"formats\": []}", "formats", "non-empty");
        assertProblem("{\"region\": \"330500\", \"generated_at\": \"yesterday\"}", "generated_at", "RFC 3339");
        assertProblem("not json", "body", "JSON");
    }

    private void assertProblem(String body, String field, String says) throws Exception {
        HttpResponse<byte[]> r = server.post("/api/exports", body);
        String text = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(400, r.statusCode(), body + " -> " + text);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), body);
        JsonNode p = JSON.readTree(text);
        assertEquals(field, p.path("parameter").asText(), body + " -> " + text);
        assertTrue(p.path("detail").asText().contains(says), body + " -> " + text);
    }

    @Test
    void writerStreamsTheSameSnapshotWithoutHttp(Database db) throws Exception {
        SnapshotRequest req;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.sql.Connection c = db.connection()) {
            req = new SnapshotRequest(Regions.resolve(c, "330500"), atlas.layers.ProjectFilter.none(),
                    SnapshotRequest.Format.DEFAULT, java.time.Instant.parse("2024-05-01T02:00:00Z"));
            SnapshotWriter.Result r = new SnapshotWriter(new atlas.layers.Layers()).write(c, req, out);
            assertEquals(JSON.readTree(huzhou.get("summary.json")).path("count").asLong(), r.projects());
            assertTrue(c.getAutoCommit(), "the connection is handed back as it came");
        }
        Map<String, byte[]> zip = ExportServer.unzip(out.toByteArray());
        for (String name : huzhou.keySet()) {
            assertArrayEquals(huzhou.get(name), zip.get(name), name + " is the same from the CLI's code path");
        }
        assertEquals("atlas-330500-湖州市-2024-05-01.zip", req.fileName(), "the region's code and name, no filters");
        SnapshotRequest filtered = new SnapshotRequest(req.region(), new atlas.layers.ProjectFilter(java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of("交通节点新城开发工程"),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty()), req.formats(), req.generatedAt());
        assertTrue(filtered.fileName().matches("atlas-330500-湖州市-筛选[0-9a-f]{6}-2024-05-01\\.zip"), filtered.fileName());
        assertTrue(filtered.asciiFileName().matches("atlas-330500-f[0-9a-f]{6}-2024-05-01\\.zip"), filtered.asciiFileName());
        assertEquals(BigDecimal.ZERO.signum(), 0);
    }
}
