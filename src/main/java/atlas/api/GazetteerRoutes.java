package atlas.api;

import atlas.db.Database;
import atlas.gazetteer.Candidate;
import atlas.gazetteer.Gazetteer;
import io.javalin.Javalin;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/** GET /api/gazetteer?q=余杭: candidates with code, level and how the text matched. */
public final class GazetteerRoutes {
    private GazetteerRoutes() {
    }

    /** The gazetteer changes only with reference data: keep one snapshot per data version. */
    private record Cached(String version, Gazetteer gazetteer) {
    }

    public static void register(Javalin app, Database db, atlas.layers.Layers layers) {
        java.util.concurrent.atomic.AtomicReference<Cached> cache = new java.util.concurrent.atomic.AtomicReference<>();
        app.get("/api/gazetteer", ctx -> {
            String q = ctx.queryParam("q");
            if (q == null || q.isBlank()) {
                throw ApiProblem.badParameter("q", "a place name or code is required, e.g. q=余杭");
            }
            if (q.length() > 100) {
                throw ApiProblem.badParameter("q", "at most 100 characters");
            }
            Gazetteer gazetteer;
            try (Connection c = db.connection()) {
                String version = layers.dataVersion(c);
                Cached cached = cache.get();
                if (cached == null || !cached.version().equals(version)) {
                    cached = new Cached(version, Gazetteer.load(c));
                    cache.set(cached);
                }
                gazetteer = cached.gazetteer();
            }
            List<Candidate> candidates = gazetteer.search(q.trim(), 20);
            ctx.json(Map.of("query", q.trim(), "candidates", candidates));
        });
    }
}
