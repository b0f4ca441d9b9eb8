package atlas.api;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a map client finds in the project tiles: at province scale the line projects (railways,
 * roads) of one category in a tile come as one feature with their number and investment; zoomed in,
 * each line is its own feature that a click can name.
 */
@ExtendWith(PostgisExtension.class)
class ProjectTilesTest {
    /** The z8 tile over 温州 and 丽水 (119.5-120.9°E, 27.1-28.3°N), which the seed lists' expressways cross. */
    private static final int X8 = 213;
    private static final int Y8 = 107;

    private static List<MvtReader.Feature> tile(TestServer server, int z, int x, int y) throws Exception {
        return MvtReader.features(tileBytes(server, z, x, y, false));
    }

    /** fresh: with Cache-Control: no-cache, as a client asking for the tile built now. */
    private static byte[] tileBytes(TestServer server, int z, int x, int y, boolean fresh) throws Exception {
        var request = server.request("/tiles/projects/" + z + "/" + x + "/" + y + ".mvt").GET();
        if (fresh) {
            request.header("Cache-Control", "no-cache");
        }
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    @Test
    void aTileAskedWithNoCacheIsBuiltNowAndIsTheTileServed(Database db, TestServer server) throws Exception {
        // z8 comes from the precomputed set; z12, over the first point project, is built on its first request and kept.
        int x12, y12;
        String fid;
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT floor((ST_X(geom) + 180) / 360 * 4096)::int,
                       floor((1 - ln(tan(radians(ST_Y(geom))) + 1 / cos(radians(ST_Y(geom)))) / pi()) / 2 * 4096)::int, fid
                FROM project WHERE GeometryType(geom) = 'POINT' AND counted ORDER BY id LIMIT 1""")) {
            rs.next();
            x12 = rs.getInt(1);
            y12 = rs.getInt(2);
            fid = rs.getString(3);
        }
        // The project the z12 tile was chosen by is in it when built now: the table's row, not our own answer, decides.
        assertTrue(MvtReader.features(tileBytes(server, 12, x12, y12, true)).stream()
                .anyMatch(f -> fid.equals(String.valueOf(f.properties().get("id")))), "project " + fid + " in its z12 tile");
        for (int[] t : new int[][]{{8, X8, Y8}, {12, x12, y12}}) {
            String which = java.util.Arrays.toString(t);
            byte[] served = tileBytes(server, t[0], t[1], t[2], false);
            byte[] again = tileBytes(server, t[0], t[1], t[2], false);
            byte[] fresh = tileBytes(server, t[0], t[1], t[2], true);
            assertFalse(MvtReader.features(served).isEmpty(), "tile " + which + " has projects");
            assertEquals(java.util.Arrays.toString(served), java.util.Arrays.toString(again), "the kept tile " + which);
            assertEquals(java.util.Arrays.toString(served), java.util.Arrays.toString(fresh), "the tile built now " + which);
        }
    }

    /** category -> fids of the line projects whose box touches tile z/x/y (the tile's own test, &&). */
    private static Map<String, Set<String>> linesIn(Connection c, int z, int x, int y) throws Exception {
        Map<String, Set<String>> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT category, fid FROM project, (SELECT ST_TileEnvelope(%d, %d, %d) AS b) t
                WHERE geom_3857 && t.b AND GeometryType(geom_3857) NOT IN ('POINT', 'MULTIPOINT')
                  -- a line whose box overlaps the tile but which passes outside it and its 64/4096 buffer is not drawn there
                  AND ST_Intersects(geom_3857, ST_Expand(t.b, (ST_XMax(t.b) - ST_XMin(t.b)) * 64 / 4096))"""
                .formatted(z, x, y))) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return out;
    }

    @Test
    void atProvinceScaleTheLinesOfOneCategoryAreOneFeature(Database db, TestServer server) throws Exception {
        Map<String, Set<String>> expected;
        try (Connection c = db.connection()) {
            expected = linesIn(c, 8, X8, Y8);
        }
        assertTrue(expected.values().stream().anyMatch(s -> s.size() >= 2), "the seed expressways near 温州: " + expected);
        List<MvtReader.Feature> lines = tile(server, 8, X8, Y8).stream()
                .filter(f -> f.type() == MvtReader.Type.LINESTRING).toList();
        assertEquals(expected.size(), lines.size(), "one line feature per category: " + lines);
        for (MvtReader.Feature f : lines) {
            Set<String> fids = expected.get((String) f.properties().get("category"));
            assertEquals(fids.size(), ((Number) f.properties().get("count")).intValue(), f.toString());
            assertTrue(f.parts() >= fids.size(), "every line is drawn: " + f);
            if (fids.size() > 1) {
                assertNull(f.properties().get("id"), "a merged feature names no single project: " + f);
                assertNull(f.properties().get("name"), f.toString());
            }
        }
    }

    @Test
    void zoomedInEachLineIsItsOwnFeatureWithItsId(Database db, TestServer server) throws Exception {
        // The four z9 tiles under the z8 one: every line project there, once per tile, with its id.
        int seen = 0;
        for (int dx = 0; dx < 2; dx++) {
            for (int dy = 0; dy < 2; dy++) {
                int x = 2 * X8 + dx;
                int y = 2 * Y8 + dy;
                Set<String> expected = new HashSet<>();
                try (Connection c = db.connection()) {
                    linesIn(c, 9, x, y).values().forEach(expected::addAll);
                }
                Set<String> ids = new HashSet<>();
                for (MvtReader.Feature f : tile(server, 9, x, y)) {
                    if (f.type() == MvtReader.Type.LINESTRING) {
                        assertEquals(1L, ((Number) f.properties().get("count")).longValue(), f.toString());
                        assertFalse(((String) f.properties().get("name")).isBlank(), f.toString());
                        ids.add((String) f.properties().get("id"));
                    }
                }
                assertEquals(expected, ids, "tile 9/" + x + "/" + y);
                seen += ids.size();
            }
        }
        assertTrue(seen >= 2, "lines in the z9 tiles under it: " + seen);
    }

    /**
     * The web map draws each tile on its own canvas: a project near a tile's edge must come in the
     * neighbour tile too (up to 16 px of 256 beyond it), or its circle is cut at the edge.
     */
    @Test
    void aProjectNearATileEdgeComesInTheNeighbourTileToo(Database db, TestServer server) throws Exception {
        int z = 12;
        int x = 3413;                                           // west edge at 119.970703125°E
        double west = x / Math.pow(2, z) * 360 - 180;
        double degreesPerPixel = 360 / (Math.pow(2, z) * 256);
        double lat = 30.0;
        int y = (int) Math.floor((1 - Math.log(Math.tan(Math.toRadians(lat)) + 1 / Math.cos(Math.toRadians(lat))) / Math.PI) / 2 * Math.pow(2, z));
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("""
                    INSERT INTO project (project_key, document_id, list_title, table_title, seq, name, category, raw, content_hash, precision, geom)
                    VALUES ('edge-near', (SELECT min(id) FROM source_document), '测试', '测试', '1', '贴边项目', '测试类', '{}'::jsonb, 'x', 'county',
                            ST_SetSRID(ST_MakePoint(%1$s, %3$s), 4326)),
                           ('edge-far', (SELECT min(id) FROM source_document), '测试', '测试', '2', '远边项目', '测试类', '{}'::jsonb, 'x', 'county',
                            ST_SetSRID(ST_MakePoint(%2$s, %3$s), 4326))"""
                    .formatted(west - 8 * degreesPerPixel, west - 40 * degreesPerPixel, lat));
            st.executeUpdate("UPDATE project SET properties = project_feature_properties(id) WHERE properties IS NULL");
        }
        java.util.function.BiFunction<Integer, Integer, Set<String>> names = (tx, tz) -> {
            try {
                Set<String> out = new HashSet<>();
                int ty = (int) Math.floor(y / Math.pow(2, z - tz));
                for (MvtReader.Feature f : tile(server, tz, tx, ty)) {
                    Object name = f.properties().get("name");
                    if (name != null) {
                        out.add((String) name);
                    }
                }
                return out;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        Set<String> own = names.apply(x - 1, z);
        Set<String> neighbour = names.apply(x, z);
        assertTrue(own.containsAll(Set.of("贴边项目", "远边项目")), "both lie in tile " + (x - 1) + ": " + own);
        assertTrue(neighbour.contains("贴边项目"), "8 px from its edge: also in the neighbour tile " + x + ": " + neighbour);
        assertFalse(neighbour.contains("远边项目"), "40 px from its edge: not in the neighbour tile: " + neighbour);
    }
}
