package atlas.api;

import atlas.db.Database;
import atlas.review.ReviewStore;
import io.javalin.Javalin;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

/** GET /api/review: the open review items, what needs a person's look (moved from WriteRoutes). */
public final class ReviewRoutes {
    private ReviewRoutes() {
    }

    public static void register(Javalin app, Database db) {
        app.get("/api/review", ctx -> {
            RequestParams params = new RequestParams(ctx.queryParamMap());
            params.rejectUnknown(java.util.Set.of("kind", "limit", "f"));
            int limit = params.single("limit").map(v -> {
                try {
                    return Math.max(1, Math.min(10_000, Integer.parseInt(v)));
                } catch (NumberFormatException e) {
                    throw ApiProblem.badParameter("limit", "a whole number");
                }
            }).orElse(1000);
            try (Connection c = db.connection()) {
                List<Map<String, Object>> items = new ReviewStore().open(c, params.single("kind"), limit);
                ctx.header("Cache-Control", "no-cache");
                ctx.json(Map.of("count", items.size(), "items", items));
            }
        });
    }
}
