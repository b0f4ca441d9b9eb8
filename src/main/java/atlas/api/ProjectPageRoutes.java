package atlas.api;

import atlas.db.Database;
import atlas.layers.Layers;
import atlas.pages.ProjectPages;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.sql.Connection;

/** GET /projects/{id}: the readable page of one project (the same page as its item's f=html). */
public final class ProjectPageRoutes {
    private ProjectPageRoutes() {
    }

    public static void register(Javalin app, Database db, Layers layers) {
        ProjectPages pages = new ProjectPages(layers);
        app.get("/projects/{id}", ctx -> respond(ctx, db, layers, pages, ctx.pathParam("id")));
    }

    static void respond(Context ctx, Database db, Layers layers, ProjectPages pages, String fid) throws Exception {
        try (Connection c = db.connection()) {
            if (Http.notModified(ctx, layers.dataVersion(c))) {
                return;
            }
            ctx.contentType("text/html; charset=utf-8");
            pages.html(c, fid).ifPresentOrElse(ctx::result, () -> ctx.status(404).result(ProjectPages.notFound(fid)));
        }
    }
}
