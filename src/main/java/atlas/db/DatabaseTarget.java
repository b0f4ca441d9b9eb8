package atlas.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves which database a command talks to: DATABASE_URL when set, else the local cluster
 * under the data folder (started on demand).
 */
public final class DatabaseTarget {
    public static final String DATABASE = "atlas";

    private final DatabaseConfig config;
    private final Path dataFolder;

    public DatabaseTarget(DatabaseConfig config, Path dataFolder) {
        this.config = config;
        this.dataFolder = dataFolder;
    }

    public boolean isExternal() {
        return config.isExternal();
    }

    public Optional<LocalCluster> localCluster() {
        return config.isExternal() ? Optional.empty() : Optional.of(new LocalCluster(dataFolder.resolve("pg"), false));
    }

    /** Starts the local cluster if needed and returns the JDBC URL of the application database. */
    public String ensureJdbcUrl() {
        if (config.externalJdbcUrl().isPresent()) {
            return config.externalJdbcUrl().get();
        }
        LocalCluster cluster = localCluster().orElseThrow();
        int port = cluster.ensureRunning();
        Database.createDatabaseIfMissing(cluster.jdbcUrl(port, "postgres"), DATABASE, null);
        return cluster.jdbcUrl(port, DATABASE);
    }

    /** The data folder: the one configured (ATLAS_DATA), else var/ in the project; created when missing. */
    public static Path dataFolder(Optional<String> configured, Path projectHome) {
        Path folder = configured.map(Path::of).orElse(projectHome.resolve("var"));
        try {
            Files.createDirectories(folder);
        } catch (java.io.IOException e) {
            throw new DatabaseException("cannot create data folder " + folder + ": " + e.getMessage(), e);
        }
        return folder.toAbsolutePath().normalize();
    }
}
