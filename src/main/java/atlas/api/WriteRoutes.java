package atlas.api;

import atlas.db.Database;
import atlas.geocode.GeocodeStore;
import atlas.geocode.ManualPlacements;
import atlas.ingest.DocumentTitle;
import atlas.load.ImportAndPlace;
import atlas.review.ReviewStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that writes: imports and manual placements (admin token, audited), and the one public
 * write, a '位置有误' report (size- and rate-limited). GET /api/review is in ReviewRoutes.
 */
public final class WriteRoutes {
    public static final long MAX_UPLOAD_BYTES = 20L * 1024 * 1024;
    private static final int MAX_REPORT_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final AdminAuth auth;
    private final RateLimiter reportLimiter;
    private final ImportAndPlace importAndPlace;

    public WriteRoutes(Database db, AdminAuth auth, RateLimiter reportLimiter, ImportAndPlace importAndPlace) {
        this.db = db;
        this.auth = auth;
        this.reportLimiter = reportLimiter;
        this.importAndPlace = importAndPlace;
    }

    public void register(Javalin app) {
        app.post("/api/imports", this::importFiles);
        app.put("/api/projects/{id}/placement", this::setPlacement);
        app.post("/api/review", this::report);
    }

    private void importFiles(Context ctx) throws Exception {
        String actor = auth.require(ctx);
        if (!ctx.isMultipartFormData()) {
            throw ApiProblem.of(415, "Unsupported Media Type", "send the lists as multipart/form-data in a field named 'file'");
        }
        List<UploadedFile> files = ctx.uploadedFiles("file");
        if (files.isEmpty()) {
            throw ApiProblem.badParameter("file", "no file uploaded in the multipart field 'file'");
        }
        boolean dryRun = dryRun(ctx);
        DocumentTitle title;
        try {
            title = DocumentTitle.given(name -> Optional.ofNullable(ctx.formParam(name)));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badParameter("date", e.getMessage());
        }
        if (!title.isEmpty() && files.size() > 1) {
            throw ApiProblem.badParameter("title", "title, issuer, number and date describe one document; upload it alone");
        }
        for (UploadedFile f : files) {
            if (f.size() > MAX_UPLOAD_BYTES) {
                throw ApiProblem.of(413, "Payload Too Large", f.filename() + " is larger than " + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB");
            }
        }
        Path dir = Files.createTempDirectory("atlas-upload");
        try (Connection c = db.connection()) {
            List<Path> saved = new ArrayList<>();
            for (UploadedFile f : files) {
                // Only the file's base name is kept: a name like '../../x.txt' cannot leave the upload folder.
                String name = Path.of(f.filename().replace('\\', '/')).getFileName().toString();
                Path file = dir.resolve(name.isBlank() ? "upload" : name);
                try (var in = f.content()) {
                    Files.copy(in, file);
                }
                saved.add(file);
            }
            // A dry run reads, compares and reports; it writes, audits and places nothing (placed is null).
            ImportAndPlace titled = importAndPlace.withTitle(title);
            ImportAndPlace.Result result = dryRun ? titled.dryRun(c, saved, line -> { }, r -> { })
                    : titled.run(c, saved, actor, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                    line -> { }, r -> { });
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("reports", result.reports());
            body.put("placed", result.placed());
            body.put("dry_run", dryRun);
            Map<String, Object> continuity = new LinkedHashMap<>();
            for (atlas.ingest.ImportReport r : result.reports()) {
                if (!dryRun && r.status().equals("imported")) {
                    continuity.put(r.file(), atlas.identity.Continuity.of(c, r.sha256()));
                }
            }
            body.put("continuity", continuity);
            ctx.status(result.anyFailed() ? 422 : 200).json(body);
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** ?dry_run=true (or 1): read and report, write nothing. */
    private static boolean dryRun(Context ctx) {
        String v = ctx.queryParam("dry_run");
        if (v == null || v.equals("false") || v.equals("0")) {
            return false;
        }
        if (v.equals("true") || v.equals("1") || v.isEmpty()) {
            return true;
        }
        throw ApiProblem.badParameter("dry_run", "true or false");
    }

    private void setPlacement(Context ctx) throws Exception {
        String actor = auth.require(ctx);
        JsonNode body = readJson(ctx, 16_384);
        List<String> counties = new ArrayList<>();
        body.path("county_codes").forEach(n -> counties.add(n.asText()));
        if (counties.isEmpty() || counties.size() > 50) {
            throw ApiProblem.badParameter("county_codes", "a list of 1 to 50 current county codes, e.g. [\"330110\"]");
        }
        String comment = body.path("comment").isTextual() ? body.path("comment").asText() : null;
        try (Connection c = db.connection()) {
            Optional<GeocodeStore.Summary> done;
            try {
                done = new ManualPlacements().set(c, ctx.pathParam("id"), counties, comment, actor);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badParameter("county_codes", e.getMessage());
            }
            if (done.isEmpty()) {
                throw ApiProblem.notFound("no project '" + ctx.pathParam("id") + "'");
            }
            ctx.json(Map.of("project_id", ctx.pathParam("id"), "county_codes", counties, "method", "manual"));
        }
    }

    private void report(Context ctx) throws Exception {
        String client = ctx.ip();
        if (!reportLimiter.allow(client)) {
            ctx.header("Retry-After", "60");
            throw ApiProblem.of(429, "Too Many Requests", "too many reports from this client; try again in a minute");
        }
        JsonNode body = readJson(ctx, MAX_REPORT_BYTES);
        String id = body.path("project_id").asText("");
        if (!id.matches("[0-9a-f]{12}")) {
            throw ApiProblem.badParameter("project_id", "the id of a project feature (12 hex digits)");
        }
        String comment = body.path("comment").asText("");
        if (comment.length() > ReviewStore.MAX_COMMENT) {
            throw ApiProblem.badParameter("comment", "at most " + ReviewStore.MAX_COMMENT + " characters");
        }
        try (Connection c = db.connection()) {
            long itemId = new ReviewStore().report(c, id, comment.isBlank() ? null : comment, client)
                    .orElseThrow(() -> ApiProblem.notFound("no project '" + id + "'"));
            ctx.status(201).json(Map.of("review_item", itemId, "message", "感谢反馈，已记录待核查"));
        }
    }

    private static JsonNode readJson(Context ctx, int maxBytes) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > maxBytes) {
            throw ApiProblem.of(413, "Payload Too Large", "the body may hold at most " + maxBytes + " bytes");
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ApiProblem.badParameter("body", "a JSON object");
            }
            return node;
        } catch (java.io.IOException e) {
            throw ApiProblem.badParameter("body", "not valid JSON");
        }
    }
}
