package atlas.export;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 规划院 analyst asks for 湖州市's projects over 10 亿元 as GeoPackage and Shapefile in CGCS2000 /
 * Gauss-Krüger 120°E (EPSG:4549), and opens them with GDAL: the same projects as the items endpoint,
 * where PostGIS puts them, names readable through the GBK .cpg.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GisFilesExportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILTER = "total_investment >= 10";
    private ExportServer server;
    private Database db;
    private Map<String, byte[]> zip;

    @BeforeAll
    void start(Database db) throws Exception {
        this.db = db;
        server = new ExportServer(db);
        String body = "{\"region\": \"330500\", \"formats\": [\"gpkg\", \"shp\"], \"crs\": \"EPSG:4549\","
                + " \"filters\": {\"filter\": \"" + FILTER + "\"}, \"generated_at\": \"2024-05-01T02:00:00Z\"}";
        HttpResponse<byte[]> r = server.post("/api/exports", body);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        zip = ExportServer.unzip(r.body());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private List<String> expectedIds() throws Exception {
        HttpResponse<String> r = server.get("/collections/projects/items?limit=10000&city=330500&filter="
                + URLEncoder.encode(FILTER, StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        List<String> ids = new ArrayList<>();
        JSON.readTree(r.body()).path("features").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }

    /** A layer read by GDAL as GeoJSON (coordinates as stored, no reprojection). */
    private static JsonNode read(Path file, String layer) throws Exception {
        Process p = new ProcessBuilder("ogr2ogr", "-f", "GeoJSON", "/vsistdout/", file.toString(), layer).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return JSON.readTree(out);
    }

    @Test
    void theGeoPackageHoldsTheFilteredProjectsWherePostgisPutsThemInEpsg4549(@TempDir Path dir) throws Exception {
        assertEquals(List.of("projects.gpkg", "projects-shp.zip", "summary.json", "README.txt"), List.copyOf(zip.keySet()));
        Path gpkg = dir.resolve("projects.gpkg");
        Files.write(gpkg, zip.get("projects.gpkg"));
        JsonNode projects = read(gpkg, "projects");
        List<String> expected = expectedIds();
        assertTrue(expected.size() > 3, "湖州市 has projects of 10 亿元 and more: " + expected.size());
        List<String> got = new ArrayList<>();
        projects.path("features").forEach(f -> got.add(f.path("properties").path("id").asText(f.path("id").asText())));
        assertEquals(expected.size(), projects.path("features").size());
        int checked = 0;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(geom, 4549) g FROM project WHERE name = ? AND GeometryType(geom) = 'POINT') x")) {
            for (JsonNode f : projects.path("features")) {
                if (!f.path("geometry").path("type").asText().equals("Point")) {
                    continue;
                }
                ps.setString(1, f.path("properties").path("name").asText());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        // a GeoPackage stores x = easting, y = northing; the files are made from the snapshot's
                        // GeoJSON, whose 6 decimals of a degree are about 0.1 m
                        assertEquals(rs.getDouble(1), f.path("geometry").path("coordinates").path(0).asDouble(), 0.12);
                        assertEquals(rs.getDouble(2), f.path("geometry").path("coordinates").path(1).asDouble(), 0.12);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 0, "point projects compared with ST_Transform");
        assertTrue(read(gpkg, "areas").path("features").size() > 1, "the areas layer is in the GeoPackage too");
        JsonNode summary = JSON.readTree(zip.get("summary.json"));
        assertEquals("http://www.opengis.net/def/crs/EPSG/0/4549", summary.path("gpkg_shp_crs").asText());
        // the filter's one term is our min_investment parameter, and is stamped as such
        assertEquals("10", summary.path("filters").path("min_investment").asText(), summary.path("filters").toString());
    }

    @Test
    void theShapefilesAreGbkWithACpgAndTheCgcs2000Projection(@TempDir Path dir) throws Exception {
        Map<String, byte[]> shp = ExportServer.unzip(zip.get("projects-shp.zip"));
        assertTrue(shp.containsKey("projects_point.shp") && shp.containsKey("projects_point.dbf")
                && shp.containsKey("projects_point.shx") && shp.containsKey("projects_point.prj"), shp.keySet().toString());
        assertEquals("936", new String(shp.get("projects_point.cpg"), StandardCharsets.US_ASCII));
        String prj = new String(shp.get("projects_point.prj"), StandardCharsets.US_ASCII);
        assertTrue(prj.contains("CGCS2000") && prj.contains("120"), prj);
        for (Map.Entry<String, byte[]> e : shp.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        int features = 0;
        List<String> names = new ArrayList<>();
        for (String layer : List.of("projects_point", "projects_line", "projects_polygon", "projects_unplaced")) {
            if (shp.containsKey(layer + ".dbf")) {
                JsonNode fc = read(dir.resolve(layer + ".shp"), layer);
                features += fc.path("features").size();
                fc.path("features").forEach(f -> names.add(f.path("properties").path("name").asText()));
            }
        }
        assertEquals(expectedIds().size(), features, "every filtered project in one of the shapefiles");
        // the names come back through GBK as the items endpoint writes them
        HttpResponse<String> items = server.get("/collections/projects/items?limit=10000&city=330500&filter="
                + URLEncoder.encode(FILTER, StandardCharsets.UTF_8));
        List<String> expectedNames = new ArrayList<>();
        JSON.readTree(items.body()).path("features").forEach(f -> expectedNames.add(f.path("properties").path("name").asText()));
        assertEquals(new java.util.TreeSet<>(expectedNames), new java.util.TreeSet<>(names));
        // the dBASE file holds GBK bytes, not UTF-8
        String first = expectedNames.get(0);
        byte[] dbf = shp.get(shp.containsKey("projects_point.dbf") ? "projects_point.dbf" : "projects_line.dbf");
        String asGbk = new String(dbf, java.nio.charset.Charset.forName("GBK"));
        assertTrue(names.stream().anyMatch(asGbk::contains), "a project name read as GBK from the .dbf");
        assertTrue(first.length() > 0);
    }
}
