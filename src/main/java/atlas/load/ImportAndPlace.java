package atlas.load;

import atlas.db.Audit;
import atlas.geocode.GeocodeStore;
import atlas.ingest.ImportReport;
import atlas.ingest.ImportService;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way lists go into the database, for the CLI, the HTTP import and the bundled lists alike:
 * the reference data first (when missing or changed), each list in its own transaction with an audit
 * entry naming who imported it (the CLI user is 'cli'), then the new and changed projects placed (all of them when the
 * reference data changed).
 */
public final class ImportAndPlace {
    public record Result(List<ImportReport> reports, GeocodeStore.Summary placed, boolean referenceReloaded) {
        public boolean anyFailed() {
            return reports.stream().anyMatch(r -> r.status().equals("failed"));
        }
    }

    private final Path geodata;
    private final ImportService imports;

    public ImportAndPlace(Path geodata) {
        this(geodata, new ImportService());
    }

    public ImportAndPlace(Path geodata, ImportService imports) {
        this.geodata = geodata;
        this.imports = imports;
    }

    /** The same path, giving the documents it imports this title (parts left null are read from them). */
    public ImportAndPlace withTitle(atlas.ingest.DocumentTitle title) {
        return new ImportAndPlace(geodata, imports.withTitle(title));
    }

    /**
     * Imports the files in order and places what they changed. actor names who imported them in the
     * audit log (null for the lists bundled with the program, which nobody imported); each report goes to reported as soon as its file is done; status lines go to out.
     */
    public Result run(Connection c, List<Path> files, String actor, PrintStream out, Consumer<String> progress,
                      Consumer<ImportReport> reported) throws SQLException {
        boolean referenceReloaded = ReferenceData.loadIfChanged(c, geodata, out);
        List<ImportReport> reports = new ArrayList<>();
        for (Path file : files) {
            ImportReport r = imports.importFile(c, file, progress);
            if (actor != null) {
                Audit.record(c, actor, "import", file.getFileName().toString(), null, Map.of("status", r.status(),
                        "added", r.added(), "changed", r.changed(), "removed", r.removed(), "rejected", r.rejectedCount()));
            }
            reports.add(r);
            reported.accept(r);
        }
        GeocodeStore.Summary placed = new GeocodeStore().run(c, referenceReloaded);
        return new Result(reports, placed, referenceReloaded);
    }

    /**
     * What {@link #run} would do, and nothing more: each file is imported in a transaction that is rolled back,
     * so the reports are exact (added, changed, removed, rejected, the tables as read) while nothing is written,
     * audited, reloaded or placed (placed is null).
     */
    public Result dryRun(Connection c, List<Path> files, Consumer<String> progress, Consumer<ImportReport> reported)
            throws SQLException {
        List<ImportReport> reports = new ArrayList<>();
        for (Path file : files) {
            ImportReport r = imports.importFile(c, file, progress, true);
            reports.add(r);
            reported.accept(r);
        }
        return new Result(reports, null, false);
    }
}
