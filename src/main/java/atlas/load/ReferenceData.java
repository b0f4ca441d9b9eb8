package atlas.load;

import atlas.db.DatasetVersions;
import atlas.gazetteer.GazetteerLoader;
import atlas.planareas.PlanAreaLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The reference data geodata/ bundles: gazetteer, county boundaries and plan areas. Loaded when their
 * files changed or were never loaded, so that serve, import and geocode on a new database place
 * projects instead of leaving them all unknown. Moved here from cli/BundledData.loadReference.
 */
public final class ReferenceData {
    private ReferenceData() {
    }

    /**
     * Loads what is missing or changed; returns whether anything was reloaded (placements must then be
     * redone). Several servers starting at once load it once: the check and the load hold a lock.
     */
    public static boolean loadIfChanged(Connection c, Path geodata, PrintStream out) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(hashtext('atlas.reference'))");
        }
        try {
            return load(c, geodata, out);
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_unlock(hashtext('atlas.reference'))");
            }
        }
    }

    /** A read-only replica follows its primary: it loads nothing itself. */
    public static boolean isReplica(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    private static boolean load(Connection c, Path geodata, PrintStream out) throws SQLException {
        Path g = geodata.resolve("gazetteer");
        List<Path> gazetteerFiles = List.of(g.resolve("divisions.csv"), g.resolve("aliases.csv"),
                g.resolve("code-history.csv"), g.resolve("functional-zones.csv"),
                geodata.resolve("boundaries/zhejiang-counties.geojson"));
        String hash = DatasetVersions.sha256(gazetteerFiles);
        boolean changed = false;
        if (!DatasetVersions.loaded(c, "gazetteer").equals(Optional.of(hash))) {
            new GazetteerLoader(geodata).load(c);
            DatasetVersions.record(c, "gazetteer", hash);
            out.println("loaded gazetteer and county boundaries");
            changed = true;
        }
        Path planAreas = geodata.resolve("plan-areas.json");
        String areaHash = DatasetVersions.sha256(List.of(planAreas)) + hash;
        if (!DatasetVersions.loaded(c, "plan-areas").equals(Optional.of(areaHash))) {
            new PlanAreaLoader().load(c, planAreas);
            DatasetVersions.record(c, "plan-areas", areaHash);
            out.println("loaded plan areas");
            changed = true;
        }
        return changed;
    }
}
