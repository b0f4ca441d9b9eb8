package atlas.cql2;

import org.locationtech.jts.geom.Geometry;

import java.math.BigDecimal;
import java.util.List;

/**
 * A parsed CQL2 filter, the same whichever encoding (text or JSON) it came in. at: where the node
 * was written (a text position or a JSON pointer), for error messages.
 */
public sealed interface Expr {
    String at();

    record And(List<Expr> args, String at) implements Expr { }

    record Or(List<Expr> args, String at) implements Expr { }

    record Not(Expr arg, String at) implements Expr { }

    /** op: one of = <> < > <= >=. */
    record Compare(String op, Expr left, Expr right, String at) implements Expr { }

    record Like(Expr value, Expr pattern, String at) implements Expr { }

    record Between(Expr value, Expr low, Expr high, String at) implements Expr { }

    record In(Expr value, List<Expr> list, String at) implements Expr { }

    record IsNull(Expr value, String at) implements Expr { }

    /** op: s_intersects, s_within, ...; distance (metres) only for s_dwithin. */
    record Spatial(String op, Expr left, Expr right, Expr distance, String at) implements Expr { }

    /** op: t_after, t_intersects, ... */
    record Temporal(String op, Expr left, Expr right, String at) implements Expr { }

    /** op: a_equals, a_contains, a_containedby, a_overlaps. */
    record ArrayPredicate(String op, Expr left, Expr right, String at) implements Expr { }

    record Property(String name, String at) implements Expr { }

    record Text(String value, String at) implements Expr { }

    record Number(BigDecimal value, String at) implements Expr { }

    record Bool(boolean value, String at) implements Expr { }

    record CaseInsensitive(Expr arg, String at) implements Expr { }

    /** A geometry literal in the filter's CRS, its axes as written. */
    record Shape(Geometry geometry, String at) implements Expr { }

    /** A DATE or TIMESTAMP literal, or '..' (open) inside an interval: year is null when open. */
    record Instant(Integer year, String at) implements Expr { }

    record Interval(Expr start, Expr end, String at) implements Expr { }

    record ArrayLiteral(List<Expr> items, String at) implements Expr { }
}
