package atlas.cli;

import atlas.api.ApiContext;
import atlas.db.Database;
import io.javalin.Javalin;

import java.nio.file.Path;

/** Wires every route group to its room's logic: the one place where the server is assembled. */
public final class AtlasRoutes implements ApiContext {
    private final Path home;
    private final Database db;
    private final atlas.api.AdminAuth auth;
    private final AtlasConfig config;
    private AutoCloseable refresher;

    /** The server with the settings read by cli/Main. */
    public AtlasRoutes(Path home, Database db, AtlasConfig config) {
        this(home, db, config, new atlas.api.AdminAuth(config.adminToken()));
    }

    /** The server with default settings (no admin token: writes refused). */
    public AtlasRoutes(Path home, Database db) {
        this(home, db, AtlasConfig.defaults());
    }

    /** The server with default settings and this admin token. */
    public AtlasRoutes(Path home, Database db, atlas.api.AdminAuth auth) {
        this(home, db, AtlasConfig.defaults(), auth);
    }

    private AtlasRoutes(Path home, Database db, AtlasConfig config, atlas.api.AdminAuth auth) {
        this.home = home;
        this.db = db;
        this.config = config;
        this.auth = auth;
    }

    @Override
    public Path webDir() {
        return home.resolve("web");
    }

    @Override
    public void register(Javalin app) {
        atlas.layers.Layers layers = new atlas.layers.Layers(config.featureCacheMb() << 20);
        atlas.layers.Precomputed precomputed = new atlas.layers.Precomputed();
        refresher = precomputed.startRefresher(db);
        atlas.api.GazetteerRoutes.register(app, db, layers);
        atlas.api.WorklistRoutes worklists = new atlas.api.WorklistRoutes(new atlas.worklists.WorkItems(db));
        worklists.register(app);
        new atlas.api.FeatureRoutes(db, layers, java.util.Optional.of(worklists)).register(app, webDir());
        atlas.api.ProjectPageRoutes.register(app, db, layers);
        atlas.api.StatsRoutes.register(app, db, layers, new atlas.layers.ProjectStats(layers, precomputed), worklists);
        atlas.api.ConfigRoutes.register(app, config.tileUrl(), config.tileAttribution());
        atlas.api.TileRoutes.register(app, db, layers, new atlas.layers.ProjectTiles(layers, precomputed));
        new atlas.api.WriteRoutes(db, auth, new atlas.api.RateLimiter(20, 60_000),
                new atlas.load.ImportAndPlace(home.resolve("geodata"), new atlas.ingest.ImportService(config.maxRows()))).register(app);
        atlas.api.ReviewRoutes.register(app, db);
        new atlas.api.LinkRoutes(db, auth).register(app);
        atlas.api.OpenApiRoutes.register(app);
        new atlas.api.ExportRoutes(db, layers).register(app);
    }

    @Override
    public void close() {
        if (refresher != null) {
            try {
                refresher.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
