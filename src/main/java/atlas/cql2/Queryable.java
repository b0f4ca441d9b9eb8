package atlas.cql2;

/**
 * A property a filter may name: its SQL expression over the collection's table alias (written by us,
 * never taken from a request), its type and a title for /queryables. overlaps: for an array built by a
 * subquery, the same test as A_OVERLAPS with a literal array ('%s' its place) in a form the planner can
 * run as a join; null when the array is a column.
 */
public record Queryable(String name, String sql, Type type, String title, String overlaps) {
    public Queryable(String name, String sql, Type type, String title) {
        this(name, sql, type, title, null);
    }

    public enum Type {
        STRING, NUMBER, BOOLEAN, GEOMETRY, STRING_ARRAY,
        /** A whole year: compared as a number, and a temporal instant of one year's length. */
        YEAR,
        /** A span of years [start, end], for temporal predicates only; its SQL is 'start|end'. */
        YEARS
    }
}
