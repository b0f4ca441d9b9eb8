package atlas.api;

import atlas.db.Database;
import atlas.layers.Collection;
import atlas.layers.ItemsQuery;
import atlas.layers.Layers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OGC API - Features Part 1: landing page, conformance, collections, items, single items. */
public final class FeatureRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/array-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/property-property");

    private final Database db;
    private final Layers layers;
    private final atlas.pages.ProjectPages projectPages;

    /** Collections another room serves (the work items), listed with ours. */
    private final java.util.Optional<WorklistRoutes> worklists;

    public FeatureRoutes(Database db, Layers layers) {
        this(db, layers, java.util.Optional.empty());
    }

    public FeatureRoutes(Database db, Layers layers, java.util.Optional<WorklistRoutes> worklists) {
        this.db = db;
        this.layers = layers;
        this.projectPages = new atlas.pages.ProjectPages(layers);
        this.worklists = worklists;
    }

    public void register(Javalin app, java.nio.file.Path webDir) {
        app.get("/", ctx -> {
            if (ctx.queryParam("f") == null && Http.format(ctx).equals(Http.HTML)) {
                ctx.contentType("text/html; charset=utf-8").result(java.nio.file.Files.readAllBytes(webDir.resolve("index.html")));
                return;
            }
            landing(ctx);
        });
        app.get("/map", ctx -> ctx.contentType("text/html; charset=utf-8")
                .result(java.nio.file.Files.readAllBytes(webDir.resolve("index.html"))));
        app.get("/conformance", ctx -> respond(ctx, Map.of("conformsTo", CONFORMANCE), "Conformance"));
        app.get("/collections", this::collections);
        app.get("/collections/{id}", ctx -> {
            Collection col = collection(ctx);
            try (Connection c = db.connection()) {
                if (Http.notModified(ctx, layers.dataVersion(c))) {
                    return;
                }
                respond(ctx, describe(ctx, c, col), col.title());
            }
        });
        app.get("/collections/{id}/queryables", ctx -> {
            Collection col = collection(ctx);
            String id = Http.baseUrl(ctx) + "/collections/" + col.id() + "/queryables";
            if (Http.format(ctx).equals(Http.HTML)) {
                respond(ctx, atlas.layers.Queryables.schema(col, id), col.title());
            } else {
                ctx.contentType("application/schema+json").result(JSON.writeValueAsString(atlas.layers.Queryables.schema(col, id)));
            }
        });
        app.get("/collections/{id}/items", this::items);
        app.get("/collections/{id}/items/{fid}", this::item);
    }

    private void landing(Context ctx) throws Exception {
        String base = Http.baseUrl(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "浙江“四大建设”项目地图 Project Atlas");
        body.put("description", "Zhejiang's 四大建设 project lists placed on counties, metros, new districts and corridors");
        body.put("links", List.of(
                link(base + "/", "self", Http.JSON, "本页 (JSON)"),
                link(base + "/?f=html", "alternate", Http.HTML, "本页 (HTML)"),
                link(base + "/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "OpenAPI 3.0"),
                link(base + "/conformance", "conformance", Http.JSON, "一致性声明"),
                link(base + "/collections", "data", Http.JSON, "数据集合"),
                link(base + "/map", "alternate", Http.HTML, "地图")));
        respond(ctx, body, "Project Atlas");
    }

    private void collections(Context ctx) throws Exception {
        try (Connection c = db.connection()) {
            if (Http.notModified(ctx, layers.dataVersion(c))) {
                return;
            }
            List<Object> list = new ArrayList<>();
            for (Collection col : Collection.ALL) {
                list.add(describe(ctx, c, col));
            }
            if (worklists.isPresent()) {
                list.add(worklists.get().describe(ctx));
            }
            String base = Http.baseUrl(ctx);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("links", List.of(link(base + "/collections", "self", Http.JSON, "数据集合"),
                    link(base + "/collections?f=html", "alternate", Http.HTML, "数据集合 (HTML)")));
            body.put("collections", list);
            respond(ctx, body, "数据集合");
        }
    }

    private Map<String, Object> describe(Context ctx, Connection c, Collection col) throws Exception {
        Layers.Extent extent = layers.extent(c, col);
        String base = Http.baseUrl(ctx) + "/collections/" + col.id();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", col.id());
        m.put("title", col.title());
        m.put("description", col.description());
        m.put("itemType", "feature");
        m.put("crs", atlas.crs.Crs.uris());
        m.put("storageCrs", atlas.crs.Crs.OGC);
        m.put("extent", Map.of("spatial", Map.of("bbox", List.of(extent.bbox()),
                "crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84")));
        m.put("properties", col.properties());
        m.put("boundary_source", extent.boundarySource());
        m.put("boundary_vintage", extent.boundaryVintage());
        m.put("links", List.of(
                link(base, "self", Http.JSON, col.title()),
                link(base + "/items", "items", Http.GEOJSON, col.title() + " (GeoJSON)"),
                link(base + "/items?f=html", "items", Http.HTML, col.title() + " (HTML)"),
                link(base + "/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json",
                        col.title() + " 可查询属性")));
        return m;
    }

    private Collection collection(Context ctx) {
        String id = ctx.pathParam("id");
        return Collection.byId(id).orElseThrow(() -> ApiProblem.notFound("no collection '" + id
                + "'; collections: " + String.join(", ", Collection.ALL.stream().map(Collection::id).toList())));
    }

    private void items(Context ctx) throws Exception {
        Collection col = collection(ctx);
        ItemsQuery q = new RequestParams(ctx.queryParamMap()).items(col);
        String format = Http.format(ctx);
        try (Connection c = db.connection()) {
            String version = layers.dataVersion(c);
            if (Http.notModified(ctx, version)) {
                return;
            }
            if (format.equals(Http.HTML)) {
                StringBuilder rows = new StringBuilder();
                Layers.Page page = layers.streamItems(c, col, q, f -> rows.append(HtmlPages.featureRow(f)));
                ctx.contentType("text/html; charset=utf-8").result(HtmlPages.itemsPage(col, page, rows.toString()));
                return;
            }
            ctx.contentType(Http.GEOJSON);
            ctx.header("Content-Crs", "<" + q.crs().uri() + ">");
            OutputStream out = new BufferedOutputStream(ctx.outputStream(), 1 << 16);
            out.write("{\"type\":\"FeatureCollection\",\"features\":[".getBytes(StandardCharsets.UTF_8));
            boolean[] first = {true};
            boolean fresh = Http.wantsFresh(ctx);
            Layers.Page page = layers.streamItemBytes(c, col, q, fresh ? java.util.Optional.empty() : java.util.Optional.of(version), feature -> {
                try {
                    if (!first[0]) {
                        out.write(',');
                    }
                    first[0] = false;
                    out.write(feature);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String tail = "],\"numberMatched\":" + page.numberMatched() + ",\"numberReturned\":" + page.numberReturned()
                    + ",\"timeStamp\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\""
                    + ",\"links\":" + JSON.writeValueAsString(pageLinks(ctx, col, q, page)) + "}";
            out.write(tail.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private List<Map<String, String>> pageLinks(Context ctx, Collection col, ItemsQuery q, Layers.Page page) {
        String base = Http.baseUrl(ctx) + "/collections/" + col.id();
        List<Map<String, String>> links = new ArrayList<>();
        links.add(link(base + "/items" + query(ctx, q.offset(), q.limit()), "self", Http.GEOJSON, "this page"));
        links.add(link(base + "/items" + query(ctx, q.offset(), q.limit()).replaceFirst("^\\?", "?f=html&"), "alternate", Http.HTML, "HTML"));
        if (q.offset() + page.numberReturned() < page.numberMatched()) {
            links.add(link(base + "/items" + query(ctx, q.offset() + q.limit(), q.limit()), "next", Http.GEOJSON, "next page"));
        }
        if (q.offset() > 0) {
            links.add(link(base + "/items" + query(ctx, Math.max(0, q.offset() - q.limit()), q.limit()), "prev", Http.GEOJSON, "previous page"));
        }
        links.add(link(base, "collection", Http.JSON, col.title()));
        return links;
    }

    /** The request's own parameters with offset/limit replaced. */
    private static String query(Context ctx, int offset, int limit) {
        StringBuilder sb = new StringBuilder("?");
        ctx.queryParamMap().forEach((k, vs) -> {
            if (!k.equals("offset") && !k.equals("limit") && !k.equals("f")) {
                vs.forEach(v -> sb.append(enc(k)).append('=').append(enc(v)).append('&'));
            }
        });
        sb.append("offset=").append(offset).append("&limit=").append(limit);
        return sb.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void item(Context ctx) throws Exception {
        Collection col = collection(ctx);
        String fid = ctx.pathParam("fid");
        RequestParams params = new RequestParams(ctx.queryParamMap());
        params.rejectUnknown(java.util.Set.of("f", "crs"));
        atlas.crs.Crs crs = params.crs();
        if (col.id().equals("projects") && Http.format(ctx).equals(Http.HTML)) {
            ProjectPageRoutes.respond(ctx, db, layers, projectPages, fid);
            return;
        }
        try (Connection c = db.connection()) {
            if (Http.notModified(ctx, layers.dataVersion(c))) {
                return;
            }
            String feature = layers.item(c, col, fid, crs)
                    .orElseThrow(() -> ApiProblem.notFound("no feature '" + fid + "' in " + col.id()));
            if (Http.format(ctx).equals(Http.HTML)) {
                ctx.contentType("text/html; charset=utf-8").result(HtmlPages.featurePage(col, feature));
                return;
            }
            String base = Http.baseUrl(ctx) + "/collections/" + col.id();
            String links = JSON.writeValueAsString(List.of(
                    link(base + "/items/" + enc(fid), "self", Http.GEOJSON, "this feature"),
                    link(base + "/items/" + enc(fid) + "?f=html", "alternate", Http.HTML, "HTML"),
                    link(base, "collection", Http.JSON, col.title())));
            ctx.header("Content-Crs", "<" + crs.uri() + ">");
            ctx.contentType(Http.GEOJSON).result(feature.substring(0, feature.length() - 1) + ",\"links\":" + links + "}");
        }
    }

    static Map<String, String> link(String href, String rel, String type, String title) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("href", href);
        m.put("rel", rel);
        m.put("type", type);
        m.put("title", title);
        return m;
    }

    static void respond(Context ctx, Object body, String title) throws Exception {
        if (Http.format(ctx).equals(Http.HTML)) {
            ctx.contentType("text/html; charset=utf-8").result(HtmlPages.jsonPage(title, JSON.writeValueAsString(body)));
        } else {
            ctx.contentType(Http.JSON).result(JSON.writeValueAsString(body));
        }
    }
}
