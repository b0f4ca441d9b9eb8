package atlas.api;

import atlas.db.Database;
import atlas.identity.ManualLinks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GET /api/links?status=review: links between list entries (the grey zone waits for review);
 * PUT /api/links (admin): confirm, reject (relation none) or add a link.
 */
public final class LinkRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STATUSES = Set.of("linked", "review", "confirmed", "rejected");
    private final Database db;
    private final AdminAuth auth;

    public LinkRoutes(Database db, AdminAuth auth) {
        this.db = db;
        this.auth = auth;
    }

    public void register(Javalin app) {
        app.get("/api/links", ctx -> {
            RequestParams params = new RequestParams(ctx.queryParamMap());
            params.rejectUnknown(Set.of("status", "limit", "f"));
            Optional<String> status = params.single("status");
            if (status.isPresent() && !STATUSES.contains(status.get())) {
                throw ApiProblem.badParameter("status", "one of linked, review, confirmed, rejected");
            }
            int limit = params.single("limit").map(v -> {
                try {
                    return Math.max(1, Math.min(10_000, Integer.parseInt(v)));
                } catch (NumberFormatException e) {
                    throw ApiProblem.badParameter("limit", "a whole number");
                }
            }).orElse(1000);
            try (Connection c = db.connection()) {
                List<Map<String, Object>> links = new ManualLinks().list(c, status, limit);
                ctx.header("Cache-Control", "no-cache");
                ctx.json(Map.of("count", links.size(), "links", links));
            }
        });
        app.put("/api/links", this::set);
    }

    private void set(Context ctx) throws Exception {
        String actor = auth.require(ctx);
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (java.io.IOException e) {
            throw ApiProblem.badParameter("body", "not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw ApiProblem.badParameter("body", "a JSON object with a, b and relation");
        }
        String a = body.path("a").asText("");
        String b = body.path("b").asText("");
        for (Map.Entry<String, String> f : Map.of("a", a, "b", b).entrySet()) {
            if (!f.getValue().matches("[0-9a-f]{12}")) {
                throw ApiProblem.badParameter(f.getKey(), "the id of a project feature (12 hex digits)");
            }
        }
        String relation = body.path("relation").asText("");
        String whole = body.path("whole").isTextual() ? body.path("whole").asText() : null;
        String comment = body.path("comment").isTextual() ? body.path("comment").asText() : null;
        if (comment != null && comment.length() > 2000) {
            throw ApiProblem.badParameter("comment", "at most 2000 characters");
        }
        try (Connection c = db.connection()) {
            Optional<Map<String, Object>> done;
            try {
                done = new ManualLinks().set(c, a, b, relation, whole, comment, actor);
            } catch (ManualLinks.LinkException e) {
                throw ApiProblem.badParameter(e.field(), e.getMessage());
            }
            ctx.json(done.orElseThrow(() -> ApiProblem.notFound("no project '" + a + "' or '" + b + "'")));
        }
    }
}
