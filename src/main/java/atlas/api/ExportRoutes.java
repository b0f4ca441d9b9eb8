package atlas.api;

import atlas.db.Database;
import atlas.export.Region;
import atlas.export.Regions;
import atlas.export.SnapshotException;
import atlas.export.SnapshotRequest;
import atlas.export.SnapshotWriter;
import atlas.layers.Layers;
import atlas.layers.ProjectFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.sql.Connection;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * POST /api/exports: a regional snapshot (zip) for a region, the items endpoint's filters and the
 * formats wanted. Public like every read; at most a few run at once (each holds a connection and
 * draws a picture), the rest are told to retry.
 */
public final class ExportRoutes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("region", "filters", "formats", "generated_at", "crs");

    private final Database db;
    private final Layers layers;
    private final Semaphore running = new Semaphore(3);

    public ExportRoutes(Database db, Layers layers) {
        this.db = db;
        this.layers = layers;
    }

    public void register(Javalin app) {
        app.post("/api/exports", this::export);
    }

    private void export(Context ctx) throws Exception {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_BODY) {
            throw ApiProblem.of(413, "Payload Too Large", "an export request is a small JSON object (at most 64 KB)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw ApiProblem.badParameter("body", "not JSON: a JSON object {\"region\": \"330500\", \"filters\": {…}, \"formats\": […]}");
        }
        if (root == null || !root.isObject()) {
            throw ApiProblem.badParameter("body", "a JSON object {\"region\": \"330500\", \"filters\": {…}, \"formats\": […]}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw ApiProblem.badParameter(name, "unknown field; fields: crs, filters, formats, generated_at, region");
            }
        }
        ProjectFilter filters = filters(root.path("filters"));
        Set<SnapshotRequest.Format> formats = formats(root.path("formats"));
        Instant generatedAt = generatedAt(root.path("generated_at"));
        atlas.crs.Crs crs = root.path("crs").isMissingNode() || root.path("crs").isNull() ? atlas.crs.Crs.CRS84
                : atlas.crs.Crs.byUri(root.path("crs").asText()).orElseThrow(() -> ApiProblem.badParameter("crs",
                "unsupported CRS '" + root.path("crs").asText() + "' for gpkg and shp; supported: " + String.join(", ", atlas.crs.Crs.uris())));
        if (!running.tryAcquire()) {
            ctx.header("Retry-After", "10");
            throw ApiProblem.of(503, "Service Unavailable", "other snapshots are being written; try again in a few seconds");
        }
        try (Connection c = db.connection()) {
            SnapshotRequest req;
            try {
                Region region = region(c, root.path("region"));
                req = new SnapshotRequest(region, filters, formats, generatedAt, crs);
                req.projectFilter();  // a filter that contradicts the region is refused before anything is sent
            } catch (SnapshotException e) {
                throw ApiProblem.badParameter(e.field(), e.getMessage());
            }
            ctx.status(200);
            ctx.header("Content-Type", "application/zip");  // no charset: it is binary
            ctx.header("Content-Disposition", "attachment; filename=\"" + req.asciiFileName() + "\"; filename*=UTF-8''"
                    + java.net.URLEncoder.encode(req.fileName(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
            ctx.header("Cache-Control", "no-store");
            new SnapshotWriter(layers).write(c, req, ctx.outputStream());
        } finally {
            running.release();
        }
    }

    private static Region region(Connection c, JsonNode node) throws java.sql.SQLException {
        if (node.isArray()) {
            List<Double> values = new ArrayList<>();
            for (JsonNode v : node) {
                if (!v.isNumber()) {
                    throw new SnapshotException("region", "a box is four numbers [minLon,minLat,maxLon,maxLat]; '" + v + "' is not a number");
                }
                values.add(v.asDouble());
            }
            return Regions.bbox(values);
        }
        if (node.isTextual() || node.isIntegralNumber()) {
            return Regions.resolve(c, node.asText());
        }
        return Regions.resolve(c, null);
    }

    /** The filters object becomes the items endpoint's parameters, validated by the same code. */
    static ProjectFilter filters(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return ProjectFilter.none();
        }
        if (!node.isObject()) {
            throw ApiProblem.badParameter("filters", "an object like {\"category\": \"…\", \"datetime\": \"2021/2023\"}");
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                continue;
            }
            if (v.isArray()) {
                if (e.getKey().equals("bbox")) {
                    List<String> parts = new ArrayList<>();
                    v.forEach(x -> parts.add(x.asText()));
                    query.put("bbox", List.of(String.join(",", parts)));
                    continue;
                }
                throw ApiProblem.badParameter(e.getKey(), "one value, not a list");
            }
            if (v.isObject() && e.getKey().equals("filter")) {
                // a CQL2 JSON filter written in place
                query.put("filter", List.of(v.toString()));
                query.putIfAbsent("filter-lang", List.of("cql2-json"));
                continue;
            }
            if (v.isObject()) {
                throw ApiProblem.badParameter(e.getKey(), "one value, not an object");
            }
            query.put(e.getKey(), List.of(v.asText()));
        }
        RequestParams params = new RequestParams(query);
        params.rejectUnknown(RequestParams.FILTER_NAMES);
        return params.filter();
    }

    private static Set<SnapshotRequest.Format> formats(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return SnapshotRequest.Format.DEFAULT;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiProblem.badParameter("formats", "a non-empty list of " + String.join(", ", SnapshotRequest.Format.ids()));
        }
        Set<SnapshotRequest.Format> out = EnumSet.noneOf(SnapshotRequest.Format.class);
        for (JsonNode f : node) {
            try {
                out.add(SnapshotRequest.Format.parse(f.asText()));
            } catch (SnapshotException e) {
                throw ApiProblem.badParameter("formats", e.getMessage());
            }
        }
        return out;
    }

    private static Instant generatedAt(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Instant.now();
        }
        try {
            return Instant.parse(node.asText());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badParameter("generated_at", "an RFC 3339 UTC time like 2024-05-01T08:00:00Z");
        }
    }
}
