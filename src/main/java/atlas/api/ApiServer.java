package atlas.api;

import atlas.db.Database;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP server: a thin Javalin adapter over the rooms' plain-Java logic. */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
    private static final String COUNTED = "atlas.counted";
    private static final com.fasterxml.jackson.databind.ObjectMapper PROBLEM_JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final Javalin app;
    private final ApiContext context;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean draining;

    public ApiServer(Database db, ApiContext context) {
        this.context = context;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.defaultContentType = "application/json";
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.anyHost()));
            config.http.gzipOnlyCompression();
            // ETags for every GET answered in one piece; streamed answers set theirs from the data version.
            config.http.generateEtags = true;
            // Uploads (imports) up to 20 MB; every other body is small and checked where it is read.
            config.http.maxRequestSize = WriteRoutes.MAX_UPLOAD_BYTES + 1024 * 1024;
            config.jetty.multipartConfig.maxFileSize(WriteRoutes.MAX_UPLOAD_BYTES, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(WriteRoutes.MAX_UPLOAD_BYTES + 1024 * 1024, io.javalin.config.SizeUnit.BYTES);
            config.staticFiles.add(sf -> {
                sf.hostedPath = "/web";
                sf.directory = context.webDir().toString();
                sf.location = io.javalin.http.staticfiles.Location.EXTERNAL;
            });
            // Leaflet and its plugins, pinned in web/package.json (npm registry, no CDN).
            java.nio.file.Path vendor = context.webDir().resolve("node_modules");
            if (java.nio.file.Files.isDirectory(vendor)) {
                config.staticFiles.add(sf -> {
                    sf.hostedPath = "/vendor";
                    sf.directory = vendor.toString();
                    sf.location = io.javalin.http.staticfiles.Location.EXTERNAL;
                    sf.headers = java.util.Map.of("Cache-Control", "public, max-age=86400");
                });
            }
        });
        app.before(ctx -> {
            if (draining) {
                ctx.header("Connection", "close");
                throw ApiProblem.of(503, "Service Unavailable", "the server is shutting down; try again shortly");
            }
            inFlight.incrementAndGet();
            ctx.attribute(COUNTED, Boolean.TRUE);
            if (ctx.method() == io.javalin.http.HandlerType.GET) {
                // Data changes when someone imports: a minute of caching, revalidated by ETag.
                ctx.header("Cache-Control", "public, max-age=60, must-revalidate");
            }
        });
        app.after(ctx -> {
            if (ctx.attribute(COUNTED) != null) {
                inFlight.decrementAndGet();
            }
        });
        HealthRoutes.register(app, db);
        context.register(app);
        app.exception(ApiProblem.class, (e, ctx) -> problem(ctx, e.status(), e.body(ctx.path())));
        // A domain error of the filters (layers/) is the client's: 400, naming the parameter.
        app.exception(atlas.layers.FilterException.class, (e, ctx) ->
                problem(ctx, 400, ApiProblem.badParameter(e.parameter(), e.detail()).body(ctx.path())));
        app.error(404, ctx -> {
            String type = ctx.res().getContentType();
            if (type == null || !type.startsWith("application/problem+json")) {
                problem(ctx, 404, ApiProblem.notFound("nothing at " + ctx.path() + "; start at / or /collections").body(ctx.path()));
            }
        });
        app.exception(SQLTransientConnectionException.class, (e, ctx) -> unavailable(ctx));
        app.exception(Exception.class, (e, ctx) -> {
            if (causedByDatabaseOutage(e)) {
                unavailable(ctx);
                return;
            }
            log.error("unhandled error on {} {}", ctx.method(), ctx.path(), e);
            problem(ctx, HttpStatus.INTERNAL_SERVER_ERROR.getCode(),
                    ApiProblem.of(500, "Internal error", "the server failed; the error has been logged").body(ctx.path()));
        });
    }

    private static boolean causedByDatabaseOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().equals("57P01"))) {
                return true;
            }
        }
        return false;
    }

    private static void unavailable(io.javalin.http.Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", "Service Unavailable");
        body.put("status", 503);
        body.put("detail", "the database is not reachable; try again shortly");
        ctx.header("Retry-After", "5");
        problem(ctx, 503, body);
    }

    /** RFC 7807 body with its own media type (ctx.json would say application/json). */
    private static void problem(io.javalin.http.Context ctx, int status, Map<String, Object> body) {
        try {
            ctx.status(status).contentType("application/problem+json")
                    .result(PROBLEM_JSON.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.status(status).result("{\"status\":" + status + "}");
        }
    }

    public ApiServer start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    /** Graceful stop: refuse new requests, let the ones in flight finish (up to 15 s), then stop. */
    @Override
    public void close() {
        draining = true;
        long deadline = System.currentTimeMillis() + 15_000;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
        context.close();
    }
}
