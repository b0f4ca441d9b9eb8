package atlas.api;

import atlas.worklists.WorkItemQuery;
import atlas.worklists.WorkItems;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The work items (改革 / 政策 / 平台 / 项目 / 任务) as the OGC API collection work-items (a null geometry when an
 * item is not placed) and their statistics at /api/stats?collection=work-items. Thin: parse, call, write.
 */
public final class WorklistRoutes {
    public static final String COLLECTION = "work-items";
    static final String TITLE = "清单事项";
    private static final Set<String> FILTERS = Set.of("kind", "unit", "lead_unit", "deadline", "deadline_from",
            "deadline_to", "county", "city", "area", "source", "q", "as_of", "filter", "filter-lang", "filter-crs");
    private static final Set<String> ITEMS = Set.of("limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "f");
    private final WorkItems items;

    public WorklistRoutes(WorkItems items) {
        this.items = items;
    }

    /** Registered before the generic collection routes, so these paths are answered here. */
    public void register(Javalin app) {
        app.get("/collections/" + COLLECTION, ctx -> {
            if (Http.notModified(ctx, version())) {
                return;
            }
            FeatureRoutes.respond(ctx, describe(ctx), TITLE);
        });
        app.get("/collections/" + COLLECTION + "/queryables", ctx -> {
            Map<String, Object> schema = atlas.layers.Queryables.schema(TITLE, atlas.layers.Queryables.WORK_ITEM,
                    Http.baseUrl(ctx) + "/collections/" + COLLECTION + "/queryables");
            if (Http.format(ctx).equals(Http.HTML)) {
                FeatureRoutes.respond(ctx, schema, TITLE);
            } else {
                ctx.contentType("application/schema+json").result(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(schema));
            }
        });
        app.get("/collections/" + COLLECTION + "/items", this::page);
        app.get("/collections/" + COLLECTION + "/items/{fid}", ctx -> {
            String id = ctx.pathParam("fid");
            RequestParams params = new RequestParams(ctx.queryParamMap());
            params.rejectUnknown(Set.of("f", "crs"));
            atlas.crs.Crs crs = params.crs();
            String feature = items.item(id, crs).orElseThrow(() -> ApiProblem.notFound("no work item '" + id + "'"));
            if (Http.notModified(ctx, version())) {
                return;
            }
            if (Http.format(ctx).equals(Http.HTML)) {
                ctx.contentType("text/html; charset=utf-8").result(HtmlPages.jsonPage(TITLE, feature));
                return;
            }
            // OGC API - Features: a feature links to itself, its other encodings and its collection
            String base = Http.baseUrl(ctx) + "/collections/" + COLLECTION;
            String href = base + "/items/" + enc(id);
            String links = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(List.of(
                    FeatureRoutes.link(href, "self", Http.GEOJSON, "this feature"),
                    FeatureRoutes.link(href + "?f=html", "alternate", Http.HTML, "HTML"),
                    FeatureRoutes.link(base, "collection", Http.JSON, TITLE)));
            ctx.header("Content-Crs", "<" + crs.uri() + ">");
            ctx.contentType(Http.GEOJSON).result(feature.substring(0, feature.lastIndexOf('}')) + ",\"links\":" + links + "}");
        });
    }

    /** Answers change with the data and, since overdue is judged against today, with the day. */
    private String version() throws java.sql.SQLException {
        return items.version() + "|" + LocalDate.now();
    }

    /** The collection's description, also listed by /collections. */
    public Map<String, Object> describe(Context ctx) throws Exception {
        String base = Http.baseUrl(ctx) + "/collections/" + COLLECTION;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", COLLECTION);
        m.put("title", TITLE);
        m.put("description", "Reforms, policies, platforms, projects and tasks of the imported 四大建设 documents,"
                + " with deadline and lead/other units; a null geometry when the item names no place");
        m.put("itemType", "feature");
        m.put("crs", atlas.crs.Crs.uris());
        m.put("storageCrs", atlas.crs.Crs.OGC);
        m.put("extent", Map.of("spatial", Map.of("bbox", List.of(items.extent()),
                "crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84")));
        m.put("links", List.of(
                FeatureRoutes.link(base, "self", Http.JSON, TITLE),
                FeatureRoutes.link(base + "/items", "items", Http.GEOJSON, TITLE + " (GeoJSON)"),
                FeatureRoutes.link(base + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables",
                        "application/schema+json", TITLE + " 可查询属性")));
        return m;
    }

    private void page(Context ctx) throws Exception {
        RequestParams params = new RequestParams(ctx.queryParamMap());
        Set<String> allowed = new java.util.HashSet<>(FILTERS);
        allowed.addAll(ITEMS);
        params.rejectUnknown(allowed);
        atlas.crs.Crs crs = params.crs();
        WorkItemQuery q = query(ctx, params, params.bbox(),
                intParam(params, "limit", 1, 10_000).orElse(100), intParam(params, "offset", 0, Integer.MAX_VALUE).orElse(0));
        if (Http.notModified(ctx, version())) {
            return;
        }
        WorkItems.Page page = items.items(q, crs);
        if (Http.format(ctx).equals(Http.HTML)) {
            ctx.contentType("text/html; charset=utf-8").result(html(page));
            return;
        }
        String base = Http.baseUrl(ctx) + "/collections/" + COLLECTION + "/items";
        StringBuilder sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"numberMatched\":").append(page.matched())
                .append(",\"numberReturned\":").append(page.features().size())
                .append(",\"timeStamp\":\"").append(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append("\",\"links\":[{\"href\":").append(quote(base + (ctx.queryString() == null ? "" : "?" + ctx.queryString())))
                .append(",\"rel\":\"self\",\"type\":\"application/geo+json\"}")
                .append(",{\"href\":").append(quote(base + "?" + withQuery(ctx, "f", "html")))
                .append(",\"rel\":\"alternate\",\"type\":\"text/html\"}");
        if (q.offset() + page.features().size() < page.matched()) {
            String next = base + "?" + withQuery(ctx, "offset", String.valueOf(q.offset() + q.limit()));
            sb.append(",{\"href\":").append(quote(next)).append(",\"rel\":\"next\",\"type\":\"application/geo+json\"}");
        }
        sb.append(",{\"href\":").append(quote(Http.baseUrl(ctx) + "/collections/" + COLLECTION))
                .append(",\"rel\":\"collection\",\"type\":\"application/json\"}");
        sb.append("],\"features\":[").append(String.join(",", page.features())).append("]}");
        ctx.header("Content-Crs", "<" + crs.uri() + ">");
        ctx.contentType(Http.GEOJSON).result(sb.toString());
    }

    /** A plain table of the page for browsers (f=html). */
    private static String html(WorkItems.Page page) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        StringBuilder sb = new StringBuilder("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(TITLE).append("</title></head><body><p><a href=\"/web/worklist.html\">清单</a> · <a href=\"/collections\">数据集合</a></p><h1>")
                .append(TITLE).append("</h1><p>").append(page.matched()).append(" 项</p><table border=\"1\" cellspacing=\"0\">"
                        + "<tr><th>类别</th><th>序号</th><th>名称</th><th>完成时限</th><th>牵头单位</th><th>其他单位</th></tr>");
        for (String f : page.features()) {
            com.fasterxml.jackson.databind.JsonNode p = json.readTree(f).path("properties");
            sb.append("<tr><td>").append(Http.escapeHtml(p.path("kind").asText())).append("</td><td>")
                    .append(Http.escapeHtml(p.path("group_seq").asText())).append("</td><td>")
                    .append(Http.escapeHtml(p.path("title").asText())).append("</td><td>")
                    .append(Http.escapeHtml(p.path("deadline_text").asText())).append("</td><td>")
                    .append(Http.escapeHtml(String.join("、", json.convertValue(p.path("lead_units"), String[].class)))).append("</td><td>")
                    .append(Http.escapeHtml(String.join("、", json.convertValue(p.path("other_units"), String[].class)))).append("</td></tr>");
        }
        return sb.append("</table></body></html>").toString();
    }

