package atlas.export;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every SQL statement of the export room (read-only): the region's shape, its counties and the plan
 * areas that touch it (as GeoJSON and as geometries for the picture), names, and the data version.
 * Project features themselves come from atlas.layers (the same SQL as the items endpoint).
 */
final class ExportSql {
    private static final String CURRENT_COUNTY = "d.level = 'county' AND d.valid_to IS NULL AND d.geom IS NOT NULL";

    private ExportSql() {
    }

    /** The region's geometry as a SQL expression, with its parameters. */
    private record Shape(String sql, List<Object> params) {
    }

    private static Shape shape(Region r) {
        return switch (r.kind()) {
            case PROVINCE, CITY, COUNTY -> new Shape("(SELECT geom FROM division WHERE code = ?)", List.of(r.key()));
            case AREA -> new Shape("(SELECT ST_MakeValid(geom) FROM plan_area WHERE id = ?)", List.of(r.key()));
            case BBOX -> {
                double[] b = r.bbox().orElseThrow();
                yield new Shape("ST_MakeEnvelope(?, ?, ?, ?, 4326)", List.of(b[0], b[1], b[2], b[3]));
            }
        };
    }

    /** The condition that picks the region's own counties (alias d), with its parameters. */
    private static Shape countiesOf(Region r) {
        return switch (r.kind()) {
            case PROVINCE -> new Shape("TRUE", List.of());
            case CITY -> new Shape("d.parent_code = ?", List.of(r.key()));
            case COUNTY -> new Shape("d.code = ?", List.of(r.key()));
            case AREA, BBOX -> {
                // Counties that really share ground with the region (not a sliver along a shared edge).
                Shape s = shape(r);
                List<Object> p = new ArrayList<>(s.params());
                p.addAll(s.params());
                yield new Shape("ST_Intersects(d.geom, " + s.sql() + ") AND ST_Area(ST_Intersection(d.geom, " + s.sql()
                        + ")) > 0.01 * ST_Area(d.geom)", p);
            }
        };
    }

