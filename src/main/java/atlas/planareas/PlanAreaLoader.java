package atlas.planareas;

import atlas.db.DatabaseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads geodata/plan-areas.json and builds every shape in PostGIS from the county polygons:
 * areas are the union of their member counties; corridors are the line through their anchors,
 * buffered by width_km and clipped to the province; an area with neither is the union of its children.
 */
public final class PlanAreaLoader {
    /** Kinds drawn as a line through anchors, buffered for spatial membership. */
    public static final List<String> LINE_KINDS = List.of("science-corridor", "corridor", "urban-belt", "garden-belt");
    private static final ObjectMapper JSON = new ObjectMapper();

    public void load(Connection c, Path file) throws SQLException {
        JsonNode records;
        try {
            records = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new DatabaseException("cannot read " + file + ": " + e.getMessage(), e);
        }
        atlas.db.Transactions.inTransaction(c, () -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO plan_area (id, kind, name, parent_id, members, anchors, width_km, approximate, keywords, source, assumption)
                    VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, ?)
                    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, parent_id = excluded.parent_id,
                      members = excluded.members, anchors = excluded.anchors, width_km = excluded.width_km,
                      approximate = excluded.approximate, keywords = excluded.keywords, source = excluded.source,
                      assumption = excluded.assumption, geom = NULL, line = NULL""")) {
                for (JsonNode r : records) {
                    String id = r.path("id").asText();
                    ids.add(id);
                    ps.setString(1, id);
                    ps.setString(2, r.path("kind").asText());
                    ps.setString(3, r.path("name").asText());
                    ps.setString(4, r.path("parent").isTextual() ? r.path("parent").asText() : null);
                    ps.setArray(5, c.createArrayOf("text", texts(r.path("members"))));
                    ps.setString(6, r.path("anchors").isArray() ? r.path("anchors").toString() : "[]");
                    ps.setObject(7, r.path("width_km").isNumber() ? r.path("width_km").decimalValue() : null);
                    ps.setBoolean(8, r.path("approximate").asBoolean(false));
                    ps.setArray(9, c.createArrayOf("text", texts(r.path("keywords"))));
                    ps.setString(10, r.path("source").isObject() ? r.path("source").toString() : null);
                    ps.setString(11, r.path("assumption").isTextual() ? r.path("assumption").asText() : null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM plan_area WHERE NOT (id = ANY (?))")) {
                del.setArray(1, c.createArrayOf("text", ids.toArray()));
                del.executeUpdate();
            }
            buildShapes(c);
            return null;
        });
    }

    /** Rebuilds every plan-area shape from the current county polygons (also after a boundary import). */
    public static void buildShapes(Connection c) throws SQLException {
        String lineKinds = "'" + String.join("','", LINE_KINDS) + "'";
        try (Statement st = c.createStatement()) {
            // Anchor points: documented coordinates, else the named county's representative point.
            st.execute("""
                    UPDATE plan_area p SET line = l.line FROM (
                      SELECT p.id, ST_MakeLine(coalesce(
                                CASE WHEN a.value ? 'lon' THEN ST_SetSRID(ST_MakePoint((a.value->>'lon')::float8, (a.value->>'lat')::float8), 4326) END,
                                d.rep_point) ORDER BY a.ordinality) AS line
                      FROM plan_area p
                      CROSS JOIN LATERAL jsonb_array_elements(p.anchors) WITH ORDINALITY a
                      LEFT JOIN division d ON d.code = a.value->>'code'
                      GROUP BY p.id HAVING count(*) >= 2) l
                    WHERE p.id = l.id""");
            st.execute("""
                    UPDATE plan_area p SET
                      geom = ST_CollectionExtract(ST_Intersection(b.buffer, prov.geom), 3),
                      clipped = NOT ST_Within(b.buffer, prov.geom)
                    FROM (SELECT id, ST_Buffer(line::geography, width_km * 1000)::geometry AS buffer
                          FROM plan_area WHERE line IS NOT NULL AND width_km IS NOT NULL AND kind IN (%s)) b,
                         division prov
                    WHERE p.id = b.id AND prov.level = 'province'""".formatted(lineKinds));
            st.execute("""
                    UPDATE plan_area p SET geom = u.geom FROM (
                      SELECT p.id, ST_Multi(ST_Union(d.geom)) AS geom
                      FROM plan_area p JOIN division d ON d.code = ANY (p.members)
                      WHERE p.geom IS NULL GROUP BY p.id) u
                    WHERE p.id = u.id""");
            // Areas without members or anchors (the 大通道 network) are the union of their children.
            for (int depth = 0; depth < 3; depth++) {
                st.execute("""
                        UPDATE plan_area p SET geom = u.geom FROM (
                          SELECT parent_id, ST_Union(geom) AS geom FROM plan_area WHERE geom IS NOT NULL GROUP BY parent_id) u
                        WHERE p.id = u.parent_id AND p.geom IS NULL""");
            }
            st.execute("UPDATE plan_area SET geom = ST_MakeValid(geom) WHERE geom IS NOT NULL AND NOT ST_IsValid(geom)");
            st.execute("UPDATE plan_area SET geom_simple = ST_MakeValid(ST_SimplifyPreserveTopology(geom, 0.005)) WHERE geom IS NOT NULL");
        }
    }

    private static String[] texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(n.asText().trim()));
        }
        return out.toArray(String[]::new);
    }
}
