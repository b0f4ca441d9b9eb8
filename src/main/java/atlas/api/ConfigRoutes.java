package atlas.api;

import io.javalin.Javalin;

import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/config: what the web map needs to know of the server's settings (moved from StatsRoutes). */
public final class ConfigRoutes {
    private ConfigRoutes() {
    }

    public static void register(Javalin app) {
        app.get("/api/config", ctx -> {
            // A base tile layer is configuration (e.g. 天地图 with a key), off by default.
            String tiles = System.getenv("ATLAS_TILE_URL");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tile_url", tiles == null || tiles.isBlank() ? null : tiles);
            body.put("tile_attribution", System.getenv().getOrDefault("ATLAS_TILE_ATTRIBUTION", ""));
            ctx.json(body);
        });
    }
}
