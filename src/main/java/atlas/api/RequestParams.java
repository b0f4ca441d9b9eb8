package atlas.api;

import atlas.layers.Collection;
import atlas.layers.ItemsQuery;
import atlas.layers.ProjectFilter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns query parameters into validated requests; every bad value becomes a 400 problem naming the
 * parameter and what was expected. Plain Java, no web framework: testable on its own.
 */
public final class RequestParams {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    static final Set<String> FILTER_NAMES = Set.of("city", "county", "area", "category", "nature", "source",
            "precision", "min_investment", "max_investment", "q", "datetime", "bbox", "count");
    static final Set<String> ITEMS_NAMES = Set.of("limit", "offset", "bbox", "bbox-crs", "zoom", "f", "sortby",
            "datetime");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern YEAR_OR_DATE = Pattern.compile("([0-9]{4})(-[0-9]{2}-[0-9]{2}(T[0-9:.]+Z?)?)?");
    private static final Set<String> PRECISIONS = Set.of("site", "county", "counties", "route", "city", "province", "unknown");

    private final Map<String, List<String>> query;

    public RequestParams(Map<String, List<String>> query) {
        this.query = query;
    }

    public Optional<String> single(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ApiProblem.badParameter(name, "given " + values.size() + " times; give it once");
        }
        String v = values.get(0).trim();
        if (v.length() > 200) {
            throw ApiProblem.badParameter(name, "at most 200 characters");
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** Rejects parameters this endpoint does not know (OGC API - Features asks for a 400). */
    public void rejectUnknown(Set<String> allowed) {
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiProblem.badParameter(name, "unknown parameter; known: " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
        }
    }

    public ItemsQuery items(Collection col) {
        Set<String> allowed = new java.util.HashSet<>(ITEMS_NAMES);
        if (col.kind() == Collection.Kind.PROJECT) {
            allowed.addAll(FILTER_NAMES);
        }
        rejectUnknown(allowed);
        int limit = integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = integer("offset", 0, 0, Integer.MAX_VALUE);
        Optional<Integer> zoom = single("zoom").map(z -> parseInt("zoom", z, 0, 22));
        List<ItemsQuery.SortKey> sort = sortby(col);
        ProjectFilter filter = col.kind() == Collection.Kind.PROJECT ? filter() : ProjectFilter.none();
        if (col.kind() != Collection.Kind.PROJECT) {
            single("datetime");  // accepted and ignored: boundaries and plan areas carry no time
        }
        return new ItemsQuery(limit, offset, bbox(), zoom, filter, sort);
    }

    public ProjectFilter filter() {
        Optional<String> city = single("city").map(v -> code("city", v));
        city.ifPresent(c -> {
            if (!c.endsWith("00") || c.equals("330000")) {
                throw ApiProblem.badParameter("city", "a city code like 330500 (湖州市), got '" + c + "'");
            }
        });
        Optional<String> county = single("county").map(v -> code("county", v));
        Optional<String> precision = single("precision");
        precision.ifPresent(p -> {
            if (!PRECISIONS.contains(p)) {
                throw ApiProblem.badParameter("precision", "one of " + String.join(", ", new java.util.TreeSet<>(PRECISIONS)));
            }
        });
        Optional<BigDecimal> min = single("min_investment").map(v -> decimal("min_investment", v));
        Optional<BigDecimal> max = single("max_investment").map(v -> decimal("max_investment", v));
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            throw ApiProblem.badParameter("min_investment", "greater than max_investment");
        }
        Optional<Integer>[] years = datetime();
        Optional<String> count = single("count");
        if (count.isPresent() && !List.of("projects", "entries").contains(count.get())) {
            throw ApiProblem.badParameter("count", "projects (default: a project in several lists counts once) or entries (every list entry)");
        }
        return new ProjectFilter(city, county, single("area"), single("category"), single("nature"), single("source"),
                precision, min, max, single("q"), years[0], years[1], bbox(), count.equals(Optional.of("entries")));
    }

