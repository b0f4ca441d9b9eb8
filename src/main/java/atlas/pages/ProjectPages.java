package atlas.pages;

import atlas.layers.Collection;
import atlas.layers.Layers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A readable page for each project (/projects/{id}, and the project item's f=html): its figures,
 * its placement with the evidence, a small map of it in its county, and its source row.
 */
public final class ProjectPages {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Layers layers;

    public ProjectPages(Layers layers) {
        this.layers = layers;
    }

    /** The page of the project with this id, or empty when there is none. */
    public Optional<String> html(Connection c, String fid) throws SQLException {
        Optional<String> feature = layers.item(c, Collection.byId("projects").orElseThrow(), fid, atlas.crs.Crs.CRS84);
        if (feature.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode f = JSON.readTree(feature.get());
            JsonNode source = sourceRow(c, fid);
            return Optional.of(ProjectPage.render(f, source, map(c, fid)));
        } catch (IOException e) {
            throw new IllegalStateException("a stored feature is not JSON: " + fid, e);
        }
    }

    /** The page for an id that names no project. */
    public static String notFound(String fid) {
        return ProjectPage.notFound(fid);
    }

    private static JsonNode sourceRow(Connection c, String fid) throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(ProjectPageSql.SOURCE_ROW)) {
            ps.setString(1, fid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? JSON.readTree(rs.getString(1)) : JSON.createObjectNode();
            }
        }
    }

    private static SmallMap map(Connection c, String fid) throws SQLException {
        String viewBox = "0 0 1 1";
        List<SmallMap.Shape> shapes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ProjectPageSql.MAP)) {
            ps.setString(1, fid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt("layer") == 0) {
                        viewBox = rs.getString("svg");
                    } else if (rs.getString("svg") != null && !rs.getString("svg").isBlank()) {
                        shapes.add(new SmallMap.Shape(rs.getInt("layer"), rs.getString("name"), rs.getBoolean("placed"),
                                rs.getString("svg"), rs.getInt("dimension")));
                    }
                }
            }
        }
        return new SmallMap(viewBox, shapes);
    }
}
