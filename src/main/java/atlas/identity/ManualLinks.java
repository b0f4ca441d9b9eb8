package atlas.identity;

import atlas.db.Audit;
import atlas.db.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An administrator confirms, rejects or adds a link between two entries: kept by project_key in
 * manual_link (so it survives re-import and re-geocoding), audited with the link before and after,
 * and applied at once (links, projects, placements through links).
 */
public final class ManualLinks {
    public static final Set<String> RELATIONS = Set.of("same", "part", "related", "none");

    /** A request that cannot be carried out: names the field. */
    public static final class LinkException extends RuntimeException {
        private final String field;

        public LinkException(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * Sets the link between entries a and b (feature ids). For 'part', whole names the entry that is the
     * whole. Returns empty when either entry does not exist (nothing written then).
     */
    public Optional<Map<String, Object>> set(Connection c, String fidA, String fidB, String relation, String wholeFid,
                                             String comment, String actor) throws SQLException {
        if (!RELATIONS.contains(relation)) {
            throw new LinkException("relation", "one of same, part, related, none (none rejects the link)");
        }
        if (fidA.equals(fidB)) {
            throw new LinkException("b", "an entry is not linked to itself");
        }
        if (relation.equals("part") && (wholeFid == null || !(wholeFid.equals(fidA) || wholeFid.equals(fidB)))) {
            throw new LinkException("whole", "for 'part', the id of the entry that is the whole (a or b)");
        }
        Optional<Map<String, Object>> done = Transactions.inTransaction(c, () -> {
            Map<String, String> keys = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(IdentitySql.KEYS_BY_FID)) {
                ps.setArray(1, c.createArrayOf("text", new Object[]{fidA, fidB}));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        keys.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            if (keys.size() < 2) {
                return Optional.<Map<String, Object>>empty();
            }
            String a = keys.get(fidA);
            String b = keys.get(fidB);
            Map<String, Object> before = stored(c, a, b);
            String first = a.compareTo(b) < 0 ? a : b;
            String second = first.equals(a) ? b : a;
            try (PreparedStatement ps = c.prepareStatement(IdentitySql.SET_MANUAL_LINK)) {
                ps.setString(1, first);
                ps.setString(2, second);
                ps.setString(3, relation);
                ps.setString(4, relation.equals("part") ? keys.get(wholeFid) : null);
                ps.setString(5, comment);
                ps.setString(6, actor);
                ps.executeUpdate();
            }
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("a", fidA);
            after.put("b", fidB);
            after.put("relation", relation);
            if (relation.equals("part")) {
                after.put("whole", wholeFid);
            }
            after.put("comment", comment == null ? "" : comment);
            Audit.record(c, actor, "link.set", fidA + " " + fidB, before, after);
            // Placements a link lent and no longer lends are released here, and placed again below.
            new IdentityStore().run(c);
            return Optional.of(after);
        });
        if (done.isPresent()) {
            new atlas.geocode.GeocodeStore().run(c, false);
        }
        return done;
    }

    private static Map<String, Object> stored(Connection c, String a, String b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(IdentitySql.STORED_LINK)) {
            ps.setString(1, a);
            ps.setString(2, b);
            ps.setString(3, b);
            ps.setString(4, a);
            try (ResultSet rs = ps.executeQuery()) {
                Map<String, Object> out = new LinkedHashMap<>();
                if (rs.next()) {
                    out.put("relation", rs.getString(1));
                    out.put("status", rs.getString(2));
                    out.put("score", rs.getBigDecimal(3));
                    out.put("evidence", rs.getString(4));
                }
                return out;
            }
        }
    }

    /** Stored links, both entries named; status filters (review = the grey zone). */
    public List<Map<String, Object>> list(Connection c, Optional<String> status, int limit) throws SQLException {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(IdentitySql.LINKS)) {
            ps.setString(1, status.orElse(null));
            ps.setString(2, status.orElse(null));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("relation", rs.getString(1));
                    m.put("status", rs.getString(2));
                    m.put("score", rs.getBigDecimal(3));
                    m.put("evidence", rs.getString(4));
                    m.put("method", rs.getString(5));
                    m.put("a", Map.of("id", rs.getString(6), "name", rs.getString(7), "list", rs.getString(8), "seq", rs.getString(9)));
                    m.put("b", Map.of("id", rs.getString(10), "name", rs.getString(11), "list", rs.getString(12), "seq", rs.getString(13)));
                    m.put("whole", rs.getString(14));
                    out.add(m);
                }
            }
        }
        return out;
    }
}