    public Optional<double[]> bbox() {
        Optional<String> crs = single("bbox-crs");
        if (crs.isPresent() && !crs.get().equals("http://www.opengis.net/def/crs/OGC/1.3/CRS84")) {
            throw ApiProblem.badParameter("bbox-crs", "only http://www.opengis.net/def/crs/OGC/1.3/CRS84 (lon/lat WGS84) is supported");
        }
        return single("bbox").map(v -> {
            String[] parts = v.split(",");
            if (parts.length != 4 && parts.length != 6) {
                throw ApiProblem.badParameter("bbox", "four numbers minLon,minLat,maxLon,maxLat (e.g. 119.5,29.8,120.5,30.6)");
            }
            double[] b = new double[4];
            int[] take = parts.length == 4 ? new int[]{0, 1, 2, 3} : new int[]{0, 1, 3, 4};
            for (int i = 0; i < 4; i++) {
                try {
                    b[i] = Double.parseDouble(parts[take[i]].trim());
                } catch (NumberFormatException e) {
                    throw ApiProblem.badParameter("bbox", "'" + parts[take[i]] + "' is not a number");
                }
                if (!Double.isFinite(b[i])) {
                    throw ApiProblem.badParameter("bbox", "numbers must be finite");
                }
            }
            if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[0] > 180 || b[2] < -180 || b[1] > 90 || b[3] < -90) {
                throw ApiProblem.badParameter("bbox", "longitudes within ±180 and latitudes within ±90");
            }
            // minLon > maxLon is a box across the antimeridian (OGC API - Features); minLat > maxLat is an error.
            if (b[1] > b[3]) {
                throw ApiProblem.badParameter("bbox", "minLat must not exceed maxLat (minLon,minLat,maxLon,maxLat)");
            }
            return b;
        });
    }

    @SuppressWarnings("unchecked")
    private Optional<Integer>[] datetime() {
        Optional<String> dt = single("datetime");
        if (dt.isEmpty()) {
            return new Optional[]{Optional.empty(), Optional.empty()};
        }
        String[] parts = dt.get().split("/", -1);
        if (parts.length > 2) {
            throw ApiProblem.badParameter("datetime", "a year, a date, or an interval like 2021/2023 or 2021-01-01/..");
        }
        Optional<Integer> from = year(parts[0]);
        Optional<Integer> to = parts.length == 2 ? year(parts[1]) : from;
        if (from.isPresent() && to.isPresent() && from.get() > to.get()) {
            throw ApiProblem.badParameter("datetime", "the interval starts after it ends");
        }
        return new Optional[]{from, to};
    }

    private static Optional<Integer> year(String s) {
        if (s.isEmpty() || s.equals("..")) {
            return Optional.empty();
        }
        Matcher m = YEAR_OR_DATE.matcher(s);
        if (!m.matches()) {
            throw ApiProblem.badParameter("datetime", "'" + s + "' is not a year or an RFC 3339 date");
        }
        return Optional.of(Integer.parseInt(m.group(1)));
    }

    private List<ItemsQuery.SortKey> sortby(Collection col) {
        Optional<String> s = single("sortby");
        List<ItemsQuery.SortKey> keys = new ArrayList<>();
        if (s.isEmpty()) {
            return keys;
        }
        if (col.kind() != Collection.Kind.PROJECT) {
            throw ApiProblem.badParameter("sortby", "only the projects collection can be sorted");
        }
        for (String part : s.get().split(",")) {
            String p = part.trim();
            boolean desc = p.startsWith("-");
            String name = p.replaceFirst("^[+-]", "");
            if (!ItemsQuery.SORTABLE.containsKey(name)) {
                throw ApiProblem.badParameter("sortby", "sortable: " + String.join(", ", new java.util.TreeSet<>(ItemsQuery.SORTABLE.keySet()))
                        + " (prefix - for descending)");
            }
            keys.add(new ItemsQuery.SortKey(name, desc));
        }
        return keys;
    }

    private int integer(String name, int fallback, int min, int max) {
        return single(name).map(v -> parseInt(name, v, min, max)).orElse(fallback);
    }

    private static int parseInt(String name, String v, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw ApiProblem.badParameter(name, "between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiProblem.badParameter(name, "a whole number between " + min + " and " + max + ", got '" + v + "'");
        }
    }

    private static BigDecimal decimal(String name, String v) {
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.abs().compareTo(new BigDecimal("1e12")) > 0) {
                throw ApiProblem.badParameter(name, "an amount in 亿元 below 10^12");
            }
            return d;
        } catch (NumberFormatException e) {
            throw ApiProblem.badParameter(name, "a number in 亿元, got '" + v + "'");
        }
    }

    private static String code(String name, String v) {
        if (!CODE.matcher(v).matches()) {
            throw ApiProblem.badParameter(name, "a 6-digit division code, got '" + v + "'");
        }
        return v;
    }
}
