package atlas.api;

import atlas.db.Database;
import atlas.layers.Collection;
import atlas.layers.Layers;
import atlas.layers.ProjectFilter;
import atlas.layers.ProjectTiles;
import io.javalin.Javalin;

import java.sql.Connection;
import java.util.HashSet;
import java.util.Set;

/** GET /tiles/{collection}/{z}/{x}/{y}.mvt: vector tiles with the same project filters as items (ProjectTiles decides where a tile comes from). */
public final class TileRoutes {
    private TileRoutes() {
    }

    public static void register(Javalin app, Database db, Layers layers, ProjectTiles tiles) {
        app.get("/tiles/{collection}/{z}/{x}/{y}", ctx -> {
            Collection col = Collection.byId(ctx.pathParam("collection"))
                    .orElseThrow(() -> ApiProblem.notFound("no collection '" + ctx.pathParam("collection") + "'"));
            String yPart = ctx.pathParam("y");
            if (!yPart.endsWith(".mvt")) {
                throw ApiProblem.notFound("tiles are served as {z}/{x}/{y}.mvt");
            }
            int z = tileNumber("z", ctx.pathParam("z"), 22);
            int max = (1 << z) - 1;
            int x = tileNumber("x", ctx.pathParam("x"), max);
            int y = tileNumber("y", yPart.substring(0, yPart.length() - 4), max);
            RequestParams params = new RequestParams(ctx.queryParamMap());
            Set<String> allowed = new HashSet<>(RequestParams.FILTER_NAMES);
            params.rejectUnknown(allowed);
            ProjectFilter filter = col.kind() == Collection.Kind.PROJECT ? params.filter() : ProjectFilter.none();
            try (Connection c = db.connection()) {
                String version = layers.dataVersion(c);
                if (Http.notModifiedRaw(ctx, version)) {
                    return;
                }
                byte[] tile = tiles.get(c, version, col, z, x, y, filter, Http.wantsFresh(ctx));
                ctx.contentType("application/vnd.mapbox-vector-tile").result(tile);
            }
        });
    }

    private static int tileNumber(String name, String value, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0 || n > max) {
                throw ApiProblem.badParameter(name, "between 0 and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblem.badParameter(name, "a whole number");
        }
    }
}
