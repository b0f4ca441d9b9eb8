package atlas.cli;

import atlas.db.Database;
import atlas.db.DatabaseException;
import atlas.db.DatasetVersions;
import atlas.gazetteer.GazetteerLoader;
import atlas.geocode.GeocodeStore;
import atlas.ingest.ImportReport;
import atlas.ingest.ImportService;
import atlas.planareas.PlanAreaLoader;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

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
            boolean referenceChanged = loadReference(c, out);
            ImportService imports = new ImportService();
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(geodata.resolve("lists"))) {
                for (Path list : files.sorted().toList()) {
                    ImportReport report = imports.importFile(c, list, out::println);
                    if (report.status().equals("failed")) {
                        throw new DatabaseException("bundled list " + list.getFileName() + " failed: " + report.error(), null);
                    }
                    if (report.status().equals("imported")) {
                        out.println("imported " + list.getFileName() + ": " + report.imported() + " projects, "
                                + report.withWarnings() + " with warnings, " + report.rejectedCount() + " rejected");
                    }
                }
            }
            GeocodeStore.Summary placed = new GeocodeStore().run(c, referenceChanged);
            if (placed.projects() > 0) {
                out.println("placed " + placed.projects() + " projects " + placed.byPrecision() + ", "
                        + placed.reviewItems() + " review items, in " + placed.millis() + " ms");
            }
            atlas.worklists.WorklistImport.loadBundled(c, geodata, out::println);
        } catch (java.io.IOException e) {
            throw new DatabaseException("cannot list " + geodata.resolve("lists") + ": " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new DatabaseException("loading bundled data failed: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the gazetteer, county boundaries and plan areas when their files changed (or were never
     * loaded), so that import and geocode on a fresh database place projects instead of leaving
     * them all unknown. Returns whether anything was reloaded: placements must then be redone.
     */
    public static boolean loadReference(Connection c, Path geodata, PrintStream out) throws SQLException {
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

    private boolean loadReference(Connection c, PrintStream out) throws SQLException {
        return loadReference(c, geodata, out);
    }
}
