package atlas.cli;

import atlas.db.DatabaseConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the program, read once from the environment by cli/Main and handed to the rooms as
 * plain values (README, "Configuration"). Nothing else reads the environment.
 *
 * @param databaseUrl     DATABASE_URL as given (libpq or JDBC form): an external PostGIS
 * @param dataFolder      ATLAS_DATA: the data folder (default var/ in the project)
 * @param adminToken      ATLAS_ADMIN_TOKEN, or the contents of the file ATLAS_ADMIN_TOKEN_FILE names
 * @param tileUrl         ATLAS_TILE_URL: an optional base tile layer for the map
 * @param tileAttribution ATLAS_TILE_ATTRIBUTION
 * @param maxRows         ATLAS_MAX_ROWS: the most rows one imported document may have
 * @param featureCacheMb  ATLAS_FEATURE_CACHE_MB: memory for project features' bytes kept for bbox pages (0: none)
 */
public record AtlasConfig(Optional<String> databaseUrl, Optional<String> dataFolder, Optional<String> adminToken,
                          Optional<String> tileUrl, String tileAttribution, int maxRows, long featureCacheMb) {

    public static AtlasConfig fromEnvironment() {
        return of(System.getenv());
    }

    /** Nothing set: the local cluster, no admin token (writes refused), no base tiles. */
    public static AtlasConfig defaults() {
        return of(Map.of());
    }

    static AtlasConfig of(Map<String, String> env) {
        Optional<String> token = value(env, "ATLAS_ADMIN_TOKEN");
        if (token.isEmpty()) {
            Optional<String> file = value(env, "ATLAS_ADMIN_TOKEN_FILE");
            if (file.isPresent()) {
                try {
                    token = Optional.of(Files.readString(Path.of(file.get())));
                } catch (java.io.IOException e) {
                    throw new IllegalStateException("cannot read ATLAS_ADMIN_TOKEN_FILE " + file.get() + ": " + e.getMessage(), e);
                }
            }
        }
        int maxRows = Integer.parseInt(env.getOrDefault("ATLAS_MAX_ROWS", String.valueOf(atlas.ingest.ImportService.DEFAULT_MAX_ROWS)));
        long featureCacheMb = Long.parseLong(env.getOrDefault("ATLAS_FEATURE_CACHE_MB",
                String.valueOf(atlas.layers.Layers.defaultFeatureBytes() >> 20)).trim());
        return new AtlasConfig(value(env, "DATABASE_URL").map(String::trim), value(env, "ATLAS_DATA"), token,
                value(env, "ATLAS_TILE_URL"), env.getOrDefault("ATLAS_TILE_ATTRIBUTION", ""), maxRows, featureCacheMb);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }

    public DatabaseConfig database() {
        return new DatabaseConfig(databaseUrl.map(DatabaseConfig::toJdbc));
    }
}
