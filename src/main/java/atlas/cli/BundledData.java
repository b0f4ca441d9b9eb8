package atlas.cli;

import atlas.db.Database;
import atlas.db.DatabaseException;
import atlas.db.DatasetVersions;
import atlas.gazetteer.GazetteerLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Loads what geodata/ bundles: gazetteer and boundaries, plan areas, the project lists, and places
 * the projects. Each dataset is reloaded only when its files changed, so a second demo run adds nothing.
 */
public final class BundledData {
    private final Path geodata;
    private final Database db;

    public BundledData(Path geodata, Database db) {
        this.geodata = geodata;
        this.db = db;
    }

    public void load(PrintStream out) {
        try (Connection c = db.connection()) {
            Path g = geodata.resolve("gazetteer");
            List<Path> gazetteerFiles = List.of(g.resolve("divisions.csv"), g.resolve("aliases.csv"),
                    g.resolve("code-history.csv"), g.resolve("functional-zones.csv"),
                    geodata.resolve("boundaries/zhejiang-counties.geojson"));
            String hash = DatasetVersions.sha256(gazetteerFiles);
            if (!DatasetVersions.loaded(c, "gazetteer").equals(java.util.Optional.of(hash))) {
                new GazetteerLoader(geodata).load(c);
                DatasetVersions.record(c, "gazetteer", hash);
                out.println("loaded gazetteer and county boundaries");
            }
        } catch (SQLException e) {
            throw new DatabaseException("loading bundled data failed: " + e.getMessage(), e);
        }
    }
}
