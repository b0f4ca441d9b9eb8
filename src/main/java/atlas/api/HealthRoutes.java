package atlas.api;

import atlas.db.Database;
import io.javalin.Javalin;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** /healthz: the process is up. /readyz: the database answers and its migrations are current. */
final class HealthRoutes {
    private HealthRoutes() {
    }

    static void register(Javalin app, Database db) {
        app.get("/healthz", ctx -> ctx.header("Cache-Control", "no-store").json(Map.of("status", "up")));
        app.get("/readyz", ctx -> {
            Map<String, Object> body = new LinkedHashMap<>();
            boolean ready;
            try (Connection c = db.connection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT postgis_lib_version()")) {
                rs.next();
                body.put("postgis", rs.getString(1));
                boolean current = db.migrationsCurrent();
                body.put("migrations", current ? "current" : "pending");
                ready = current;
            } catch (Exception e) {
                body.put("database", "unreachable");
                ready = false;
            }
            body.put("status", ready ? "ready" : "not ready");
            ctx.header("Cache-Control", "no-store");
            if (!ready) {
                ctx.header("Retry-After", "5");
            }
            ctx.status(ready ? 200 : 503).json(body);
        });
    }
}
