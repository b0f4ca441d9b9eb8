package atlas.gazetteer;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GazetteerTest {
    private Database db;
    private Gazetteer gazetteer;

    @BeforeAll
    void load(Database db) throws Exception {
        this.db = db;
        try (Connection c = db.connection()) {
            gazetteer = Gazetteer.load(c);
        }
    }

    private double scalar(String sql) throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    @Test
    void all90CurrentCountiesHaveTheirOwnValidPolygonAndNoneOverlap() throws Exception {
        assertEquals(90, scalar("SELECT count(*) FROM division WHERE level='county' AND valid_to IS NULL AND geom IS NOT NULL"));
        assertEquals(11, scalar("SELECT count(*) FROM division WHERE level='city' AND geom IS NOT NULL"));
        assertEquals(0, scalar("SELECT count(*) FROM division WHERE geom IS NOT NULL AND NOT (ST_IsValid(geom) AND ST_IsValid(geom_simple))"));
        // Overlap area between distinct counties, in km²: shared borders touch, interiors must not.
        double overlapKm2 = scalar("""
                SELECT coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) / 1e6
                FROM division a JOIN division b ON a.code < b.code AND ST_Intersects(a.geom, b.geom)
                WHERE a.level='county' AND b.level='county' AND a.valid_to IS NULL AND b.valid_to IS NULL""");
        assertTrue(overlapKm2 < 1.0, "counties overlap by " + overlapKm2 + " km²");
        assertEquals(0, scalar("SELECT count(*) FROM division WHERE geom IS NOT NULL AND NOT ST_Contains(geom, rep_point)"));
    }

    @ParameterizedTest(name = "{0} area within {2}% of {1} km²")
    @CsvSource({
            "330000, 105500, 3", "330100, 16850, 1", "330500, 5820, 1", "330700, 10942, 1", "330800, 8844, 1",
            "330600, 8274, 1", "331100, 17275, 1", "330200, 9816, 6", "330300, 12110, 6", "330400, 4237, 6",
            "331000, 10050, 6", "330900, 1459, 20"})
    void areasMatchOfficialFigures(String code, double officialKm2, double tolerancePercent) throws Exception {
        double km2 = scalar("SELECT ST_Area(geom::geography) / 1e6 FROM division WHERE code = '" + code + "'");
        double off = Math.abs(km2 - officialKm2) / officialKm2 * 100;
        assertTrue(off <= tolerancePercent, code + ": " + Math.round(km2) + " km² is " + Math.round(off * 10) / 10.0 + "% off " + officialKm2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "余杭, 330110", "萧山, 330109", "杭州市余杭区, 330110", "临安市, 330112", "玉环县, 331083",
            "桐乡, 330483", "桐乡市, 330483", "乌镇, 330483", "六横, 330903", "织里镇, 330502", "织里, 330502",
            "练市, 330503", "塘栖, 330113", "下沙, 330114", "龙港市, 330383", "临平区, 330113", "钱塘区, 330114"})
    void hardNamesResolveToOneCurrentCounty(String text, String code) {
        List<Candidate> found = gazetteer.lookup(text);
        assertEquals(List.of(code), found.stream().map(Candidate::code).distinct().toList(), text + " -> " + found);
        assertTrue(found.stream().noneMatch(c -> c.match().equals("ambiguous")));
    }

    @Test
    void oldNamesAreMarkedHistoricalAndRetiredCodesMapToSuccessors() {
        assertEquals("historical", gazetteer.lookup("临安市").get(0).match());
        assertEquals(List.of("330112"), gazetteer.currentCountiesFor("330185", Optional.of(2016)));
        assertEquals(List.of("330105"), gazetteer.currentCountiesFor("330103", Optional.of(2019)));
    }

    @Test
    void codeOfYesterdaysYuhangMayMeanTodaysLinping() {
        assertEquals(List.of("330110", "330113"), gazetteer.currentCountiesFor("330110", Optional.of(2019)));
        assertEquals(List.of("330110"), gazetteer.currentCountiesFor("330110", Optional.of(2022)));
        assertEquals(List.of("330327", "330383"), gazetteer.currentCountiesFor("330327", Optional.of(2018)));
    }

    @Test
    void aTownNameInTwoCountiesIsAmbiguousNotGuessed() throws Exception {
        String name;
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT alias FROM division_alias GROUP BY alias HAVING count(DISTINCT code) > 1 ORDER BY alias LIMIT 1")) {
            assertTrue(rs.next(), "the gazetteer knows no ambiguous names");
            name = rs.getString(1);
        }
        List<Candidate> found = gazetteer.lookup(name);
        assertTrue(found.size() > 1);
        assertTrue(found.stream().allMatch(c -> c.match().equals("ambiguous")), found.toString());
    }

    @Test
    void functionalZoneCodesHaveAHostCounty() {
        assertEquals(List.of("330282"), gazetteer.functionalZone("330252").orElseThrow().countyCodes());
        assertTrue(gazetteer.functionalZone("330191").orElseThrow().countyCodes().contains("330114"));
    }
}
