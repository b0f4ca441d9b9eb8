package atlas.layers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Mapbox vector tiles built by ST_AsMVT, one layer per tile named after the collection. */
public final class Tiles {
    /** Up to this zoom, project points are aggregated per 16-pixel cell of the 4096-unit tile. */
    public static final int CLUSTER_MAX_ZOOM = 10;

    public byte[] tile(Connection c, Collection col, int z, int x, int y, ProjectFilter filter) throws SQLException {
        String rows;
        List<Object> params = new ArrayList<>();
        switch (col.kind()) {
            case PROJECT -> {
                ProjectFilter.Sql where = filter.toSql();
                if (z <= CLUSTER_MAX_ZOOM) {
                    // Small scales: points that fall in one 16-pixel cell become one feature with a count
                    // and the summed investment; lines stay lines.
                    rows = """
                            SELECT ST_AsMVTGeom(ST_Centroid(ST_Collect(p.geom_3857)), t.b, 4096, 64, true) AS geom,
                                   CASE WHEN count(*) = 1 THEN min(p.fid) END AS id,
                                   CASE WHEN count(*) = 1 THEN min(p.name) END AS name,
                                   CASE WHEN count(DISTINCT p.category) = 1 THEN min(p.category) END AS category,
                                   count(*) AS count, sum(p.total_investment)::float8 AS total_investment
                            FROM project p, t
                            WHERE p.geom_3857 && t.b AND GeometryType(p.geom_3857) IN ('POINT', 'MULTIPOINT') AND %1$s
                            GROUP BY t.b, ST_SnapToGrid(ST_PointOnSurface(p.geom_3857), t.cell)
                            UNION ALL
                            SELECT ST_AsMVTGeom(p.geom_3857, t.b, 4096, 64, true), p.fid, p.name, p.category, 1,
                                   p.total_investment::float8
                            FROM project p, t
                            WHERE p.geom_3857 && t.b AND GeometryType(p.geom_3857) NOT IN ('POINT', 'MULTIPOINT') AND %1$s"""
                            .formatted(where.where());
                    params.addAll(where.params());
                    params.addAll(where.params());
                } else {
                    rows = """
                            SELECT ST_AsMVTGeom(p.geom_3857, t.b, 4096, 64, true) AS geom,
                                   p.fid AS id, p.name, p.category, p.nature, p.precision,
                                   p.total_investment::float8 AS total_investment
                            FROM project p, t WHERE p.geom_3857 && t.b AND %s""".formatted(where.where());
                    params.addAll(where.params());
                }
            }
            case DIVISION -> rows = """
                    SELECT ST_AsMVTGeom(ST_Transform(CASE WHEN %d < 9 THEN d.geom_simple ELSE d.geom END, 3857), t.b, 4096, 64, true) AS geom,
                           d.code, d.name, d.level, d.boundary_vintage
                    FROM division d, t WHERE d.geom && t.b4326 AND %s""".formatted(z, col.filter());
            case PLAN_AREA -> rows = """
                    SELECT ST_AsMVTGeom(ST_Transform(CASE WHEN %d < 9 THEN a.geom_simple ELSE a.geom END, 3857), t.b, 4096, 64, true) AS geom,
                           a.id, a.kind, a.name, a.approximate
                    FROM plan_area a, t WHERE a.geom && t.b4326 AND %s""".formatted(z, col.filter());
            default -> throw new IllegalStateException();
        }
        String sql = """
                WITH t AS (SELECT ST_TileEnvelope(?, ?, ?) AS b, ST_Transform(ST_TileEnvelope(?, ?, ?), 4326) AS b4326,
                                  (ST_XMax(ST_TileEnvelope(?, ?, ?)) - ST_XMin(ST_TileEnvelope(?, ?, ?))) / 256 AS cell),
                     m AS (%s)
                SELECT ST_AsMVT(m.*, ?, 4096, 'geom') FROM m WHERE m.geom IS NOT NULL""".formatted(rows);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int round = 0; round < 4; round++) {
                ps.setInt(i++, z);
                ps.setInt(i++, x);
                ps.setInt(i++, y);
            }
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            ps.setString(i, col.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                byte[] b = rs.getBytes(1);
                return b == null ? new byte[0] : b;
            }
        }
    }
}
