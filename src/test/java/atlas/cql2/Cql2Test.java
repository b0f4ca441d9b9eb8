package atlas.cql2;

import atlas.crs.Crs;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser and translator alone: the two encodings agree, errors say where, values stay out of the SQL. */
class Cql2Test {
    static final Map<String, Queryable> Q = new LinkedHashMap<>();

    static {
        Q.put("name", new Queryable("name", "t.name", Queryable.Type.STRING, ""));
        Q.put("amount", new Queryable("amount", "t.amount", Queryable.Type.NUMBER, ""));
        Q.put("start_year", new Queryable("start_year", "t.y0", Queryable.Type.YEAR, ""));
        Q.put("years", new Queryable("years", "t.y0|t.y1", Queryable.Type.YEARS, ""));
        Q.put("codes", new Queryable("codes", "t.codes", Queryable.Type.STRING_ARRAY, ""));
        Q.put("geometry", new Queryable("geometry", "t.geom", Queryable.Type.GEOMETRY, ""));
    }

    static Cql2Where.Condition text(String f) {
        return Cql2.where(f, Cql2.TEXT, Q, Crs.CRS84);
    }

    static Cql2Where.Condition json(String f) {
        return Cql2.where(f, Cql2.JSON, Q, Crs.CRS84);
    }

    @Test
    void textAndJsonTranslateAlike() {
        Cql2Where.Condition t = text("name LIKE '杭州%' AND amount BETWEEN 1 AND 2.5 AND NOT start_year IN (2020, 2021)");
        Cql2Where.Condition j = json("""
                {"op":"and","args":[
                  {"op":"like","args":[{"property":"name"},"杭州%"]},
                  {"op":"between","args":[{"property":"amount"},1,2.5]},
                  {"op":"not","args":[{"op":"in","args":[{"property":"start_year"},[2020,2021]]}]}]}""");
        assertEquals("((t.name LIKE ?::text) AND (t.amount BETWEEN ?::numeric AND ?::numeric) AND (NOT (t.y0 = ANY(?::text[]::numeric[]))))", t.sql());
        assertEquals(t.sql(), j.sql());
        assertEquals("杭州%", t.params().get(0));
        assertEquals(0, new java.math.BigDecimal("2.5").compareTo((java.math.BigDecimal) t.params().get(2)));
        assertArrayEquals(new String[]{"2020", "2021"}, (String[]) t.params().get(3));
        assertArrayEquals((String[]) t.params().get(3), (String[]) j.params().get(3));
    }

    @Test
    void keywordsAreCaseInsensitiveAndQuotesDouble() {
        Cql2Where.Condition c = text("name like 'it''s' or casei(name) = 'x'");
        assertEquals("((t.name LIKE ?::text) OR (lower(t.name) = ?::text))", c.sql());
        assertEquals(List.of("it's", "x"), c.params());
    }

    @Test
    void temporalPredicatesWorkOnSpansOfYears() {
        Cql2Where.Condition c = text("T_INTERSECTS(years, INTERVAL('2021-01-01', '..'))");
        assertEquals("(t.y0 <= ?::int AND t.y1 >= ?::int)", c.sql());
        assertEquals(List.of(100_000, 2021), c.params());
        Cql2Where.Condition before = text("t_before(start_year, DATE('2020-06-30'))");
        assertEquals("(t.y0 < ?::int)", before.sql());
        assertEquals(List.of(2020), before.params());
    }

    @Test
    void arrayAndSpatialPredicates() {
        Cql2Where.Condition a = text("A_OVERLAPS(codes, ('330106', '330108'))");
        assertEquals("(t.codes && ?::text[])", a.sql());
        Cql2Where.Condition s = text("S_INTERSECTS(geometry, BBOX(120, 30, 120.5, 30.5)) AND S_DWITHIN(geometry, POINT(120.1 30.2), 500)");
        assertTrue(s.sql().startsWith("(ST_Intersects(t.geom, ST_Transform(ST_GeomFromWKB(?, ?::int), 4326)) AND (t.geom && ST_Expand("), s.sql());
        // the point's WKB is bound once per place it is used
        assertEquals(2 + 2 * 4 + 2, s.params().size());
        assertEquals(4326, s.params().get(1));
    }

    @Test
    void aLatitudeFirstCrsSwapsAxesAndChecksThem() {
        Crs epsg4326 = Crs.byUri("http://www.opengis.net/def/crs/EPSG/0/4326").orElseThrow();
        Cql2Where.Condition c = Cql2.where("S_WITHIN(geometry, POINT(30.2 120.1))", Cql2.TEXT, Q, epsg4326);
        assertTrue(c.sql().contains("ST_FlipCoordinates"), c.sql());
        Crs gk = Crs.byUri("EPSG:4549").orElseThrow();
        Cql2Exception e = assertThrows(Cql2Exception.class, () -> Cql2.where("S_WITHIN(geometry, POINT(3351162 514432))", Cql2.TEXT, Q, gk));
        assertTrue(e.getMessage().contains("lies outside http://www.opengis.net/def/crs/EPSG/0/4549"), e.getMessage());
        // straight lines in a projected CRS are curved in CRS84: densified before the transformation
        assertTrue(Cql2.where("S_WITHIN(geometry, POINT(514432 3351162))", Cql2.TEXT, Q, gk).sql().contains("ST_Segmentize"));
    }

    @Test
    void syntaxErrorsNameTheirPosition() {
        Cql2Exception e = assertThrows(Cql2Exception.class, () -> text("name = 'a' AND\n  amount >> 3"));
        assertTrue(e.getMessage().startsWith("line 2, column 11: syntax error near '>'"), e.getMessage());
        Cql2Exception j = assertThrows(Cql2Exception.class, () -> json("{\"op\":\"and\",\"args\":[{\"op\":\"=\",\"args\":[1]}, true]}"));
        assertTrue(j.getMessage().startsWith("JSON /args/0: '=' takes 2 arguments"), j.getMessage());
        Cql2Exception open = assertThrows(Cql2Exception.class, () -> text("name = 'unterminated"));
        assertTrue(open.getMessage().startsWith("line 1, column 8"), open.getMessage());
    }

    @Test
    void propertiesAndTypesAreChecked() {
        Cql2Exception unknown = assertThrows(Cql2Exception.class, () -> text("colour = 'red'"));
        assertTrue(unknown.getMessage().contains("unknown property 'colour'; queryables: amount, codes, geometry, name, start_year, years"),
                unknown.getMessage());
        Cql2Exception type = assertThrows(Cql2Exception.class, () -> text("amount = 'ten'"));
        assertEquals("line 1, column 1: '=' compares a number with a character string", type.getMessage());
        assertThrows(Cql2Exception.class, () -> text("POLYGON((0 0, 1 0, 1 1)) = geometry"));
        Cql2Exception ring = assertThrows(Cql2Exception.class, () -> text("S_INTERSECTS(geometry, POLYGON((120 30, 121 30, 121 31)))"));
        assertTrue(ring.getMessage().contains("not a valid geometry"), ring.getMessage());
    }
}
