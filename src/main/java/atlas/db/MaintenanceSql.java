package atlas.db;

import java.util.List;

/** Maintenance statements (moved from cli/Main): run by ./atlas db optimize after a bulk load. */
public final class MaintenanceSql {
    private MaintenanceSql() {
    }

    /**
     * Rewrites the project table and its narrow location copy in the order of their spatial index:
     * after bulk loads rows lie in load order, so a bbox page reads one heap page per project;
     * clustered, neighbours share pages. CLUSTER locks the table against reads while it runs: a
     * maintenance step. CLUSTER follows the index's own order, so the index is rebuilt first: a GiST
     * grown row by row has leaves scattered over the map, one built at once is sorted along a
     * space-filling curve.
     */
    public static final List<String> OPTIMIZE = List.of(
            "REINDEX INDEX project_geom_gix",
            "CLUSTER project USING project_geom_gix",
            "ANALYZE project",
            "REINDEX INDEX project_location_gix",
            "CLUSTER project_location USING project_location_gix",
            "ANALYZE project_location");
}
