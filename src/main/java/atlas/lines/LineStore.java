package atlas.lines;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry in PostGIS: replaced as a whole in one transaction (a registry with any problem is
 * not loaded at all, and the one loaded before stays), read back for the geocoder, and its courses
 * built from the nodes.
 */
public final class LineStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LineStore() {
    }

    /** Reads geodata/lines/ (root), validates it against today's counties and replaces the stored registry. */
    public static LineRegistry load(Connection c, Path root) throws SQLException {
        LineRegistry registry = LineRegistryFiles.read(root, currentCounties(c));
        atlas.db.Transactions.inTransaction(c, () -> {
            replace(c, registry);
            return null;
        });
        return registry;
    }

    private static Set<String> currentCounties(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LineSql.CURRENT_COUNTIES)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void replace(Connection c, LineRegistry registry) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(LineSql.CLEAR);
        }
        try (PreparedStatement lines = c.prepareStatement(LineSql.INSERT_LINE);
             PreparedStatement nodes = c.prepareStatement(LineSql.INSERT_NODE);
             PreparedStatement sections = c.prepareStatement(LineSql.INSERT_SECTION)) {
            for (Line l : registry.lines()) {
                lines.setString(1, l.id());
                lines.setString(2, l.kind());
                lines.setString(3, l.name());
                lines.setArray(4, c.createArrayOf("text", l.aliases().toArray()));
                ObjectNode source = JSON.createObjectNode();
                source.put("title", l.source().title());
                source.put("publisher", l.source().publisher());
                source.put("date", l.source().date());
                source.put("url", l.source().url());
                lines.setString(5, source.toString());
                lines.setString(6, l.note());
                lines.addBatch();
                for (Line.Node n : l.nodes()) {
                    nodes.setString(1, l.id());
                    nodes.setInt(2, n.seq());
                    nodes.setString(3, n.name());
                    nodes.setString(4, n.inProvince() ? n.countyCode() : null);
                    nodes.setString(5, n.inProvince() ? null : n.outside());
                    for (int i : new int[] {6, 7}) {
                        if (n.lon() == null) {
                            nodes.setNull(i, Types.DOUBLE);
                        } else {
                            nodes.setDouble(i, n.lon());
                        }
                    }
                    if (n.lat() == null) {
                        nodes.setNull(8, Types.DOUBLE);
                    } else {
                        nodes.setDouble(8, n.lat());
                    }
                    nodes.setString(9, n.note());
                    nodes.addBatch();
                }
                int ord = 0;
                for (Line.Section s : l.sections()) {
                    sections.setString(1, l.id());
                    sections.setString(2, s.name());
                    sections.setInt(3, ord++);
                    sections.setArray(4, c.createArrayOf("text", s.aliases().toArray()));
                    sections.setString(5, s.fromNode());
                    sections.setString(6, s.toNode());
                    sections.setString(7, s.note());
                    sections.addBatch();
                }
            }
            lines.executeBatch();
            nodes.executeBatch();
            sections.executeBatch();
        }
        checkCoordinates(c);
        buildCourses(c);
    }

    /** A coordinate far from the county its node names is refused, naming the line and the node. */
    private static void checkCoordinates(Connection c) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(LineSql.NODES_AWAY_FROM_THEIR_COUNTY)) {
            while (rs.next()) {
                problems.add("line " + rs.getString(1) + " (" + rs.getString(2) + "), node " + rs.getInt(3) + " "
                        + rs.getString(4) + ": its coordinate lies " + rs.getBigDecimal(7) + " km outside its county "
                        + rs.getString(5) + " " + rs.getString(6) + " (wrong county, or lon/lat swapped?)");
            }
        }
        if (!problems.isEmpty()) {
            throw new LineRegistryException(problems);
        }
    }

    /** Builds every line's course from its nodes and the current county polygons (also after a boundary import). */
    public static void buildCourses(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM line_segment");
            st.execute(LineSql.NODE_POINTS);
            st.execute(LineSql.BUILD_SEGMENTS);
            st.execute(LineSql.LINE_COURSES);
        }
    }

    /** The stored registry, as the geocoder reads it. */
    public static LineRegistry read(Connection c) throws SQLException {
        Map<String, List<Line.Node>> nodes = new LinkedHashMap<>();
        Map<String, List<Line.Section>> sections = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(LineSql.READ_NODES)) {
                while (rs.next()) {
                    double lon = rs.getDouble(6);
                    Double x = rs.wasNull() ? null : lon;
                    double lat = rs.getDouble(7);
                    Double y = rs.wasNull() ? null : lat;
                    nodes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Line.Node(rs.getInt(2),
                            rs.getString(3), rs.getString(4), rs.getString(5), x, y, rs.getString(8)));
                }
            }
            try (ResultSet rs = st.executeQuery(LineSql.READ_SECTIONS)) {
                while (rs.next()) {
                    sections.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Line.Section(rs.getString(2),
                            texts(rs.getArray(3)), rs.getString(4), rs.getString(5), rs.getString(6)));
                }
            }
            List<Line> lines = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(LineSql.READ_LINES)) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    com.fasterxml.jackson.databind.JsonNode s = JSON.readTree(rs.getString(5));
                    lines.add(new Line(id, rs.getString(2), rs.getString(3), texts(rs.getArray(4)),
                            new Line.Source(text(s, "title"), text(s, "publisher"), text(s, "date"), text(s, "url")),
                            rs.getString(6), nodes.getOrDefault(id, List.of()), sections.getOrDefault(id, List.of())));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("stored line source is not JSON: " + e.getMessage(), e);
            }
            return new LineRegistry(lines);
        }
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static List<String> texts(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