    private static List<Object> concat(List<?>... lists) {
        List<Object> out = new ArrayList<>();
        for (List<?> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /** areas.geojson features, in a stable order: the region, its counties (by code), the plan areas (by kind, id). */
    static void areaFeatures(Connection c, Region r, Consumer<String> out) throws SQLException {
        Shape s = shape(r);
        String regionProps = switch (r.kind()) {
            case AREA -> "'kind', a.kind, 'approximate', a.approximate";
            default -> "'level', " + (r.kind() == Region.Kind.BBOX ? "'bbox'" : "(SELECT level FROM division WHERE code = ?)");
        };
        String regionSql = r.kind() == Region.Kind.AREA
                ? "SELECT json_build_object('type', 'Feature', 'id', 'region', 'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(a.geom), 6)::json,"
                  + " 'properties', json_build_object('layer', 'region', 'id', a.id, 'name', a.name, " + regionProps + "))::text"
                  + " FROM plan_area a WHERE a.id = ?"
                : "SELECT json_build_object('type', 'Feature', 'id', 'region', 'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(g), 6)::json,"
                  + " 'properties', json_build_object('layer', 'region', 'code', ?::text, 'name', ?::text, " + regionProps + "))::text"
                  + " FROM (SELECT " + s.sql() + " AS g) x";
        List<Object> regionParams = switch (r.kind()) {
            case AREA -> List.of(r.key());
            case BBOX -> concat(List.of(r.key(), r.name()), s.params());
            default -> concat(List.of(r.key(), r.name(), r.key()), s.params());
        };
        query(c, regionSql, regionParams, rs -> out.accept(rs.getString(1)));

        Shape counties = countiesOf(r);
        query(c, """
                SELECT json_build_object('type', 'Feature', 'id', d.code,
                  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(d.geom), 6)::json,
                  'properties', json_build_object('layer', 'county', 'code', d.code, 'name', d.name,
                     'parent_code', d.parent_code, 'boundary_source', d.boundary_source,
                     'boundary_vintage', d.boundary_vintage))::text
                FROM division d WHERE %s AND %s ORDER BY d.code""".formatted(CURRENT_COUNTY, counties.sql()),
                counties.params(), rs -> out.accept(rs.getString(1)));

        query(c, """
                SELECT json_build_object('type', 'Feature', 'id', a.id,
                  'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(a.geom), 6)::json,
                  'properties', json_build_object('layer', 'plan_area', 'id', a.id, 'kind', a.kind, 'name', a.name,
                     'parent', a.parent_id, 'approximate', a.approximate, 'assumption', a.assumption))::text
                FROM plan_area a, (SELECT %s AS g) r
                WHERE a.geom IS NOT NULL AND a.id <> ? AND ST_Intersects(a.geom, r.g) AND NOT ST_Touches(a.geom, r.g)
                ORDER BY a.kind, a.id""".formatted(s.sql()),
                concat(s.params(), List.of(r.kind() == Region.Kind.AREA ? r.key() : "")), rs -> out.accept(rs.getString(1)));
    }

    /** One county for the picture: in the region or a neighbour (drawn grey). */
    record County(String code, String name, Geometry geom, double labelLon, double labelLat, boolean inRegion) {
    }

    /** One plan area for the picture, clipped to the region. */
    record Area(String id, String kind, String name, boolean approximate, Geometry geom) {
    }

    static Geometry regionGeometry(Connection c, Region r) throws SQLException {
        Shape s = shape(r);
        Geometry[] g = new Geometry[1];
        query(c, "SELECT ST_AsBinary(" + s.sql() + ")", s.params(), rs -> g[0] = wkb(rs.getBytes(1)));
        return g[0];
    }

    /** Counties whose shape reaches into the frame [minLon, minLat, maxLon, maxLat], by code. */
    static List<County> counties(Connection c, Region r, double[] frame) throws SQLException {
        Shape own = countiesOf(r);
        List<County> out = new ArrayList<>();
        query(c, """
                SELECT d.code, d.name, ST_AsBinary(d.geom), ST_X(d.rep_point), ST_Y(d.rep_point), (%s) AS own
                FROM division d WHERE %s AND d.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) ORDER BY d.code"""
                .formatted(own.sql(), CURRENT_COUNTY),
                concat(own.params(), List.of(frame[0], frame[1], frame[2], frame[3])),
                rs -> out.add(new County(rs.getString(1), rs.getString(2), wkb(rs.getBytes(3)), rs.getDouble(4),
                        rs.getDouble(5), rs.getBoolean(6))));
        return out;
    }

    /** City outlines reaching into the frame (drawn over the counties, labelled on province maps). */
    static List<County> cities(Connection c, double[] frame) throws SQLException {
        List<County> out = new ArrayList<>();
        query(c, """
                SELECT d.code, d.name, ST_AsBinary(d.geom), ST_X(d.rep_point), ST_Y(d.rep_point)
                FROM division d WHERE d.level = 'city' AND d.valid_to IS NULL AND d.geom IS NOT NULL
                  AND d.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326) ORDER BY d.code""",
                List.of(frame[0], frame[1], frame[2], frame[3]),
                rs -> out.add(new County(rs.getString(1), rs.getString(2), wkb(rs.getBytes(3)), rs.getDouble(4),
                        rs.getDouble(5), true)));
        return out;
    }

    /** Plan areas sharing ground with the region, clipped to it, by kind and id (the region itself left out). */
    static List<Area> areas(Connection c, Region r) throws SQLException {
        Shape s = shape(r);
        List<Area> out = new ArrayList<>();
        query(c, """
                SELECT a.id, a.kind, a.name, a.approximate, ST_AsBinary(ST_CollectionExtract(ST_Intersection(ST_MakeValid(a.geom), r.g), 3))
                FROM plan_area a, (SELECT %s AS g) r
                WHERE a.geom IS NOT NULL AND a.id <> ? AND ST_Intersects(a.geom, r.g) AND NOT ST_Touches(a.geom, r.g)
                ORDER BY a.kind, a.id""".formatted(s.sql()),
                concat(s.params(), List.of(r.kind() == Region.Kind.AREA ? r.key() : "")),
                rs -> {
                    Geometry g = wkb(rs.getBytes(5));
                    if (g != null && !g.isEmpty()) {
                        out.add(new Area(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), g));
                    }
                });
        return out;
    }

    /** code -> name of every division (current and retired), for city names in the tables. */
    static Map<String, String> divisionNames(Connection c) throws SQLException {
        Map<String, String> names = new LinkedHashMap<>();
        query(c, "SELECT code, name FROM division ORDER BY code", List.of(), rs -> names.put(rs.getString(1), rs.getString(2)));
        return names;
    }

    /** A source document: its file, and its title, 文号 and date where known (null otherwise). */
    record SourceDocument(String fileName, String sha256, String title, String number, String date) {
        /** 《title》（文号，date）, or the file name when the document has no title. */
        String label() {
            if (title == null) {
                return fileName;
            }
            String extra = java.util.stream.Stream.of(number, date).filter(java.util.Objects::nonNull)
                    .collect(java.util.stream.Collectors.joining("，"));
            return "《" + title + "》" + (extra.isEmpty() ? "" : "（" + extra + "）");
        }
    }

    static List<SourceDocument> sourceDocuments(Connection c) throws SQLException {
        List<SourceDocument> out = new ArrayList<>();
        query(c, "SELECT file_name, sha256, title, doc_number, issued_on::text FROM source_document ORDER BY file_name, sha256",
                List.of(), rs -> out.add(new SourceDocument(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))));
        return out;
    }

    record Boundary(String source, String vintage, long counties) {
    }

    static List<Boundary> boundaries(Connection c) throws SQLException {
        List<Boundary> out = new ArrayList<>();
        query(c, "SELECT coalesce(d.boundary_source, '未注明'), coalesce(d.boundary_vintage, '未注明'), count(*) FROM division d WHERE "
                        + CURRENT_COUNTY + " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2", List.of(),
                rs -> out.add(new Boundary(rs.getString(1), rs.getString(2), rs.getLong(3))));
        return out;
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, List<Object> params, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private static Geometry wkb(byte[] bytes) throws SQLException {
        if (bytes == null) {
            return null;
        }
        try {
            return new WKBReader().read(bytes);
        } catch (ParseException e) {
            throw new SQLException("unreadable geometry: " + e.getMessage(), e);
        }
    }
}
