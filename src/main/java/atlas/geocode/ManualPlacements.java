package atlas.geocode;

import atlas.db.Audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An administrator's placement of a project: kept by project key, so it survives re-import and
 * re-geocoding; audited with the placement before and after.
 */
public final class ManualPlacements {
    public Optional<GeocodeStore.Summary> set(Connection c, String fid, List<String> counties, String comment, String actor)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM division WHERE code = ANY (?) AND level = 'county' AND valid_to IS NULL")) {
            ps.setArray(1, c.createArrayOf("text", counties.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (counties.isEmpty() || rs.getInt(1) != counties.stream().distinct().count()) {
                    throw new IllegalArgumentException("county_codes must be current county codes of Zhejiang, got " + counties);
                }
            }
        }
        // The project's key, or empty when there is no such project (nothing written then).
        Optional<String> placed = atlas.db.Transactions.inTransaction(c, () -> {
            String key;
            List<String> before;
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.project_key, coalesce(array_agg(pl.division_code ORDER BY pl.ordinal) FILTER (WHERE pl.division_code IS NOT NULL), '{}')
                    FROM project p LEFT JOIN placement pl ON pl.project_id = p.id WHERE p.fid = ? GROUP BY p.project_key""")) {
                ps.setString(1, fid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<String>empty();
                    }
                    key = rs.getString(1);
                    before = List.of((String[]) rs.getArray(2).getArray());
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO manual_placement (project_key, county_codes, comment, set_by) VALUES (?, ?, ?, ?)
                    ON CONFLICT (project_key) DO UPDATE SET county_codes = excluded.county_codes,
                      comment = excluded.comment, set_by = excluded.set_by, set_at = now()""")) {
                ps.setString(1, key);
                ps.setArray(2, c.createArrayOf("text", counties.toArray()));
                ps.setString(3, comment);
                ps.setString(4, actor);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE project SET geocoded_at = NULL WHERE project_key = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE review_item SET status = 'resolved' WHERE project_key = ? AND status = 'open'")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            Audit.record(c, actor, "placement.set", key, Map.of("counties", before),
                    Map.of("counties", counties, "comment", comment == null ? "" : comment));
            return Optional.of(key);
        });
        if (placed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GeocodeStore().run(c, false));
    }
}
