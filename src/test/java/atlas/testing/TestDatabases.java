package atlas.testing;

import atlas.cli.BundledData;
import atlas.db.Database;
import atlas.db.DatabaseConfig;
import atlas.db.LocalCluster;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostGIS server per test run: a throwaway cluster under target/ started by the same
 * LocalCluster code the launcher uses (or DATABASE_URL's server). A template database holds the
 * migrated schema and the bundled data; every test class gets its own copy of it.
 */
public final class TestDatabases {
    private static final String TEMPLATE = "atlas_test_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestDatabases instance;

    private final LocalCluster cluster;           // null with DATABASE_URL
    private final String maintenanceUrl;
    private final String urlPrefix;
    private final String urlSuffix;

    private TestDatabases() {
        Path home = home();
        DatabaseConfig config = atlas.cli.AtlasConfig.fromEnvironment().database();
        if (config.isExternal()) {
            cluster = null;
            String url = config.externalJdbcUrl().get();
            int q = url.indexOf('?');
            String base = q < 0 ? url : url.substring(0, q);
            urlSuffix = q < 0 ? "" : url.substring(q);
            urlPrefix = base.substring(0, base.lastIndexOf('/') + 1);
            maintenanceUrl = url;
        } else {
            cluster = new LocalCluster(home.resolve("target/test-pg-" + ProcessHandle.current().pid()), true);
            int port = cluster.ensureRunning();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy));
            maintenanceUrl = cluster.jdbcUrl(port, "postgres");
            urlPrefix = "jdbc:postgresql://127.0.0.1:" + port + "/";
            urlSuffix = "?user=" + LocalCluster.SUPERUSER;
        }
        createTemplate(home);
    }

    public static synchronized TestDatabases get() {
        if (instance == null) {
            instance = new TestDatabases();
        }
        return instance;
    }

    public static Path home() {
        return Path.of(System.getProperty("atlas.home", ".")).toAbsolutePath().normalize();
    }

    private void createTemplate(Path home) {
        execute("DROP DATABASE IF EXISTS " + TEMPLATE);
        execute("CREATE DATABASE " + TEMPLATE);
        try (Database db = Database.connect(urlPrefix + TEMPLATE + urlSuffix, 2)) {
            db.migrate();
            new BundledData(home.resolve("geodata"), db).load(new PrintStream(OutputStream.nullOutputStream()));
        }
    }

    /** A fresh database with the schema and bundled data, private to one test class. */
    public Database newDatabase() {
        String name = "atlas_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return Database.connect(urlPrefix + name + urlSuffix, 8);
    }

    /** The URL of a new database with nothing in it, not even the schema: what a deployment starts from. */
    public String newEmptyDatabaseUrl() {
        String name = "atlas_empty_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    public void dropDatabase(String url) {
        String name = url.substring(urlPrefix.length()).replaceAll("\\?.*$", "");
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public void drop(Database db) {
        db.close();
        String url = db.dataSource() instanceof com.zaxxer.hikari.HikariDataSource h ? h.getJdbcUrl() : "";
        String name = url.substring(urlPrefix.length()).replaceAll("\\?.*$", "");
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public String jdbcUrl(String database) {
        return urlPrefix + database + urlSuffix;
    }

    public LocalCluster cluster() {
        return cluster;
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(maintenanceUrl); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
