package atlas.cli;

import atlas.db.Database;
import atlas.db.DatabaseTarget;
import atlas.gazetteer.BoundaryImportException;
import atlas.gazetteer.BoundaryReport;
import atlas.gazetteer.BoundaryStore;
import atlas.gazetteer.BoundaryFiles;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/** The data commands: import, geocode, boundaries. */
final class Commands {
    private Commands() {
    }

    static Database open(DatabaseTarget target) {
        Database db = Database.connect(target.ensureJdbcUrl(), 4);
        db.migrate();
        return db;
    }

    static int importFiles(Path home, DatabaseTarget target, Options options) {
        throw new UsageException("import: not wired yet");
    }

    static int geocode(Path home, DatabaseTarget target, Options options) {
        throw new UsageException("geocode: not wired yet");
    }

    static int boundaries(Path home, DatabaseTarget target, Options options) {
        if (options.args().size() != 2 || !options.args().get(0).equals("import")) {
            throw new UsageException("usage: ./atlas boundaries import FILE [--partial] [--vintage YEAR] [--source TEXT]");
        }
        Path file = Path.of(options.args().get(1));
        String geojson = BoundaryFiles.readAsGeoJson(file);
        try (Database db = open(target); Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                BoundaryReport report = new BoundaryStore(c).replaceCounties(geojson,
                        options.option("source").orElse(file.getFileName().toString()),
                        options.option("vintage").orElse("unknown"), options.flag("partial"));
                atlas.db.Audit.record(c, "cli", "boundaries.import", file.getFileName().toString(), null,
                        java.util.Map.of("replaced", report.replaced(), "rejected", report.rejected().size()));
                c.commit();
                System.out.println("replaced " + report.replaced() + " county boundaries");
                report.repaired().forEach(r -> System.out.println("  repaired " + r));
                report.rejected().forEach(r -> System.out.println("  rejected " + r.reason()));
                if (!report.notInFile().isEmpty()) {
                    System.out.println("  kept the previous boundary of " + report.notInFile().size() + " counties not in the file");
                }
                return 0;
            } catch (BoundaryImportException e) {
                c.rollback();
                System.err.println("boundary import refused: " + e.getMessage());
                e.rejections().forEach(r -> System.err.println("  " + r.reason()));
                return 1;
            }
        } catch (SQLException e) {
            throw new atlas.db.DatabaseException(e.getMessage(), e);
        }
    }
}
