package atlas.cli;

import atlas.db.Database;
import atlas.db.DatabaseTarget;
import atlas.gazetteer.BoundaryImportException;
import atlas.gazetteer.BoundaryReport;
import atlas.gazetteer.BoundaryStore;
import atlas.gazetteer.BoundaryFiles;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The data commands: import, geocode, boundaries. */
final class Commands {
    private Commands() {
    }

    static Database open(DatabaseTarget target) {
        Database db = Database.connect(target.ensureJdbcUrl(), 4);
        db.migrate();
        return db;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module())
            .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);

    /** --title, --issuer, --number, --date: what one document is, where it does not say so itself. */
    private static atlas.ingest.DocumentTitle importTitle(Options options) {
        atlas.ingest.DocumentTitle title;
        try {
            title = atlas.ingest.DocumentTitle.given(options::option);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--date: " + e.getMessage());
        }
        if (!title.isEmpty() && options.args().size() > 1) {
            throw new UsageException("--title, --issuer, --number and --date describe one document; import it alone");
        }
        return title;
    }

    static int importFiles(Path home, DatabaseTarget target, AtlasConfig config, Options options) {
        if (options.args().isEmpty()) {
            throw new UsageException("usage: ./atlas import FILE... [--json] [--dry-run] [--title T --issuer I --number 文号 --date YYYY-MM-DD]");
        }
        boolean dryRun = options.flag("dry-run");
        atlas.ingest.DocumentTitle title = importTitle(options);
        try (Database db = open(target); Connection c = db.connection()) {
            atlas.load.ImportAndPlace importAndPlace = new atlas.load.ImportAndPlace(home.resolve("geodata"),
                    new atlas.ingest.ImportService(config.maxRows()).withTitle(title));
            List<Path> files = options.args().stream().map(Path::of).toList();
            ImportProgress progress = ImportProgress.forConsole(System.err);
            java.util.function.Consumer<atlas.ingest.ImportReport> print = r -> {
                if (!options.flag("json")) {
                    ImportPrinter.print(r, System.out);
                }
            };
            atlas.load.ImportAndPlace.Result result = dryRun ? importAndPlace.dryRun(c, files, progress::importer, print)
                    : importAndPlace.run(c, files, "cli", System.err, progress::importer, print);
            if (options.flag("json")) {
                System.out.println(JSON.writeValueAsString(result.reports()));
            }
            if (dryRun) {
                (options.flag("json") ? System.err : System.out).println("dry run: nothing was written");
                return result.anyFailed() ? 1 : 0;
            }
            atlas.geocode.GeocodeStore.Summary s = result.placed();
            // With --json stdout is the reports alone; the placing goes to stderr beside the progress.
            progress.placed(s.projects(), s.millis());
            atlas.identity.IdentityStore.Figures linked = atlas.identity.IdentityStore.figures(c);
            progress.linked(linked);
            PrintStream out = options.flag("json") ? System.err : System.out;
            out.println("placed " + s.projects() + " new or changed projects in " + s.millis() + " ms " + s.byPrecision());
            out.println("linked: " + linked.zh() + "; " + linked.links() + " links, " + linked.review()
                    + " waiting for review (GET /api/links?status=review)");
            for (atlas.ingest.ImportReport r : result.reports()) {
                if (r.status().equals("imported")) {
                    ContinuityPrinter.print(r.file(), atlas.identity.Continuity.of(c, r.sha256()), out);
                }
            }
            return result.anyFailed() ? 1 : 0;
        } catch (SQLException | java.io.IOException e) {
            throw new atlas.db.DatabaseException(e.getMessage(), e);
        }
    }

    static int geocode(Path home, DatabaseTarget target, Options options) {
        try (Database db = open(target); Connection c = db.connection()) {
            if (atlas.load.ReferenceData.loadIfChanged(c, home.resolve("geodata"), System.err)) {
                new atlas.geocode.GeocodeStore().run(c, true);
            }
            if (options.option("eval").isPresent()) {
                return GeocodeEvalCommand.run(c, Path.of(options.option("eval").get()), System.out);
            }
            atlas.geocode.GeocodeStore.Summary s = new atlas.geocode.GeocodeStore().run(c, true);
            System.out.println("placed " + s.projects() + " projects in " + s.millis() + " ms " + s.byPrecision()
                    + ", " + s.reviewItems() + " review items");
            if (options.flag("report")) {
                ReviewReport.print(c, System.out);
            }
            return 0;
        } catch (SQLException e) {
            throw new atlas.db.DatabaseException(e.getMessage(), e);
        }
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
                // Registry lines pass through points inside their counties: they follow the new boundaries.
                atlas.lines.LineStore.buildCourses(c);
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
