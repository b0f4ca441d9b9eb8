package atlas.cql2;

import java.util.Map;

/**
 * The SQL a CQL2 filter becomes: fragments with '%s' for operands and '?' for bound values. Nothing
 * a request writes reaches SQL text: literals are '?' parameters, properties are the queryables' own
 * expressions.
 */
final class Cql2Sql {
    private Cql2Sql() {
    }

    /** Typed placeholders, so that a literal on both sides still has a type. */
    static final String TEXT = "?::text";
    static final String NUMBER = "?::numeric";
    static final String BOOLEAN = "?::boolean";
    static final String INTEGER = "?::int";
    static final String TEXT_ARRAY = "?::text[]";
    static final String NUMBER_ARRAY = "?::text[]::numeric[]";

    static final String LIKE = "(%s LIKE %s)";
    static final String BETWEEN = "(%s BETWEEN %s AND %s)";
    static final String IN = "(%s = ANY(%s))";
    static final String IS_NULL = "(%s IS NULL)";
    static final String NOT = "(NOT %s)";
    static final String CASEI = "lower(%s)";
    static final String TRUE = "TRUE";
    static final String FALSE = "FALSE";

    /**
     * A geometry literal: WKB (the filter's axes as written) in the filter CRS, swapped to x = east
     * when that CRS is latitude or northing first, then transformed to the stored CRS84.
     */
    static final String SHAPE = "ST_Transform(ST_GeomFromWKB(?, ?::int), 4326)";
    static final String SHAPE_FLIPPED = "ST_Transform(ST_FlipCoordinates(ST_GeomFromWKB(?, ?::int)), 4326)";
    /** In a projected CRS a straight edge is curved in CRS84: densified to 5 km pieces first. */
    static final String SHAPE_PROJECTED = "ST_Transform(ST_Segmentize(ST_GeomFromWKB(?, ?::int), 5000), 4326)";

    static final Map<String, String> SPATIAL = Map.of(
            "s_intersects", "ST_Intersects(%s, %s)",
            "s_equals", "ST_Equals(%s, %s)",
            "s_disjoint", "ST_Disjoint(%s, %s)",
            "s_touches", "ST_Touches(%s, %s)",
            "s_within", "ST_Within(%s, %s)",
            "s_overlaps", "ST_Overlaps(%s, %s)",
            "s_crosses", "ST_Crosses(%s, %s)",
            "s_contains", "ST_Contains(%s, %s)");
    /**
     * Distance in metres on the spheroid. The box test first lets the geometry index answer: the
     * distance in degrees of longitude at the shape's latitude farthest from the equator, with a margin.
     */
    static final String DWITHIN = "(%1$s && ST_Expand(%2$s, %3$s * 1.2 / (111320 * cos(radians(least(85.0, "
            + "greatest(abs(ST_YMin(%2$s)), abs(ST_YMax(%2$s))))))))"
            + " AND ST_DWithin(%1$s::geography, %2$s::geography, %3$s))";

    /**
     * Temporal predicates on closed spans of whole years, a = [%1$s, %2$s], b = [%3$s, %4$s]: the
     * relations of Allen's interval algebra as CQL2 names them.
     */
    static final Map<String, String> TEMPORAL = Map.ofEntries(
            Map.entry("t_before", "(%2$s < %3$s)"),
            Map.entry("t_after", "(%1$s > %4$s)"),
            Map.entry("t_meets", "(%2$s = %3$s)"),
            Map.entry("t_metby", "(%1$s = %4$s)"),
            Map.entry("t_overlaps", "(%1$s < %3$s AND %2$s > %3$s AND %2$s < %4$s)"),
            Map.entry("t_overlappedby", "(%3$s < %1$s AND %4$s > %1$s AND %4$s < %2$s)"),
            Map.entry("t_starts", "(%1$s = %3$s AND %2$s < %4$s)"),
            Map.entry("t_startedby", "(%1$s = %3$s AND %2$s > %4$s)"),
            Map.entry("t_during", "(%1$s > %3$s AND %2$s < %4$s)"),
            Map.entry("t_contains", "(%1$s < %3$s AND %2$s > %4$s)"),
            Map.entry("t_finishes", "(%2$s = %4$s AND %1$s > %3$s)"),
            Map.entry("t_finishedby", "(%2$s = %4$s AND %1$s < %3$s)"),
            Map.entry("t_equals", "(%1$s = %3$s AND %2$s = %4$s)"),
            Map.entry("t_disjoint", "(%2$s < %3$s OR %1$s > %4$s)"),
            Map.entry("t_intersects", "(%1$s <= %4$s AND %2$s >= %3$s)"));
    /** An open end of an interval ('..'): a year before or after any we hold. */
    static final int OPEN_START = -100_000;
    static final int OPEN_END = 100_000;

    /** Arrays as sets: A_EQUALS ignores order and repeats. */
    static final Map<String, String> ARRAY = Map.of(
            "a_equals", "(%1$s @> %2$s AND %1$s <@ %2$s)",
            "a_contains", "(%s @> %s)",
            "a_containedby", "(%s <@ %s)",
            "a_overlaps", "(%s && %s)");
}
