package atlas.cql2;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks on the literals of a filter, shared by both encodings: what the database could not take is a 400 here. */
final class Literals {
    static final GeometryFactory GEOMETRY = new GeometryFactory();
    /** The longest filter we read (a polygon of a few thousand vertices fits). */
    static final int MAX_LENGTH = 100_000;
    private static final BigDecimal LARGEST = new BigDecimal("1e30");
    private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "([0-9]{4})-([0-9]{2})-([0-9]{2})T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})", Pattern.CASE_INSENSITIVE);

    private Literals() {
    }

    static void checkSize(String filter) {
        if (filter.length() > MAX_LENGTH) {
            throw new Cql2Exception("", "the filter has " + filter.length() + " characters; at most " + MAX_LENGTH);
        }
    }

    static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }

    /** PostgreSQL text cannot hold a NUL character. */
    static String text(String s, String at) {
        if (s.indexOf('\0') >= 0) {
            throw new Cql2Exception(at, "a character string must not contain NUL (U+0000)");
        }
        return s;
    }

    static BigDecimal number(String s, String at) {
        BigDecimal n;
        try {
            n = new BigDecimal(s);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Cql2Exception(at, "'" + s + "' is not a number");
        }
        if (n.abs().compareTo(LARGEST) > 0 || n.scale() > 30) {
            throw new Cql2Exception(at, "numbers are limited to 30 digits before and after the point");
        }
        return n;
    }

    static double coordinate(String s, String at) {
        double d;
        try {
            d = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new Cql2Exception(at, "'" + s + "' is not a coordinate");
        }
        if (!Double.isFinite(d)) {
            throw new Cql2Exception(at, "a coordinate must be finite, got " + s);
        }
        return d;
    }

    /** A geometry PostGIS can test without a GEOS error: JTS's validity rules (closed rings of 4 points and more, no self-crossing). */
    static Geometry valid(Geometry g, String at) {
        org.locationtech.jts.operation.valid.TopologyValidationError error =
                new org.locationtech.jts.operation.valid.IsValidOp(g).getValidationError();
        if (error != null) {
            throw new Cql2Exception(at, "not a valid geometry: " + error.getMessage() + " at " + error.getCoordinate());
        }
        return g;
    }

    static Geometry box(double minx, double miny, double maxx, double maxy, String at) {
        if (minx > maxx || miny > maxy) {
            throw new Cql2Exception(at, "a BBOX's minimum must not exceed its maximum");
        }
        return GEOMETRY.createPolygon(new Coordinate[]{new Coordinate(minx, miny), new Coordinate(maxx, miny),
                new Coordinate(maxx, maxy), new Coordinate(minx, maxy), new Coordinate(minx, miny)});
    }

    /** The year of a DATE ('2024-05-01') or TIMESTAMP ('2024-05-01T00:00:00Z') literal: we hold years only. */
    static Integer year(String s, boolean timestamp, String at) {
        Matcher m = (timestamp ? TIMESTAMP : DATE).matcher(s);
        if (!m.matches()) {
            throw new Cql2Exception(at, "'" + clip(s) + "' is not " + (timestamp
                    ? "an RFC 3339 timestamp like 2024-05-01T00:00:00Z" : "a date like 2024-05-01"));
        }
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw new Cql2Exception(at, "'" + s + "' is not a calendar date");
        }
        return Integer.parseInt(m.group(1));
    }

    /** An interval's end as written: a date or timestamp string, '..' (open), an instant or a property. */
    static Expr intervalEnd(Expr e) {
        if (e instanceof Expr.Text t) {
            if (t.value().equals("..")) {
                return new Expr.Instant(null, t.at());
            }
            return new Expr.Instant(year(t.value(), t.value().contains("T") || t.value().contains("t"), t.at()), t.at());
        }
        return e;
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
