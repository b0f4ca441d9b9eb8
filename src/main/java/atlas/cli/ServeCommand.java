package atlas.cli;

import atlas.api.ApiServer;
import atlas.db.Database;
import atlas.db.DatabaseTarget;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** demo and serve: start the database (local or external), load bundled data for demo, serve HTTP. */
final class ServeCommand {
    private final Path home;
    private final DatabaseTarget target;
    private final AtlasConfig config;
    private final Options options;
    private final boolean demo;

    ServeCommand(Path home, DatabaseTarget target, AtlasConfig config, Options options, boolean demo) {
        this.home = home;
        this.target = target;
        this.config = config;
        this.options = options;
        this.demo = demo;
    }

    /**
     * A database served is a working one: demo loads the bundled reference data and lists; serve loads
     * the reference data when it is missing or changed (and then places every project again), except
     * on a read-only replica, which follows its primary.
     */
    static void prepare(Path home, Database db, AtlasConfig config, boolean demo, java.io.PrintStream out) {
        if (demo) {
            new BundledData(home.resolve("geodata"), db, config.maxRows()).load(out);
            return;
        }
        try (java.sql.Connection c = db.connection()) {
            if (!atlas.load.ReferenceData.isReplica(c)
                    && atlas.load.ReferenceData.loadIfChanged(c, home.resolve("geodata"), out)) {
                atlas.geocode.GeocodeStore.Summary placed = new atlas.geocode.GeocodeStore().run(c, true);
                out.println("placed " + placed.projects() + " projects again with the new reference data");
            }
        } catch (java.sql.SQLException e) {
            throw new atlas.db.DatabaseException("loading the reference data failed: " + e.getMessage(), e);
        }
    }

    int run() {
        String host = options.option("host").orElse("127.0.0.1");
        int port = options.intOption("port", 7070);
        String url = target.ensureJdbcUrl();
        Database db = Database.connect(url, 16);
        db.migrateWhenReachable(120_000);
        prepare(home, db, config, demo, System.out);
        ApiServer server = new ApiServer(db, new AtlasRoutes(home, db, config)).start(host, port);
        System.out.println("Project Atlas is serving on http://" + host + ":" + server.port() + "/");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Ctrl-C: finish in-flight requests, close the pool, stop the local cluster.
            server.close();
            db.close();
            if (demo) {
                target.localCluster().ifPresent(c -> c.stop());
            }
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
