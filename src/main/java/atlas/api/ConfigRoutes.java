package atlas.api;

import io.javalin.Javalin;

import java.util.LinkedHashMap;
import java.util.Map;

/** GET /api/config: what the web map needs to know of the server's settings (moved from StatsRoutes). */
public final class ConfigRoutes {
    private ConfigRoutes() {
    }

    /** A base tile layer is configuration (e.g. 天地图 with a key), off by default. */
    public static void register(Javalin app, java.util.Optional<String> tileUrl, String tileAttribution) {
        app.get("/api/config", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("tile_url", tileUrl.orElse(null));
            body.put("tile_attribution", tileAttribution);
            ctx.json(body);
        });
    }
}
