package atlas.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The connection pool and the schema migrations of one database. */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private volatile boolean migrationsSeenCurrent;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database connect(String jdbcUrl, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("atlas");
        // Start even when the database is down: the server answers 503 until it is back.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(5_000);
        return new Database(new HikariDataSource(config));
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** True when the connection's server is a hot standby (a read replica): it loads and builds nothing itself. */
    public static boolean isHotStandby(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(MaintenanceSql.IN_RECOVERY)) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /**
     * Applies pending migrations, waiting (up to waitMillis) while the database is unreachable or
     * restarting: a server started while its database restarts (a replica after a failover, say)
     * comes up when the database does instead of exiting.
     */
    public int migrateWhenReachable(long waitMillis) {
        long deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            try {
                return migrate();
            } catch (RuntimeException e) {
                if (!unreachable(e) || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketException || t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** Applies pending Flyway migrations (src/main/resources/db/migration). */
    public int migrate() {
        return flyway().migrate().migrationsExecuted;
    }

    /**
     * True when every known migration has been applied. Asked by every readiness probe; Flyway reads
     * the classpath and the history table each time, so a true answer is kept (applied migrations are
     * never taken back while this build runs).
     */
    public boolean migrationsCurrent() {
        if (!migrationsSeenCurrent) {
            MigrationInfo[] pending = flyway().info().pending();
            migrationsSeenCurrent = pending.length == 0;
        }
        return migrationsSeenCurrent;
    }

    /** The newest schema version this build's migrations know (a backup made at a newer one is refused). */
    public int newestKnownSchemaVersion() {
        return java.util.Arrays.stream(flyway().info().all())
                .filter(m -> m.getVersion() != null)
                .mapToInt(m -> Integer.parseInt(m.getVersion().getVersion()))
                .max().orElse(0);
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
    }

    /** Creates a database on the server of the given maintenance URL if it does not exist. */
    public static void createDatabaseIfMissing(String maintenanceJdbcUrl, String name, String template) {
        try (Connection c = java.sql.DriverManager.getConnection(maintenanceJdbcUrl);
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            st.execute("CREATE DATABASE \"" + name + "\"" + (template == null ? "" : " TEMPLATE \"" + template + "\""));
        } catch (SQLException e) {
            throw new DatabaseException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
