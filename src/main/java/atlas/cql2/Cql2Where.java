package atlas.cql2;

import atlas.crs.Crs;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.io.WKBWriter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a parsed filter into one SQL condition with bound parameters, checking every property
 * against the collection's queryables and every operand's type.
 */
public final class Cql2Where {
    /** A condition and its values, one per '?' in order. */
    public record Condition(String sql, List<Object> params) {
        public static final Condition NONE = new Condition("TRUE", List.of());
    }

    /** More bound values than this is a 400, well below the protocol's limit of 65,535. */
    static final int MAX_PARAMS = 20_000;

    private enum Kind { STRING, NUMBER, BOOLEAN, GEOMETRY, STRING_ARRAY }

    /** A translated operand: its SQL, its values and its kind. */
    private record Part(String sql, List<Object> params, Kind kind) {
        static Part of(String sql, Kind kind, Object... values) {
            return new Part(sql, List.of(values), kind);
        }
    }

    private final Map<String, Queryable> queryables;
    private final Crs filterCrs;

    private Cql2Where(Map<String, Queryable> queryables, Crs filterCrs) {
        this.queryables = queryables;
        this.filterCrs = filterCrs;
    }

    public static Condition translate(Expr filter, Map<String, Queryable> queryables, Crs filterCrs) {
        Part p;
        try {
            p = new Cql2Where(queryables, filterCrs).condition(filter);
        } catch (StackOverflowError e) {
            throw new Cql2Exception("", "the filter is nested too deeply");
        }
        if (p.params().size() > MAX_PARAMS) {
            throw new Cql2Exception("", "the filter has " + p.params().size() + " values; at most " + MAX_PARAMS);
        }
        return new Condition(p.sql(), p.params());
    }

    private static final Pattern SLOT = Pattern.compile("%(?:(\\d+)\\$)?s");

    /** Fills a Cql2Sql fragment: each '%s' or '%n$s' takes its operand's SQL, and its values in that place. */
    private static Part fill(String template, Kind kind, Part... operands) {
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        Matcher m = SLOT.matcher(template);
        int next = 0;
        int last = 0;
        while (m.find()) {
            Part o = operands[m.group(1) != null ? Integer.parseInt(m.group(1)) - 1 : next++];
            sql.append(template, last, m.start()).append(o.sql());
            params.addAll(o.params());
            last = m.end();
        }
        sql.append(template.substring(last));
        return new Part(sql.toString(), params, kind);
    }

    private Part condition(Expr e) {
        if (e instanceof Expr.And a) {
            return joined(a.args(), " AND ");
        }
        if (e instanceof Expr.Or o) {
            return joined(o.args(), " OR ");
        }
        if (e instanceof Expr.Not n) {
            return fill(Cql2Sql.NOT, Kind.BOOLEAN, condition(n.arg()));
        }
        if (e instanceof Expr.Bool b) {
            return Part.of(b.value() ? Cql2Sql.TRUE : Cql2Sql.FALSE, Kind.BOOLEAN);
        }
        if (e instanceof Expr.Compare c) {
            return compare(c);
        }
        if (e instanceof Expr.Like l) {
            return fill(Cql2Sql.LIKE, Kind.BOOLEAN, expect(l.value(), Kind.STRING, "LIKE"),
                    expect(l.pattern(), Kind.STRING, "a LIKE pattern"));
        }
        if (e instanceof Expr.Between b) {
            return fill(Cql2Sql.BETWEEN, Kind.BOOLEAN, expect(b.value(), Kind.NUMBER, "BETWEEN"),
                    expect(b.low(), Kind.NUMBER, "BETWEEN"), expect(b.high(), Kind.NUMBER, "BETWEEN"));
        }
        if (e instanceof Expr.In in) {
            return in(in);
        }
        if (e instanceof Expr.IsNull n) {
            return fill(Cql2Sql.IS_NULL, Kind.BOOLEAN, scalar(n.value()));
        }
        if (e instanceof Expr.Spatial s) {
            return spatial(s);
        }
        if (e instanceof Expr.Temporal t) {
            return temporal(t);
        }
        if (e instanceof Expr.ArrayPredicate a) {
            return arrayPredicate(a);
        }
        if (e instanceof Expr.Property p) {
            return expect(p, Kind.BOOLEAN, "a condition");
        }
        throw new Cql2Exception(e.at(), "this is a value, not a condition");
    }

