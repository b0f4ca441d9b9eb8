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
    private AutoCloseable refresher;

    public AtlasRoutes(Path home, Database db) {
        this(home, db, atlas.api.AdminAuth.fromEnvironment());
    }

    public AtlasRoutes(Path home, Database db, atlas.api.AdminAuth auth) {
        this.home = home;
        this.db = db;
        this.auth = auth;
    }

    @Override
    public Path webDir() {
        return home.resolve("web");
    }

    @Override
    public void register(Javalin app) {
        atlas.layers.Layers layers = new atlas.layers.Layers();
        atlas.layers.Precomputed precomputed = new atlas.layers.Precomputed(layers);
        refresher = precomputed.startRefresher(db);
        atlas.api.GazetteerRoutes.register(app, db, layers);
        atlas.api.WorklistRoutes worklists = new atlas.api.WorklistRoutes(new atlas.worklists.WorkItems(db));
        worklists.register(app);
        new atlas.api.FeatureRoutes(db, layers, java.util.Optional.of(worklists)).register(app, webDir());
        atlas.api.StatsRoutes.register(app, db, layers, precomputed, worklists);
        atlas.api.TileRoutes.register(app, db, layers, new atlas.layers.Tiles(), precomputed);
        new atlas.api.WriteRoutes(db, auth, new atlas.api.RateLimiter(20, 60_000)).register(app);
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
