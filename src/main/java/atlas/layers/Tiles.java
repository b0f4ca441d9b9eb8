package atlas.layers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Mapbox vector tiles built by ST_AsMVT, one layer per tile named after the collection. */
public final class Tiles {
    public byte[] tile(Connection c, Collection col, int z, int x, int y, ProjectFilter filter) throws SQLException {
        String rows;
        List<Object> params = new ArrayList<>();
        switch (col.kind()) {
            case PROJECT -> {
                ProjectFilter.Sql where = filter.toSql();
                rows = """
                        SELECT ST_AsMVTGeom(ST_Transform(p.geom, 3857), t.b, 4096, 64, true) AS geom,
                               p.fid AS id, p.name, p.category, p.nature, p.precision,
                               p.total_investment::float8 AS total_investment
                        FROM project p, t WHERE p.geom && t.b4326 AND %s""".formatted(where.where());
                params.addAll(where.params());
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
                WITH t AS (SELECT ST_TileEnvelope(?, ?, ?) AS b, ST_Transform(ST_TileEnvelope(?, ?, ?), 4326) AS b4326),
                     m AS (%s)
                SELECT ST_AsMVT(m.*, ?, 4096, 'geom') FROM m WHERE m.geom IS NOT NULL""".formatted(rows);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (int round = 0; round < 2; round++) {
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
