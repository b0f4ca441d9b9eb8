package atlas.gazetteer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces county polygons from a GeoJSON FeatureCollection (lon/lat WGS84) and rebuilds what is
 * derived from them: city and province by ST_Union, representative points, simplified shapes.
 * Runs inside the caller's transaction; throws BoundaryImportException (caller rolls back) when a
 * feature is rejected and partial import was not asked for.
 */
public final class BoundaryStore {
    /** Tolerance in degrees (~500 m) for the small-scale versions the map shows below zoom 9. */
    static final double SIMPLIFY_DEGREES = 0.005;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection c;

    public BoundaryStore(Connection c) {
        this.c = c;
    }

    public BoundaryReport replaceCounties(String geojson, String source, String vintage, boolean partial) throws SQLException {
        JsonNode root;
        try {
            root = JSON.readTree(geojson);
        } catch (java.io.IOException e) {
            throw new BoundaryImportException("the file is not valid JSON: " + e.getMessage(), List.of());
        }
        JsonNode features = root.path("features");
        if (!features.isArray() || features.isEmpty()) {
            throw new BoundaryImportException("the file holds no GeoJSON features", List.of());
        }
        Set<String> currentCounties = currentCountyCodes();
        List<BoundaryReport.Rejection> rejected = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        List<String> repaired = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TEMP TABLE IF NOT EXISTS boundary_staging (code text PRIMARY KEY, geom geometry(MultiPolygon,4326))");
            st.execute("TRUNCATE boundary_staging");
        }
        int index = 0;
        for (JsonNode f : features) {
            index++;
            String code = codeOf(f.path("properties"));
            String label = "feature " + index + (code == null ? "" : " (code " + code + ")");
            if (code == null) {
                rejected.add(new BoundaryReport.Rejection(index, null, label + ": no division code in properties (code, adcode, gb, PAC or XZQDM)"));
                continue;
            }
            if (!currentCounties.contains(code)) {
                rejected.add(new BoundaryReport.Rejection(index, code, label + ": code is not a current county-level division of Zhejiang in the gazetteer"));
                continue;
            }
            String reason = stage(code, f.path("geometry").toString(), repaired);
            if (reason != null) {
                rejected.add(new BoundaryReport.Rejection(index, code, label + ": " + reason));
            } else {
                replaced.add(code);
            }
        }
        if (!rejected.isEmpty() && !partial) {
            throw new BoundaryImportException(rejected.size() + " feature(s) rejected; nothing was changed (use --partial to load the others)", rejected);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE division d SET geom = s.geom, boundary_source = ?, boundary_vintage = ?
                FROM boundary_staging s WHERE d.code = s.code""")) {
            ps.setString(1, source);
            ps.setString(2, vintage);
            ps.executeUpdate();
        }
        rebuildDerived(c);
        Set<String> missing = new HashSet<>(currentCounties);
        missing.removeAll(replaced);
        return new BoundaryReport(replaced.size(), repaired, rejected, missing.stream().sorted().toList());
    }

    /** Validates and stages one geometry; returns the rejection reason or null. */
    private String stage(String code, String geometryJson, List<String> repaired) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH g AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(?), 4326) AS g),
                     checked AS (SELECT g, ST_IsValid(g) AS valid, ST_IsValidReason(g) AS why,
                                        ST_XMin(g) BETWEEN 110 AND 130 AND ST_XMax(g) BETWEEN 110 AND 130
                                        AND ST_YMin(g) BETWEEN 20 AND 40 AND ST_YMax(g) BETWEEN 20 AND 40 AS in_zhejiang
                                 FROM g),
                     fixed AS (SELECT *, ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) AS m FROM checked)
                SELECT valid, why, in_zhejiang, ST_IsEmpty(m) AS empty, m FROM fixed""")) {
            ps.setString(1, geometryJson);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean("in_zhejiang")) {
                    c.rollback(sp);
                    return "coordinates are not longitude/latitude degrees in Zhejiang (a projected CRS or swapped axes?)";
                }
                if (rs.getBoolean("empty")) {
                    c.rollback(sp);
                    return "no polygon left after repair: " + rs.getString("why");
                }
                if (!rs.getBoolean("valid")) {
                    repaired.add(code + ": " + rs.getString("why"));
                }
                try (PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO boundary_staging (code, geom) VALUES (?, ?::geometry) ON CONFLICT (code) DO UPDATE SET geom = ST_Multi(ST_Union(boundary_staging.geom, excluded.geom))")) {
                    ins.setString(1, code);
                    ins.setObject(2, rs.getObject("m"));
                    ins.executeUpdate();
                }
            }
            c.releaseSavepoint(sp);
            return null;
        } catch (SQLException e) {
            c.rollback(sp);
            return "geometry cannot be read: " + e.getMessage().lines().findFirst().orElse("");
        }
    }

    /** City and province shapes are unions of their counties; points and small-scale shapes follow. */
    static void rebuildDerived(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("""
                    UPDATE division city SET geom = u.geom, boundary_source = u.src, boundary_vintage = u.vintage
                    FROM (SELECT parent_code, ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) AS geom,
                                 min(boundary_source) AS src, min(boundary_vintage) AS vintage
                          FROM division WHERE level = 'county' AND valid_to IS NULL AND geom IS NOT NULL
                          GROUP BY parent_code) u
                    WHERE city.code = u.parent_code""");
            st.execute("""
                    UPDATE division p SET geom = u.geom, boundary_source = u.src, boundary_vintage = u.vintage
                    FROM (SELECT ST_Multi(ST_CollectionExtract(ST_Union(geom), 3)) AS geom,
                                 min(boundary_source) AS src, min(boundary_vintage) AS vintage
                          FROM division WHERE level = 'city' AND valid_to IS NULL AND geom IS NOT NULL) u
                    WHERE p.level = 'province'""");
            st.execute("UPDATE division SET rep_point = ST_PointOnSurface(geom), "
                    + "geom_simple = ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_SimplifyPreserveTopology(geom, "
                    + SIMPLIFY_DEGREES + ")), 3)) WHERE geom IS NOT NULL");
        }
    }

    private Set<String> currentCountyCodes() throws SQLException {
        Set<String> codes = new HashSet<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT code FROM division WHERE level = 'county' AND valid_to IS NULL")) {
            while (rs.next()) {
                codes.add(rs.getString(1));
            }
        }
        return codes;
    }

    /** The 6-digit code from the usual property names of official and packaged boundary files. */
    static String codeOf(JsonNode props) {
        for (String key : List.of("code", "adcode", "gb", "PAC", "XZQDM", "xzqdm")) {
            String v = props.path(key).asText("").trim();
            if (v.startsWith("156") && v.length() == 9) {
                v = v.substring(3);
            }
            if (v.matches("[0-9]{6}([0-9]*)")) {
                return v.substring(0, 6);
            }
        }
        return null;
    }
}
