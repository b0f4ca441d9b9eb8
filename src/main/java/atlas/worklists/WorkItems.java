package atlas.worklists;

import atlas.db.Database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Reads the stored work items for the API, the map and snapshots: the room's one entry for readers. */
public final class WorkItems {
    /** A page of GeoJSON features (as JSON text) and the number of items the query matched. */
    public record Page(long matched, List<String> features) {
    }

    /** A statistics group: key (unit name, kind, YYYY-MM, code), items and overdue items. */
    public record Group(String key, long count, long overdue) {
    }

    private final Database db;

    public WorkItems(Database db) {
        this.db = db;
    }

    /** A page of items, their geometries in crs. */
    public Page items(WorkItemQuery q, atlas.crs.Crs crs) throws SQLException {
        try (Connection c = db.connection()) {
            WorklistSql.Page p = WorklistSql.items(c, q, crs);
            return new Page(p.matched(), p.features());
        }
    }

    public Optional<String> item(String id, atlas.crs.Crs crs) throws SQLException {
        try (Connection c = db.connection()) {
            return WorklistSql.item(c, id, java.time.LocalDate.now(), crs);
        }
    }

    public List<Group> stats(String groupby, WorkItemQuery q) throws SQLException {
        if (!WorkItemQuery.GROUPINGS.contains(groupby)) {
            throw new IllegalArgumentException("groupby must be one of " + WorkItemQuery.GROUPINGS);
        }
        try (Connection c = db.connection()) {
            return WorklistSql.stats(c, groupby, q).stream().map(g -> new Group(g.key(), g.count(), g.overdue())).toList();
        }
    }

    public String version() throws SQLException {
        try (Connection c = db.connection()) {
            return WorklistSql.version(c);
        }
    }

    public double[] extent() throws SQLException {
        try (Connection c = db.connection()) {
            return WorklistSql.extent(c);
        }
    }
}
