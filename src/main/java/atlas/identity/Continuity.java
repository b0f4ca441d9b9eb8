package atlas.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a later list brought, once it is linked: entries that continue a project of an earlier list,
 * new projects, and the projects of the programme's previous list that it no longer has.
 */
public record Continuity(List<Item> continued, List<Item> added, List<Item> gone) {
    /** One entry: its feature id, name and 序号; for a continued one, its relations to earlier entries. */
    public record Item(String id, String name, String seq, String relations) {
    }

    public static Continuity of(Connection c, String sha256) throws SQLException {
        long documentId;
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM source_document WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new Continuity(List.of(), List.of(), List.of());
                }
                documentId = rs.getLong(1);
            }
        }
        List<Item> continued = new ArrayList<>();
        List<Item> added = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(IdentitySql.CONTINUITY_OF_DOCUMENT)) {
            ps.setLong(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Item item = new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                    (item.relations() == null ? added : continued).add(item);
                }
            }
        }
        List<Item> gone = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(IdentitySql.GONE_FROM_DOCUMENT)) {
            ps.setLong(1, documentId);
            ps.setLong(2, documentId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gone.add(new Item(rs.getString(1), rs.getString(2), rs.getString(3), null));
                }
            }
        }
        return new Continuity(continued, added, gone);
    }
}
