package atlas.cli;

import atlas.db.Database;
import atlas.db.DatabaseException;
import atlas.geocode.GeocodeStore;
import atlas.load.ImportAndPlace;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Loads what geodata/ bundles for demo: the reference data and the project lists, placed, through the
 * one import path (ImportAndPlace). Each dataset is reloaded only when its files changed, so a second
 * demo run adds nothing.
 */
public final class BundledData {
    private final Path geodata;
    private final Database db;
    private final int maxRows;

    public BundledData(Path geodata, Database db) {
        this(geodata, db, atlas.ingest.ImportService.DEFAULT_MAX_ROWS);
    }

    public BundledData(Path geodata, Database db, int maxRows) {
        this.geodata = geodata;
        this.db = db;
        this.maxRows = maxRows;
    }

    public void load(PrintStream out) {
        try (Connection c = db.connection()) {
            List<Path> lists;
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(geodata.resolve("lists"))) {
                lists = files.sorted().toList();
            }
            ImportAndPlace.Result result = new ImportAndPlace(geodata, new atlas.ingest.ImportService(maxRows)).run(c, lists, null, out, out::println, report -> {
                if (report.status().equals("failed")) {
                    throw new DatabaseException("bundled list " + report.file() + " failed: " + report.error(), null);
                }
                if (report.status().equals("imported")) {
                    out.println("imported " + report.file() + ": " + report.imported() + " projects, "
                            + report.withWarnings() + " with warnings, " + report.rejectedCount() + " rejected");
                }
            });
            GeocodeStore.Summary placed = result.placed();
            if (placed.projects() > 0) {
                out.println("placed " + placed.projects() + " projects " + placed.byPrecision() + ", "
                        + placed.reviewItems() + " review items, in " + placed.millis() + " ms");
            }
        } catch (java.io.IOException e) {
            throw new DatabaseException("cannot list " + geodata.resolve("lists") + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new DatabaseException("loading bundled data failed: " + e.getMessage(), e);
        }
    }
}
