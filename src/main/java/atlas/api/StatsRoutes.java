package atlas.api;

import atlas.db.Database;
import atlas.layers.Layers;
import atlas.layers.ProjectFilter;
import atlas.layers.ProjectStats;
import io.javalin.Javalin;

import java.sql.Connection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** GET /api/stats?groupby=…&filters: counts and 总投资 sums; GET /api/facets: values for the filter panel (ProjectStats decides where answers come from). */
public final class StatsRoutes {
    private StatsRoutes() {
    }

    public static void register(Javalin app, Database db, Layers layers, ProjectStats stats) {
        app.get("/api/stats", ctx -> {
            RequestParams params = new RequestParams(ctx.queryParamMap());
            Set<String> allowed = new HashSet<>(RequestParams.FILTER_NAMES);
            allowed.add("groupby");
            allowed.add("f");
            params.rejectUnknown(allowed);
            String groupby = params.single("groupby").orElse("category");
            if (!ProjectStats.GROUPINGS.contains(groupby)) {
                throw ApiProblem.badParameter("groupby", "one of " + String.join(", ", ProjectStats.GROUPINGS));
            }
            ProjectFilter filter = params.filter();
            try (Connection c = db.connection()) {
                if (Http.notModified(ctx, layers.dataVersion(c))) {
                    return;
                }
                ProjectStats.Stats s = stats.get(c, groupby, filter);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("groupby", s.groupby());
                body.put("filters", filter.asParameters());
                body.put("count", s.count());
                body.put("total", Map.of("count", s.count(), "total_investment", s.totalInvestment() == null ? 0 : s.totalInvestment()));
                body.put("unit", "亿元");
                body.put("groups", s.groups().stream().map(g -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("key", g.key());
                    m.put("name", g.name());
                    m.put("count", g.count());
                    m.put("total_investment", g.totalInvestment());
                    return m;
                }).toList());
                if (groupby.equals("county") || groupby.equals("city") || groupby.equals("area")) {
                    body.put("note", "a project placed in several " + groupby + " groups counts, with its whole investment, in each of them");
                }
                FeatureRoutes.respond(ctx, body, "统计");
            }
        });
        app.get("/api/facets", ctx -> {
            try (Connection c = db.connection()) {
                if (Http.notModified(ctx, layers.dataVersion(c))) {
                    return;
                }
                ctx.json(stats.facets(c));
            }
        });
    }
}
