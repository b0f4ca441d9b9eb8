package atlas.lines;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled registry in PostGIS: every line has a course through its counties, and a bad registry changes nothing. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineStoreTest {
    private Database db;

    @BeforeAll
    void start(Database db) {
        this.db = db;
    }

    @Test
    void theBundledRegistryIsLoadedWithACoursePerLine() throws Exception {
        try (Connection c = db.connection()) {
            long lines = count(c, "SELECT count(*) FROM line");
            assertTrue(lines >= 2, "lines loaded: " + lines);
            assertEquals(0, count(c, "SELECT count(*) FROM line WHERE geom IS NULL OR ST_IsEmpty(geom)"),
                    scalar(c, "SELECT string_agg(name, '、') FROM line WHERE geom IS NULL OR ST_IsEmpty(geom)"));
            // Every county the course passes through by a node is one of the line's counties, and the
            // course touches each of them.
            assertEquals(0, count(c, """
                    SELECT count(*) FROM line l, unnest(l.county_codes) u(cc) JOIN division d ON d.code = u.cc
                    WHERE NOT ST_Intersects(ST_Buffer(l.geom, 0.001), d.geom)"""),
                    scalar(c, """
                    SELECT string_agg(l.name || ' ' || d.name, '、') FROM line l, unnest(l.county_codes) u(cc) JOIN division d ON d.code = u.cc
                    WHERE NOT ST_Intersects(ST_Buffer(l.geom, 0.001), d.geom)"""));
        }
    }

    @Test
    void aLineStaysOnLandExceptWhereItCrossesWater() throws Exception {
        try (Connection c = db.connection()) {
            // Clipped to the province: nothing of a course lies more than 100 m outside the land,
            // except the segments kept whole because the line itself crosses water there.
            String offshore = scalar(c, """
                    SELECT string_agg(DISTINCT l.name, '、') FROM line_segment s JOIN line l ON l.id = s.line_id,
                      (SELECT geom FROM division WHERE level = 'province') p
                    WHERE NOT s.crosses_sea AND NOT ST_IsEmpty(s.geom)
                      AND ST_Length(ST_Difference(s.geom, ST_Buffer(p.geom, 0.001))::geography) > 100""");
            assertEquals(null, offshore);
            // A bridge crosses the water whole: 六横公路大桥 from 北仑 over 梅山 and 佛渡 to 六横 is one unbroken line.
            assertEquals(1, count(c, """
                    SELECT count(*) FROM line WHERE name = '宁波舟山港六横公路大桥' AND ST_NumGeometries(geom) = 1
                      AND EXISTS (SELECT 1 FROM line_segment s WHERE s.line_id = line.id AND s.crosses_sea)"""));
        }
    }

    @Test
    void aBadRegistryIsRefusedAndTheLoadedOneStays(@TempDir Path root) throws Exception {
        Path f = Files.createDirectories(root.resolve("rail"));
        Files.writeString(f.resolve("lines.csv"), "line_id,kind,name,aliases,source_title,source_publisher,source_date,source_url,note\n"
                + "bad,rail,坏铁路,,某报道,某报,2024,,\n");
        // The coordinate is in 湖州, the node says 余杭区: the loader notices only in PostGIS.
        Files.writeString(f.resolve("nodes.csv"), "line_id,seq,node,county_code,outside,lon,lat,source_note\n"
                + "bad,1,甲,330110,,120.09,30.89,\nbad,2,乙,330521,,,,\n");
        try (Connection c = db.connection()) {
            long before = count(c, "SELECT count(*) FROM line");
            LineRegistryException e = assertThrows(LineRegistryException.class, () -> LineStore.load(c, root));
            assertTrue(e.getMessage().contains("line rail/bad (坏铁路), node 1 甲") && e.getMessage().contains("outside its county 330110"),
                    e.getMessage());
            assertEquals(before, count(c, "SELECT count(*) FROM line"));
            assertEquals(0, count(c, "SELECT count(*) FROM line WHERE id = 'rail/bad'"));
            assertTrue(c.getAutoCommit());
        }
    }

    @Test
    void theRegistryReadBackIsTheOneInTheFiles() throws Exception {
        try (Connection c = db.connection()) {
            LineRegistry stored = LineStore.read(c);
            LineRegistry files = LineRegistryFiles.read(TestDatabases.home().resolve("geodata/lines"),
                    new java.util.HashSet<>(List.of(scalar(c, "SELECT string_agg(code, ',') FROM division WHERE level = 'county'").split(","))));
            assertEquals(files.lines(), stored.lines());
        }
    }
}
