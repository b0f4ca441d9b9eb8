package atlas.cql2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the CQL2 JSON encoding ({"op": ..., "args": [...]}); positions are JSON pointers. */
public final class Cql2Json {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final Set<String> COMPARISONS = Set.of("=", "<>", "<", ">", "<=", ">=");

    private Cql2Json() {
    }

    public static Expr parse(String text) {
        Literals.checkSize(text);
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new Cql2Exception(where, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new Cql2Exception("", "the filter is empty");
        }
        try {
            return node(root, "");
        } catch (StackOverflowError e) {
            throw new Cql2Exception("", "the filter is nested too deeply");
        }
    }

    private static String at(String pointer) {
        return "JSON " + (pointer.isEmpty() ? "/" : pointer);
    }

    private static Expr node(JsonNode n, String ptr) {
        String at = at(ptr);
        if (n.isTextual()) {
            return new Expr.Text(Literals.text(n.textValue(), at), at);
        }
        if (n.isNumber()) {
            return new Expr.Number(Literals.number(n.decimalValue().toString(), at), at);
        }
        if (n.isBoolean()) {
            return new Expr.Bool(n.booleanValue(), at);
        }
        if (n.isArray()) {
            List<Expr> items = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                items.add(node(n.get(i), ptr + "/" + i));
            }
            return new Expr.ArrayLiteral(items, at);
        }
        if (!n.isObject()) {
            throw new Cql2Exception(at, "null is not a CQL2 value");
        }
        if (n.has("op")) {
            return operation(n, ptr);
        }
        if (n.has("property")) {
            return new Expr.Property(n.get("property").asText(), at);
        }
        if (n.has("date")) {
            return new Expr.Instant(Literals.year(n.get("date").asText(), false, at), at);
        }
        if (n.has("timestamp")) {
            return new Expr.Instant(Literals.year(n.get("timestamp").asText(), true, at), at);
        }
        if (n.has("interval")) {
            JsonNode iv = n.get("interval");
            if (!iv.isArray() || iv.size() != 2) {
                throw new Cql2Exception(at, "an interval is [start, end]");
            }
            return new Expr.Interval(Literals.intervalEnd(node(iv.get(0), ptr + "/interval/0")),
                    Literals.intervalEnd(node(iv.get(1), ptr + "/interval/1")), at);
        }
        if (n.has("bbox")) {
            JsonNode b = n.get("bbox");
            if (!b.isArray() || (b.size() != 4 && b.size() != 6)) {
                throw new Cql2Exception(at, "a bbox is [minx, miny, maxx, maxy]");
            }
            int hi = b.size() == 6 ? 3 : 2;
            return new Expr.Shape(Literals.box(number(b.get(0), at), number(b.get(1), at), number(b.get(hi), at),
                    number(b.get(hi + 1), at), at), at);
        }
        if (n.has("type")) {
            try {
                return new Expr.Shape(Literals.valid(geometry(n, at), at), at);
            } catch (IllegalArgumentException e) {
                throw new Cql2Exception(at, "not a valid geometry: " + e.getMessage());
            }
        }
        throw new Cql2Exception(at, "an object here is an operation {\"op\", \"args\"}, a property, a date, a timestamp, an interval, a bbox or a GeoJSON geometry");
    }

    private static Expr operation(JsonNode n, String ptr) {
        String at = at(ptr);
        String op = n.get("op").asText();
        String lower = op.toLowerCase(Locale.ROOT);
        JsonNode argsNode = n.get("args");
        if (argsNode == null || !argsNode.isArray()) {
            throw new Cql2Exception(at, "operation '" + Literals.clip(op) + "' needs an \"args\" array");
        }
        List<Expr> args = new ArrayList<>();
        if (lower.equals("in")) {
            // ["value", [list]]: the list stays a JSON array of literals.
            checkCount(op, argsNode, 2, at);
            JsonNode list = argsNode.get(1);
            if (!list.isArray()) {
                throw new Cql2Exception(at(ptr + "/args/1"), "IN's second argument is an array of values");
            }
            List<Expr> items = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                items.add(node(list.get(i), ptr + "/args/1/" + i));
            }
            return new Expr.In(node(argsNode.get(0), ptr + "/args/0"), items, at);
        }
        for (int i = 0; i < argsNode.size(); i++) {
            args.add(node(argsNode.get(i), ptr + "/args/" + i));
        }
        if (lower.equals("and") || lower.equals("or")) {
            if (args.size() < 2) {
                throw new Cql2Exception(at, "'" + op + "' needs at least two arguments");
            }
            return lower.equals("and") ? new Expr.And(args, at) : new Expr.Or(args, at);
        }
        if (COMPARISONS.contains(op)) {
            checkCount(op, argsNode, 2, at);
            return new Expr.Compare(op, args.get(0), args.get(1), at);
        }
        switch (lower) {
            case "not":
                checkCount(op, argsNode, 1, at);
                return new Expr.Not(args.get(0), at);
            case "like":
                checkCount(op, argsNode, 2, at);
                return new Expr.Like(args.get(0), args.get(1), at);
            case "between":
                checkCount(op, argsNode, 3, at);
                return new Expr.Between(args.get(0), args.get(1), args.get(2), at);
            case "isnull":
                checkCount(op, argsNode, 1, at);
                return new Expr.IsNull(args.get(0), at);
            case "casei":
                checkCount(op, argsNode, 1, at);
                return new Expr.CaseInsensitive(args.get(0), at);
            case "s_dwithin":
                checkCount(op, argsNode, 3, at);
                return new Expr.Spatial(lower, args.get(0), args.get(1), args.get(2), at);
            default:
                break;
        }
        if (Cql2Sql.SPATIAL.containsKey(lower)) {
            checkCount(op, argsNode, 2, at);
            return new Expr.Spatial(lower, args.get(0), args.get(1), null, at);
        }
        if (Cql2Sql.TEMPORAL.containsKey(lower)) {
            checkCount(op, argsNode, 2, at);
            return new Expr.Temporal(lower, args.get(0), args.get(1), at);
        }
        if (Cql2Sql.ARRAY.containsKey(lower)) {
            checkCount(op, argsNode, 2, at);
            return new Expr.ArrayPredicate(lower, args.get(0), args.get(1), at);
        }
        throw new Cql2Exception(at, "unknown operation '" + Literals.clip(op) + "'");
    }

    private static void checkCount(String op, JsonNode args, int count, String at) {
        if (args.size() != count) {
            throw new Cql2Exception(at, "'" + op + "' takes " + count + " argument" + (count == 1 ? "" : "s") + ", got " + args.size());
        }
    }

    private static double number(JsonNode n, String at) {
        if (n == null || !n.isNumber()) {
            throw new Cql2Exception(at, "a coordinate is a number");
        }
        return Literals.coordinate(n.asText(), at);
    }

    private static Geometry geometry(JsonNode g, String at) {
        String type = g.get("type").asText();
        if (type.equals("GeometryCollection")) {
            JsonNode members = g.get("geometries");
            if (members == null || !members.isArray()) {
                throw new Cql2Exception(at, "a GeometryCollection has \"geometries\"");
            }
            List<Geometry> all = new ArrayList<>();
            members.forEach(m -> all.add(geometry(m, at)));
            return Literals.GEOMETRY.createGeometryCollection(all.toArray(Geometry[]::new));
        }
        JsonNode c = g.get("coordinates");
        if (c == null || !c.isArray()) {
            throw new Cql2Exception(at, "a GeoJSON " + Literals.clip(type) + " has \"coordinates\"");
        }
        return switch (type) {
            case "Point" -> Literals.GEOMETRY.createPoint(coordinate(c, at));
            case "LineString" -> Literals.GEOMETRY.createLineString(coordinates(c, at));
            case "Polygon" -> polygon(c, at);
            case "MultiPoint" -> Literals.GEOMETRY.createMultiPoint(list(c).stream()
                    .map(p -> Literals.GEOMETRY.createPoint(coordinate(p, at))).toArray(Point[]::new));
            case "MultiLineString" -> Literals.GEOMETRY.createMultiLineString(list(c).stream()
                    .map(l -> Literals.GEOMETRY.createLineString(coordinates(l, at))).toArray(LineString[]::new));
            case "MultiPolygon" -> Literals.GEOMETRY.createMultiPolygon(list(c).stream()
                    .map(p -> polygon(p, at)).toArray(Polygon[]::new));
            default -> throw new Cql2Exception(at, "unknown geometry type '" + Literals.clip(type) + "'");
        };
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static Polygon polygon(JsonNode rings, String at) {
        List<LinearRing> all = new ArrayList<>();
        for (JsonNode r : list(rings)) {
            all.add(Literals.GEOMETRY.createLinearRing(coordinates(r, at)));
        }
        if (all.isEmpty()) {
            throw new Cql2Exception(at, "a polygon has at least one ring");
        }
        return Literals.GEOMETRY.createPolygon(all.get(0), all.subList(1, all.size()).toArray(LinearRing[]::new));
    }

    private static Coordinate[] coordinates(JsonNode list, String at) {
        if (!list.isArray()) {
            throw new Cql2Exception(at, "coordinates are arrays of positions");
        }
        return list(list).stream().map(p -> coordinate(p, at)).toArray(Coordinate[]::new);
    }

    private static Coordinate coordinate(JsonNode p, String at) {
        if (!p.isArray() || p.size() < 2 || p.size() > 3) {
            throw new Cql2Exception(at, "a position is [x, y] (or [x, y, z])");
        }
        return new Coordinate(number(p.get(0), at), number(p.get(1), at));
    }
}
