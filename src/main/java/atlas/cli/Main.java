package atlas.cli;

import atlas.db.Database;
import atlas.db.DatabaseException;
import atlas.db.DatabaseTarget;
import atlas.db.LocalCluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Entry point of ./atlas: demo, serve, db, import, geocode, boundaries, export. */
public final class Main {
    private static final String USAGE = """
            usage: ./atlas <command>
              demo [--host 127.0.0.1] [--port 7070]   create/start the local database, load the bundled data, serve
              serve [--host ..] [--port ..]           serve what the database holds
              test                                    run the test suite (handled by the launcher script)
              db start|stop|status|psql [psql args]   the local cluster (or DATABASE_URL's server for psql)
              db backup FILE | db restore FILE        the whole database to/from a pg_dump file (custom format)
              import FILE... [--json] [--dry-run]     import project lists (.txt, .csv, .xlsx, .xls, .docx);
                                                      --dry-run reads and reports, writes nothing
                [--title T --issuer I --number 文号 --date D]   what one document is, where it does not say
              geocode [--report] [--eval FILE]        place every project; report unplaced; evaluate a labelled set
              boundaries import FILE [--partial]      replace county boundaries (GeoJSON, Shapefile, GeoPackage)
              export --region CODE|AREA-ID|BOX [filters] [--formats ..] [--out F.zip]   regional snapshot zip
            environment: DATABASE_URL (external PostGIS), ATLAS_DATA (data folder, default var/), ATLAS_ADMIN_TOKEN
            """;

    private Main() {
    }

    public static void main(String[] argv) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        Path home = Path.of(System.getProperty("atlas.home", ".")).toAbsolutePath().normalize();
        // Every setting is read here, once; the rooms get plain values.
        AtlasConfig config = AtlasConfig.fromEnvironment();
        DatabaseTarget target = new DatabaseTarget(config.database(), DatabaseTarget.dataFolder(config.dataFolder(), home));
        Options options = Options.parse(argv, 1);
        int code;
        try {
            code = switch (argv[0]) {
                case "demo" -> new ServeCommand(home, target, config, options, true).run();
                case "serve" -> new ServeCommand(home, target, config, options, false).run();
                case "db" -> db(target, config, options);
                case "import" -> Commands.importFiles(home, target, config, options);
                case "geocode" -> Commands.geocode(home, target, options);
                case "boundaries" -> Commands.boundaries(home, target, options);
                case "export" -> ExportCommand.run(target, options, System.out);
                default -> throw new UsageException("unknown command '" + argv[0] + "'\n" + USAGE);
            };
        } catch (UsageException e) {
            System.err.println(e.getMessage());
            code = 64;
        } catch (DatabaseException e) {
            System.err.println("database: " + e.getMessage());
            code = 3;
        } catch (atlas.db.BackupException e) {
            System.err.println("backup: " + e.getMessage());
            code = 65;
        } catch (atlas.lines.LineRegistryException e) {
            System.err.println("geodata/lines: " + e.getMessage());
            code = 65;
        }
        System.exit(code);
    }

    private static int db(DatabaseTarget target, AtlasConfig config, Options options) {
        String sub = options.args().isEmpty() ? "status" : options.args().get(0);
        if (sub.equals("backup") || sub.equals("restore")) {
            return backupOrRestore(target, sub, options);
        }
        if (target.isExternal() && !sub.equals("psql")) {
            System.out.println("DATABASE_URL is set: the external server is used; there is no local cluster to " + sub);
            return 0;
        }
        switch (sub) {
            case "start" -> {
                String url = target.ensureJdbcUrl();
                try (Database db = Database.connect(url, 2)) {
                    db.migrate();
                }
                System.out.println("local cluster running: " + url);
                return 0;
            }
            case "stop" -> {
                target.localCluster().orElseThrow().stop();
                System.out.println("local cluster stopped");
                return 0;
            }
            case "status" -> {
                LocalCluster cluster = target.localCluster().orElseThrow();
                System.out.println(cluster.runningPort().map(p -> "running on 127.0.0.1:" + p + " (" + cluster.dataDir() + ")")
                        .orElse("stopped (" + cluster.dataDir() + ")"));
                return cluster.isRunning() ? 0 : 1;
            }
            case "psql" -> {
                return psql(target, config, options.args().subList(1, options.args().size()), options);
            }
            case "optimize" -> {
                return optimize(target);
            }
            default -> throw new UsageException("db takes start, stop, status, optimize, psql, backup FILE or restore FILE");
        }
    }

    /** ./atlas db optimize: the statements of db/MaintenanceSql, in order. */
    private static int optimize(DatabaseTarget target) {
        try (Database db = Commands.open(target); java.sql.Connection c = db.connection();
             java.sql.Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            for (String sql : atlas.db.MaintenanceSql.OPTIMIZE) {
                st.execute(sql);
            }
            System.out.printf("project tables ordered by their spatial index and analysed in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            return 0;
        } catch (java.sql.SQLException e) {
            throw new atlas.db.DatabaseException("optimize failed: " + e.getMessage(), e);
        }
    }

    /** db backup FILE / db restore FILE: the whole database through pg_dump / pg_restore (custom format). */
    private static int backupOrRestore(DatabaseTarget target, String sub, Options options) {
        if (options.args().size() != 2) {
            throw new UsageException("usage: ./atlas db " + sub + " FILE");
        }
        Path file = Path.of(options.args().get(1)).toAbsolutePath();
        String url = target.ensureJdbcUrl();
        atlas.db.Backup backup = new atlas.db.Backup(url, LocalCluster.binaries());
        atlas.db.Backup.Result r;
        if (sub.equals("backup")) {
            try (Database db = Database.connect(url, 2)) {
                db.migrate();
            }
            r = backup.backup(file);
        } else {
            int newest;
            try (Database db = Database.connect(url, 1)) {
                newest = db.newestKnownSchemaVersion();
            }
            r = backup.restore(file, newest);
        }
        System.out.printf("%s %s: %,d bytes, schema V%d, rows %s%n", sub.equals("backup") ? "backed up to" : "restored from",
                r.file(), r.bytes(), r.schemaVersion(), r.rows());
        return 0;
    }

    private static int psql(DatabaseTarget target, AtlasConfig config, List<String> extra, Options options) {
        String url = target.ensureJdbcUrl();
        List<String> cmd = new ArrayList<>(List.of("psql", "-X"));
        if (target.isExternal()) {
            cmd.add(config.databaseUrl().orElseThrow());
        } else {
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            cmd.addAll(List.of("-h", uri.getHost(), "-p", String.valueOf(uri.getPort()), "-U", LocalCluster.SUPERUSER,
                    DatabaseTarget.DATABASE));
        }
        cmd.addAll(extra);
        options.options().forEach((k, v) -> {
            // Options.parse took psql's single-dash flags as positionals; long ones are passed back through.
            cmd.add("--" + k + (v.equals("true") ? "" : "=" + v));
        });
        try {
            return new ProcessBuilder(cmd).inheritIO().start().waitFor();
        } catch (java.io.IOException e) {
            throw new DatabaseException("cannot run psql: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
