package atlas.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks a GeoJSON response from outside our code: the GeoJSON JSON Schemas (npm geojson-schema,
 * run by networknt's validator), then what schemas cannot see: rings closed, outer rings
 * counter-clockwise and holes clockwise (RFC 7946 right-hand rule), every position inside
 * Zhejiang's extent (catches swapped lon/lat), numbers finite.
 */
final class GeoJsonChecks {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Zhejiang with a margin; routes may end in 上海 (~121.9, 31.3) or 安徽/江西/福建 neighbours. */
    static final double MIN_LON = 118.0;
    static final double MAX_LON = 123.5;
    static final double MIN_LAT = 27.0;
    static final double MAX_LAT = 31.5;

    private static final JsonSchema FEATURE_COLLECTION = schema("FeatureCollection.json");
    private static final JsonSchema FEATURE = schema("Feature.json");

    private GeoJsonChecks() {
    }

    private static JsonSchema schema(String name) {
        try (InputStream in = GeoJsonChecks.class.getResourceAsStream("/geojson-schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource geojson-schema/" + name);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and fully checks a FeatureCollection; returns it. */
    static JsonNode featureCollection(String body, String what) {
        JsonNode fc = parse(body, what);
        schemaValid(FEATURE_COLLECTION, fc, what);
        for (JsonNode f : fc.path("features")) {
            geometry(f.path("geometry"), what + " feature " + f.path("id").asText());
        }
        assertTrue(fc.path("numberReturned").asInt(-1) == fc.path("features").size(),
                what + ": numberReturned " + fc.path("numberReturned") + " but " + fc.path("features").size() + " features");
        assertTrue(!fc.has("crs"), what + ": RFC 7946 has no crs member");
        return fc;
    }

    /** Parses and fully checks a single Feature; returns it. */
    static JsonNode feature(String body, String what) {
        JsonNode f = parse(body, what);
        schemaValid(FEATURE, f, what);
        geometry(f.path("geometry"), what);
        return f;
    }

    static JsonNode parse(String body, String what) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + ": not JSON: " + e.getMessage() + "\n" + body.substring(0, Math.min(300, body.length())));
        }
    }

    private static void schemaValid(JsonSchema schema, JsonNode node, String what) {
        Set<ValidationMessage> errors = schema.validate(node);
        if (!errors.isEmpty()) {
            List<String> first = errors.stream().limit(5).map(ValidationMessage::getMessage).toList();
            fail(what + ": GeoJSON schema says " + errors.size() + " errors, e.g. " + first);
        }
    }

    /** Ring, winding and extent checks for one geometry (null geometry is allowed by RFC 7946). */
    static void geometry(JsonNode g, String what) {
        if (g.isNull() || g.isMissingNode()) {
            return;
        }
        JsonNode c = g.path("coordinates");
        switch (g.path("type").asText()) {
            case "Point" -> position(c, what);
            case "MultiPoint", "LineString" -> c.forEach(p -> position(p, what));
            case "MultiLineString" -> c.forEach(l -> l.forEach(p -> position(p, what)));
            case "Polygon" -> polygon(c, what);
            case "MultiPolygon" -> c.forEach(p -> polygon(p, what));
            case "GeometryCollection" -> g.path("geometries").forEach(x -> geometry(x, what));
            default -> fail(what + ": unexpected geometry type " + g.path("type"));
        }
    }

    private static void polygon(JsonNode rings, String what) {
        for (int i = 0; i < rings.size(); i++) {
            JsonNode ring = rings.get(i);
            ring.forEach(p -> position(p, what));
            assertTrue(ring.size() >= 4, what + ": ring with " + ring.size() + " positions");
            JsonNode a = ring.get(0);
            JsonNode b = ring.get(ring.size() - 1);
            assertTrue(a.get(0).asDouble() == b.get(0).asDouble() && a.get(1).asDouble() == b.get(1).asDouble(),
                    what + ": ring not closed");
            double area = signedArea(ring);
            if (i == 0) {
                assertTrue(area > 0, what + ": outer ring is clockwise (signed area " + area + "); RFC 7946 wants counter-clockwise");
            } else {
                assertTrue(area < 0, what + ": hole " + i + " is counter-clockwise (signed area " + area + "); RFC 7946 wants clockwise");
            }
        }
    }

    /** Shoelace formula in lon/lat: positive for counter-clockwise rings. */
    static double signedArea(JsonNode ring) {
        double sum = 0;
        for (int i = 0; i + 1 < ring.size(); i++) {
            double x1 = ring.get(i).get(0).asDouble();
            double y1 = ring.get(i).get(1).asDouble();
            double x2 = ring.get(i + 1).get(0).asDouble();
            double y2 = ring.get(i + 1).get(1).asDouble();
            sum += x1 * y2 - x2 * y1;
        }
        return sum / 2;
    }

    private static void position(JsonNode p, String what) {
        assertTrue(p.isArray() && p.size() >= 2 && p.get(0).isNumber() && p.get(1).isNumber(), what + ": bad position " + p);
        double lon = p.get(0).asDouble();
        double lat = p.get(1).asDouble();
        assertTrue(lon >= MIN_LON && lon <= MAX_LON && lat >= MIN_LAT && lat <= MAX_LAT,
                what + ": position " + p + " lies outside Zhejiang (lon " + MIN_LON + "–" + MAX_LON + ", lat "
                        + MIN_LAT + "–" + MAX_LAT + "); swapped lon/lat or a wrong CRS?");
    }

    /** Number of positions in a geometry (for simplification checks). */
    static int vertices(JsonNode g) {
        if (g.isArray()) {
            if (g.size() > 0 && g.get(0).isNumber()) {
                return 1;
            }
            int n = 0;
            for (JsonNode x : g) {
                n += vertices(x);
            }
            return n;
        }
        return g.has("coordinates") ? vertices(g.path("coordinates")) : 0;
    }

    static List<String> ids(JsonNode fc) {
        List<String> ids = new ArrayList<>();
        fc.path("features").forEach(f -> ids.add(f.path("id").asText()));
        return ids;
    }
}