    private Part joined(List<Expr> args, String operator) {
        List<String> sql = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Expr a : args) {
            Part p = condition(a);
            sql.add(p.sql());
            params.addAll(p.params());
        }
        return new Part("(" + String.join(operator, sql) + ")", params, Kind.BOOLEAN);
    }

    private Part compare(Expr.Compare c) {
        Part left = scalar(c.left());
        Part right = scalar(c.right());
        if (left.kind() != right.kind() || left.kind() == Kind.GEOMETRY || left.kind() == Kind.STRING_ARRAY) {
            throw new Cql2Exception(c.at(), "'" + c.op() + "' compares a " + name(left.kind()) + " with a " + name(right.kind())
                    + (left.kind() == Kind.GEOMETRY ? "; geometries are compared with S_EQUALS and the other S_ functions" : ""));
        }
        // The operator comes from the grammar's fixed list, never from the request's text.
        String op = switch (c.op()) {
            case "=", "<>", "<", ">", "<=", ">=" -> c.op();
            default -> throw new Cql2Exception(c.at(), "unknown comparison '" + c.op() + "'");
        };
        return fill("(%s " + op + " %s)", Kind.BOOLEAN, left, right);
    }

    private Part in(Expr.In in) {
        Part value = scalar(in.value());
        if (value.kind() != Kind.STRING && value.kind() != Kind.NUMBER) {
            throw new Cql2Exception(in.at(), "IN compares a character string or a number, not a " + name(value.kind()));
        }
        // The list is one array value: any length, one parameter.
        String[] items = new String[in.list().size()];
        for (int i = 0; i < items.length; i++) {
            Expr item = in.list().get(i);
            if (value.kind() == Kind.STRING && item instanceof Expr.Text t) {
                items[i] = t.value();
            } else if (value.kind() == Kind.NUMBER && item instanceof Expr.Number n) {
                items[i] = n.value().toPlainString();
            } else {
                throw new Cql2Exception(item.at(), "an IN list holds " + (value.kind() == Kind.STRING ? "character strings" : "numbers")
                        + " like the value before IN");
            }
        }
        String list = value.kind() == Kind.STRING ? Cql2Sql.TEXT_ARRAY : Cql2Sql.NUMBER_ARRAY;
        return fill(Cql2Sql.IN, Kind.BOOLEAN, value, Part.of(list, Kind.STRING_ARRAY, (Object) items));
    }

    private Part expect(Expr e, Kind kind, String where) {
        Part p = scalar(e);
        if (p.kind() != kind) {
            throw new Cql2Exception(e.at(), where + " needs a " + name(kind) + ", got a " + name(p.kind()));
        }
        return p;
    }

    private Part scalar(Expr e) {
        if (e instanceof Expr.Property p) {
            return property(p);
        }
        if (e instanceof Expr.Text t) {
            return Part.of(Cql2Sql.TEXT, Kind.STRING, t.value());
        }
        if (e instanceof Expr.Number n) {
            return Part.of(Cql2Sql.NUMBER, Kind.NUMBER, n.value());
        }
        if (e instanceof Expr.Bool b) {
            return Part.of(Cql2Sql.BOOLEAN, Kind.BOOLEAN, b.value());
        }
        if (e instanceof Expr.CaseInsensitive c) {
            return fill(Cql2Sql.CASEI, Kind.STRING, expect(c.arg(), Kind.STRING, "CASEI"));
        }
        if (e instanceof Expr.Shape s) {
            return shape(s);
        }
        if (e instanceof Expr.Instant i && i.year() != null) {
            return Part.of(Cql2Sql.NUMBER, Kind.NUMBER, BigDecimal.valueOf(i.year()));
        }
        if (e instanceof Expr.ArrayLiteral a) {
            return array(a);
        }
        throw new Cql2Exception(e.at(), "a condition or interval cannot be used as a value here");
    }

    private Queryable queryable(Expr.Property p) {
        Queryable q = queryables.get(p.name());
        if (q == null) {
            throw new Cql2Exception(p.at(), "unknown property '" + Literals.clip(p.name()) + "'; queryables: "
                    + String.join(", ", new TreeSet<>(queryables.keySet())));
        }
        return q;
    }

    private Part property(Expr.Property p) {
        Queryable q = queryable(p);
        Kind kind = switch (q.type()) {
            case STRING -> Kind.STRING;
            case NUMBER, YEAR -> Kind.NUMBER;
            case BOOLEAN -> Kind.BOOLEAN;
            case GEOMETRY -> Kind.GEOMETRY;
            case STRING_ARRAY -> Kind.STRING_ARRAY;
            case YEARS -> throw new Cql2Exception(p.at(), "'" + p.name() + "' is a span of years: use it in T_ predicates");
        };
        return Part.of(q.sql(), kind);
    }

    private Part shape(Expr.Shape s) {
        for (Coordinate c : s.geometry().getCoordinates()) {
            if (!filterCrs.holds(c.x, c.y)) {
                throw new Cql2Exception(s.at(), "coordinate (" + c.x + " " + c.y + ") lies outside " + filterCrs.uri()
                        + (filterCrs.flipped() ? " (its axis order: " + (filterCrs.projected() ? "northing, easting" : "latitude, longitude") + ")" : ""));
            }
        }
        byte[] wkb = new WKBWriter(2).write(s.geometry());
        String sql = filterCrs.flipped() ? Cql2Sql.SHAPE_FLIPPED : filterCrs.projected() ? Cql2Sql.SHAPE_PROJECTED : Cql2Sql.SHAPE;
        return Part.of(sql, Kind.GEOMETRY, wkb, filterCrs.srid());
    }

    private Part spatial(Expr.Spatial s) {
        Part left = expect(s.left(), Kind.GEOMETRY, s.op().toUpperCase());
        Part right = expect(s.right(), Kind.GEOMETRY, s.op().toUpperCase());
        if (s.distance() == null) {
            return fill(Cql2Sql.SPATIAL.get(s.op()), Kind.BOOLEAN, left, right);
        }
        if (!(s.distance() instanceof Expr.Number n) || n.value().signum() < 0 || n.value().compareTo(BigDecimal.valueOf(20_000_000)) > 0) {
            throw new Cql2Exception(s.distance().at(), "S_DWITHIN's distance is a number of metres from 0 to 20,000,000");
        }
        return fill(Cql2Sql.DWITHIN, Kind.BOOLEAN, left, right, Part.of(Cql2Sql.NUMBER, Kind.NUMBER, n.value()));
    }

    private Part temporal(Expr.Temporal t) {
        Part[] a = span(t.left());
        Part[] b = span(t.right());
        return fill(Cql2Sql.TEMPORAL.get(t.op()), Kind.BOOLEAN, a[0], a[1], b[0], b[1]);
    }

    /** A temporal operand as its first and last year. */
    private Part[] span(Expr e) {
        if (e instanceof Expr.Instant i && i.year() != null) {
            return new Part[]{year(i.year()), year(i.year())};
        }
        if (e instanceof Expr.Interval iv) {
            return new Part[]{end(iv.start(), true), end(iv.end(), false)};
        }
        if (e instanceof Expr.Property p) {
            Queryable q = queryable(p);
            if (q.type() == Queryable.Type.YEAR) {
                return new Part[]{Part.of(q.sql(), Kind.NUMBER), Part.of(q.sql(), Kind.NUMBER)};
            }
            if (q.type() == Queryable.Type.YEARS) {
                String[] ends = q.sql().split("\\|");
                return new Part[]{Part.of(ends[0], Kind.NUMBER), Part.of(ends[1], Kind.NUMBER)};
            }
            throw new Cql2Exception(p.at(), "'" + p.name() + "' is not temporal; temporal queryables: " + temporalNames());
        }
        throw new Cql2Exception(e.at(), "a temporal predicate takes a DATE, a TIMESTAMP, an INTERVAL or a temporal property ("
                + temporalNames() + ")");
    }

    private Part end(Expr e, boolean start) {
        if (e instanceof Expr.Instant i && i.year() == null) {
            return year(start ? Cql2Sql.OPEN_START : Cql2Sql.OPEN_END);
        }
        Part[] s = span(e);
        return start ? s[0] : s[1];
    }

    private static Part year(int y) {
        return Part.of(Cql2Sql.INTEGER, Kind.NUMBER, y);
    }

    private String temporalNames() {
        return String.join(", ", queryables.values().stream()
                .filter(q -> q.type() == Queryable.Type.YEAR || q.type() == Queryable.Type.YEARS).map(Queryable::name).sorted().toList());
    }

    /**
     * An A_ predicate. A subquery-built array overlapping (or containing one element of) a literal
     * array takes the queryable's join form: the array form would be built for every row.
     */
    private Part arrayPredicate(Expr.ArrayPredicate a) {
        Part left = array(a.left());
        Part right = array(a.right());
        if (a.left() instanceof Expr.Property p && queryable(p).overlaps() != null && a.right() instanceof Expr.ArrayLiteral list
                && (a.op().equals("a_overlaps") || a.op().equals("a_contains") && list.items().size() == 1)) {
            return fill(queryable(p).overlaps(), Kind.BOOLEAN, right);
        }
        return fill(Cql2Sql.ARRAY.get(a.op()), Kind.BOOLEAN, left, right);
    }

    private Part array(Expr e) {
        if (e instanceof Expr.ArrayLiteral a) {
            String[] items = new String[a.items().size()];
            for (int i = 0; i < items.length; i++) {
                Expr item = a.items().get(i);
                if (item instanceof Expr.Text t) {
                    items[i] = t.value();
                } else if (item instanceof Expr.Number n) {
                    items[i] = n.value().toPlainString();
                } else {
                    throw new Cql2Exception(item.at(), "array literals hold character strings or numbers");
                }
            }
            return Part.of(Cql2Sql.TEXT_ARRAY, Kind.STRING_ARRAY, (Object) items);
        }
        if (e instanceof Expr.Property p) {
            Part q = property(p);
            if (q.kind() != Kind.STRING_ARRAY) {
                throw new Cql2Exception(p.at(), "'" + p.name() + "' is not an array; array queryables: " + String.join(", ",
                        queryables.values().stream().filter(x -> x.type() == Queryable.Type.STRING_ARRAY).map(Queryable::name).sorted().toList()));
            }
            return q;
        }
        throw new Cql2Exception(e.at(), "an A_ predicate takes an array property or an array literal like ('330106', '330108')");
    }

    private static String name(Kind k) {
        return switch (k) {
            case STRING -> "character string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case GEOMETRY -> "geometry";
            case STRING_ARRAY -> "array";
        };
    }
}
