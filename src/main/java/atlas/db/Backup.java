package atlas.db;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Backup and restore of the whole application database with pg_dump / pg_restore in their custom
 * format: projects, placements made by hand, review items, links, the audit log, precomputed sets.
 * A restore goes into a scratch database first and replaces the target only when it is complete, so
 * a damaged or truncated file leaves the target as it was.
 */
public final class Backup {
    /** The tables whose row counts a backup and a restore report (what an operator checks first). */
    private static final List<String> COUNTED = List.of("project", "manual_placement", "review_item", "audit_log");
    private static final String SCHEMA_VERSION = "SELECT max(version::int) FROM flyway_schema_history WHERE success AND version IS NOT NULL";
    private static final String HAS_TABLE = "SELECT to_regclass(?) IS NOT NULL";
    private static final String DATABASE_EXISTS = "SELECT 1 FROM pg_database WHERE datname = ?";
    private static final String DISCONNECT = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()";

    private final Endpoint endpoint;
    private final Path binaries;

    /** A backup of the database named by this JDBC URL, with the PostgreSQL client programs found in binaries. */
    public Backup(String jdbcUrl, Path binaries) {
        this.endpoint = Endpoint.of(jdbcUrl);
        this.binaries = binaries;
    }

    /** What a backup or restore did: the file, its size and the counted tables' rows. */
    public record Result(Path file, long bytes, int schemaVersion, Map<String, Long> rows) {
    }

    /** Writes the database to file (custom format); the file appears only when the dump is complete. */
    public Result backup(Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            run(command("pg_dump", "--format=custom", "--no-owner", "--file=" + partial, "--dbname=" + endpoint.database()),
                    "pg_dump of " + endpoint.database());
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(file, Files.size(file), schemaVersion(endpoint.database()), counts(endpoint.database()));
        } catch (IOException e) {
            throw new BackupException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the database with the backup in file. Connections to the target are closed at the
     * moment of the swap; servers reconnect to the restored database by its name.
     */
    public Result restore(Path file, int newestKnownSchema) {
        if (!Files.isRegularFile(file)) {
            throw new BackupException("no backup file " + file);
        }
        String target = endpoint.database();
        String scratch = target + "_restoring";
        run(List.of(binaries.resolve("pg_restore").toString(), "--list", file.toString()), file + " is not a backup made by ./atlas db backup");
        try (Connection admin = endpoint.maintenance(); Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + scratch + "\" WITH (FORCE)");
            st.execute("CREATE DATABASE \"" + scratch + "\"");
            try {
                run(command("pg_restore", "--exit-on-error", "--single-transaction", "--no-owner", "--dbname=" + scratch,
                        file.toString()), file + " is damaged or truncated; the database " + target + " was not changed");
                checkRestored(scratch, newestKnownSchema, file);
            } catch (RuntimeException e) {
                st.execute("DROP DATABASE IF EXISTS \"" + scratch + "\" WITH (FORCE)");
                throw e;
            }
            String replaced = target + "_replaced";
            st.execute("DROP DATABASE IF EXISTS \"" + replaced + "\" WITH (FORCE)");
            if (exists(admin, target)) {
                disconnect(admin, target);
                st.execute("ALTER DATABASE \"" + target + "\" RENAME TO \"" + replaced + "\"");
            }
            st.execute("ALTER DATABASE \"" + scratch + "\" RENAME TO \"" + target + "\"");
            st.execute("DROP DATABASE IF EXISTS \"" + replaced + "\" WITH (FORCE)");
            return new Result(file, Files.size(file), schemaVersion(target), counts(target));
        } catch (SQLException | IOException e) {
            throw new BackupException("restore of " + file + " failed: " + e.getMessage(), e);
        }
    }

    private void checkRestored(String database, int newestKnownSchema, Path file) {
        try (Connection c = endpoint.connect(database)) {
            if (!hasTable(c, "flyway_schema_history") || !hasTable(c, "project")) {
                throw new BackupException(file + " holds a database, but not an Atlas one (no project table or migration history)"
                        + "; the database " + endpoint.database() + " was not changed");
            }
        } catch (SQLException e) {
            throw new BackupException("cannot check the restored copy: " + e.getMessage(), e);
        }
        int version = schemaVersion(database);
        if (version > newestKnownSchema) {
            throw new BackupException(file + " was made by a newer Atlas (schema V" + version + ", this one knows up to V"
                    + newestKnownSchema + "); the database " + endpoint.database() + " was not changed");
        }
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (var ps = c.prepareStatement(HAS_TABLE)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (var ps = admin.prepareStatement(DATABASE_EXISTS)) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void disconnect(Connection admin, String database) throws SQLException {
        try (var ps = admin.prepareStatement(DISCONNECT)) {
            ps.setString(1, database);
            ps.execute();
        }
    }

    private int schemaVersion(String database) {
        try (Connection c = endpoint.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SCHEMA_VERSION)) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new BackupException("cannot read the schema version of " + database + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Long> counts(String database) {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (Connection c = endpoint.connect(database); Statement st = c.createStatement()) {
            for (String table : COUNTED) {
                if (hasTable(c, table)) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                        rs.next();
                        rows.put(table, rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new BackupException("cannot count the rows of " + database + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** A client program with this endpoint's connection options. */
    private List<String> command(String program, String... args) {
        List<String> cmd = new ArrayList<>(List.of(binaries.resolve(program).toString(),
                "--host=" + endpoint.host(), "--port=" + endpoint.port(), "--username=" + endpoint.user()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void run(List<String> command, String failure) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            endpoint.password().ifPresent(p -> pb.environment().put("PGPASSWORD", p));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new BackupException(failure + ": " + command.get(0) + " did not finish in 30 minutes");
            }
            if (p.exitValue() != 0) {
                String reason = out.lines().filter(l -> l.contains("error")).findFirst().orElse(out.strip());
                throw new BackupException(failure + " (" + reason.strip() + ")");
            }
        } catch (IOException e) {
            throw new BackupException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted: " + failure);
        }
    }

    /** Host, port, database and credentials read from a jdbc:postgresql: URL. */
    record Endpoint(String host, int port, String database, String user, java.util.Optional<String> password, String query) {
        static Endpoint of(String jdbcUrl) {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            Map<String, String> params = new LinkedHashMap<>();
            if (uri.getRawQuery() != null) {
                for (String kv : uri.getRawQuery().split("&")) {
                    String[] p = kv.split("=", 2);
                    params.put(p[0], p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "");
                }
            }
            String database = uri.getPath().replaceFirst("^/", "");
            return new Endpoint(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, database,
                    params.getOrDefault("user", System.getProperty("user.name")),
                    java.util.Optional.ofNullable(params.get("password")), uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }

        Connection connect(String db) throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db + query);
        }

        /** The server's maintenance database: a database cannot be renamed or dropped from inside itself. */
        Connection maintenance() throws SQLException {
            return connect("postgres");
        }
    }
}