    /** /api/stats?collection=work-items&groupby=unit|lead_unit|kind|deadline_month|source|city|county. */
    public void stats(Context ctx) throws Exception {
        RequestParams params = new RequestParams(ctx.queryParamMap());
        Set<String> allowed = new java.util.HashSet<>(FILTERS);
        allowed.addAll(Set.of("collection", "groupby", "f"));
        params.rejectUnknown(allowed);
        String groupby = params.single("groupby").orElse("kind");
        if (!WorkItemQuery.GROUPINGS.contains(groupby)) {
            throw ApiProblem.badParameter("groupby", "one of " + String.join(", ", new java.util.TreeSet<>(WorkItemQuery.GROUPINGS)));
        }
        WorkItemQuery q = query(ctx, params, Optional.empty(), 0, 0);
        if (Http.notModified(ctx, version())) {
            return;
        }
        List<WorkItems.Group> groups = items.stats(groupby, q);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("collection", COLLECTION);
        body.put("groupby", groupby);
        body.put("as_of", q.asOf().toString());
        body.put("groups", groups.stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", g.key());
            m.put("count", g.count());
            m.put("overdue", g.overdue());
            return m;
        }).toList());
        if (groupby.equals("unit") || groupby.equals("city") || groupby.equals("county")) {
            body.put("note", "an item with several " + groupby + " values counts once in each");
        }
        FeatureRoutes.respond(ctx, body, "清单统计");
    }

    private static WorkItemQuery query(Context ctx, RequestParams p, Optional<double[]> bbox, int limit, int offset) {
        Optional<String> kind = p.single("kind");
        kind.ifPresent(k -> {
            if (!WorkItemQuery.KINDS.contains(k)) {
                throw ApiProblem.badParameter("kind", "one of reform, policy, platform, project, task");
            }
        });
        Optional<LocalDate> from = date(p, "deadline_from");
        Optional<LocalDate> to = date(p, "deadline_to");
        Optional<String> range = p.single("deadline");
        if (range.isPresent()) {
            // deadline=2021-01-01/2021-06-30, '..' for an open end (as OGC datetime intervals).
            String[] ends = range.get().split("/", -1);
            if (ends.length != 2) {
                throw ApiProblem.badParameter("deadline", "an interval start/end, e.g. 2021-01-01/2021-06-30 or ../2021-06-30");
            }
            from = ends[0].isEmpty() || ends[0].equals("..") ? from : Optional.of(parseDate("deadline", ends[0]));
            to = ends[1].isEmpty() || ends[1].equals("..") ? to : Optional.of(parseDate("deadline", ends[1]));
        }
        Optional<String> datetime = p.single("datetime");
        if (datetime.isPresent()) {
            // OGC API datetime over the item's temporal property, its deadline (a day in Beijing)
            if (range.isPresent() || from.isPresent() || to.isPresent()) {
                throw ApiProblem.badParameter("datetime", "give datetime or deadline / deadline_from / deadline_to, not both");
            }
            String[] ends = datetime.get().split("/", -1);
            if (ends.length > 2) {
                throw ApiProblem.badParameter("datetime", "an instant or an interval start/end, '..' for an open end");
            }
            from = instant(ends[0]);
            to = ends.length == 1 ? from : instant(ends[1]);
            if (ends.length == 1 && from.isEmpty()) {
                throw ApiProblem.badParameter("datetime", "an instant or an interval start/end, '..' for an open end");
            }
            if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
                throw ApiProblem.badParameter("datetime", "the interval starts after it ends");
            }
        }
        Optional<String> county = p.single("county").map(v -> code("county", v));
        Optional<String> city = p.single("city").map(v -> code("city", v));
        LocalDate asOf = date(p, "as_of").orElse(LocalDate.now());
        // filter (cql2-text or cql2-json, in filter-crs) and a bbox in another CRS than CRS84: one bound condition
        Optional<atlas.cql2.Cql2Where.Condition> condition = atlas.layers.ProjectFilter
                .onlyCondition(ctx.queryParamMap(), atlas.layers.Queryables.WORK_ITEM).condition().map(c -> c.where());
        return new WorkItemQuery(kind, p.single("unit"), p.single("lead_unit"), from, to, county, city,
                p.single("area"), p.single("source"), p.single("q"), bbox, asOf, limit, offset, condition);
    }

    /** One end of a datetime: an RFC 3339 date or date-time (as a Beijing day), empty for '..' or nothing. */
    private static Optional<LocalDate> instant(String v) {
        if (v.isEmpty() || v.equals("..")) {
            return Optional.empty();
        }
        try {
            if (v.length() > 10) {
                return Optional.of(java.time.OffsetDateTime.parse(v).atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai")).toLocalDate());
            }
            return Optional.of(LocalDate.parse(v));
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter("datetime", "an RFC 3339 date or date-time (2021-06-30, 2021-06-30T12:00:00Z), got '" + v + "'");
        }
    }

    private static Optional<LocalDate> date(RequestParams p, String name) {
        return p.single(name).map(v -> parseDate(name, v));
    }

    private static LocalDate parseDate(String name, String v) {
        try {
            return v.matches("\\d{4}-\\d{2}") ? java.time.YearMonth.parse(v).atEndOfMonth() : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter(name, "a date YYYY-MM-DD (or YYYY-MM), got '" + v + "'");
        }
    }

    private static String code(String name, String v) {
        if (!v.matches("[0-9]{6}")) {
            throw ApiProblem.badParameter(name, "a 6-digit division code, got '" + v + "'");
        }
        return v;
    }

    private static Optional<Integer> intParam(RequestParams p, String name, int min, int max) {
        return p.single(name).map(v -> {
            try {
                int i = Integer.parseInt(v);
                if (i < min || i > max) {
                    throw ApiProblem.badParameter(name, "between " + min + " and " + max);
                }
                return i;
            } catch (NumberFormatException e) {
                throw ApiProblem.badParameter(name, "an integer, got '" + v + "'");
            }
        });
    }

    /** The request's own query with one parameter set to value (the next page's offset, f=html). */
    private static String withQuery(Context ctx, String name, String value) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals(name)) {
                continue;
            }
            for (String v : e.getValue()) {
                sb.append(sb.length() == 0 ? "" : "&").append(enc(e.getKey())).append('=').append(enc(v));
            }
        }
        return sb.append(sb.length() == 0 ? "" : "&").append(name).append('=').append(enc(value)).toString();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
