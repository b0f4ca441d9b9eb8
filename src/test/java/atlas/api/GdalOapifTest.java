package atlas.api;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GDAL's OGC API - Features driver (Debian's GDAL 3.6.2) as a real client: a filtered layer read in
 * CGCS2000 / 3-degree Gauss-Krüger CM 120E (EPSG:4549) holds what the items endpoint holds, where
 * PostGIS's ST_Transform puts it. GDAL 3.6.2 does not send CQL2: it knows only the draft 'cql-text'
 * (announced as a filter-lang enum in the OpenAPI document), so it sends the equality on a property
 * our OpenAPI lists as a query parameter (precision=county) and evaluates the rest itself; its debug
 * log (CPL_DEBUG=ON) says so, and this test pins it.
 */
@ExtendWith(PostgisExtension.class)
class GdalOapifTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(JsonNode features, String log) {
    }

    private static Run ogr2ogr(List<String> args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ogr2ogr", "-f", "GeoJSON", "/vsistdout/"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CPL_DEBUG", "ON");
        pb.environment().put("GDAL_HTTP_TIMEOUT", "60");
        Process p = pb.start();
        java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        String log = new String(err.get(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), log);
        return new Run(JSON.readTree(out), log);
    }

    @Test
    void gdalReadsAFilteredLayerInEpsg4549WherePostgisPutsIt(TestServer server, Database db) throws Exception {
        String where = "total_investment >= 10 AND precision = 'county'";
        Run run = ogr2ogr(List.of("OAPIF:" + server.url("/"), "projects", "-where", where, "-t_srs", "EPSG:4549",
                "-oo", "PAGE_SIZE=1000"));
        // GDAL 3.6.2: part of the filter on the server as our own parameter, no CQL2, the rest on the client
        assertTrue(run.log().contains("Only part of the filter will be evaluated on server side"), run.log());
        assertTrue(run.log().contains("/collections/projects/items?limit=1000&precision=county)"), run.log());
        assertTrue(!run.log().contains("filter="), run.log());
        JsonNode expected = JSON.readTree(server.get("/collections/projects/items?limit=10000&filter="
                + URLEncoder.encode(where, StandardCharsets.UTF_8)).body());
        long matched = expected.path("numberMatched").asLong();
        assertTrue(matched > 5, "a filter that picks some projects: " + matched);
        assertEquals(matched, run.features().path("features").size());

        // every point GDAL wrote (x = easting, y = northing) against ST_Transform of the stored point
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT ST_X(g), ST_Y(g) FROM (SELECT ST_Transform(geom, 4549) g FROM project WHERE fid = ?) x")) {
            int checked = 0;
            for (JsonNode f : run.features().path("features")) {
                if (!f.path("geometry").path("type").asText().equals("Point")) {
                    continue;
                }
                ps.setString(1, f.path("properties").path("id").asText());
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next(), f.path("properties").toString());
                    JsonNode xy = f.path("geometry").path("coordinates");
                    // the server writes 6 decimals of a degree (about 0.1 m)
                    assertEquals(rs.getDouble(1), xy.path(0).asDouble(), 0.12);
                    assertEquals(rs.getDouble(2), xy.path(1).asDouble(), 0.12);
                    checked++;
                }
            }
            assertTrue(checked > 0, "point projects compared");
        }
    }
}
