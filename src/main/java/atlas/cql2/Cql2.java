package atlas.cql2;

import atlas.crs.Crs;

import java.util.Map;

/** The filter languages of OGC API - Features Part 3, read and translated to a bound SQL condition. */
public final class Cql2 {
    public static final String TEXT = "cql2-text";
    public static final String JSON = "cql2-json";

    private Cql2() {
    }

    public static Expr parse(String filter, String lang) {
        return switch (lang) {
            case TEXT -> Cql2Text.parse(filter);
            case JSON -> Cql2Json.parse(filter);
            default -> throw new IllegalArgumentException("filter-lang " + lang);
        };
    }

    public static Cql2Where.Condition where(String filter, String lang, Map<String, Queryable> queryables, Crs filterCrs) {
        return Cql2Where.translate(parse(filter, lang), queryables, filterCrs);
    }
}
