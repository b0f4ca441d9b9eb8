package atlas.layers;

import atlas.cql2.Cql2;
import atlas.cql2.Cql2Exception;
import atlas.cql2.Cql2Where;
import atlas.cql2.Queryable;
import atlas.crs.Crs;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project filters every project endpoint shares (items, tiles, stats, exports), parsed and
 * validated by parse; FeatureSql.where turns one into a parameterised WHERE clause over 'project p'
 * (leaving out, unless entries, the list entries a later entry of the same project counts for).
 */
public record ProjectFilter(Optional<String> city, Optional<String> county, Optional<String> area,
                            Optional<String> category, Optional<String> nature, Optional<String> source,
                            Optional<String> precision, Optional<BigDecimal> minInvestment,
                            Optional<BigDecimal> maxInvestment, Optional<String> q,
                            Optional<Integer> yearFrom, Optional<Integer> yearTo, Optional<double[]> bbox,
                            Optional<ProjectFilter.Condition> condition, boolean entries) {

    /** A CQL2 filter or a box in another CRS: its SQL with bound values, and the parameters as given (for links and stamps). */
    public record Condition(Cql2Where.Condition where, Map<String, String> given) {
    }

    /**
     * Projects, not list entries (the default): an entry whose project has a later entry (a 'same' link,
     * identity/) is left out, so a project counts once with its latest figures. entries = true: every entry.
     */
    public ProjectFilter(Optional<String> city, Optional<String> county, Optional<String> area,
                         Optional<String> category, Optional<String> nature, Optional<String> source,
                         Optional<String> precision, Optional<BigDecimal> minInvestment,
                         Optional<BigDecimal> maxInvestment, Optional<String> q,
                         Optional<Integer> yearFrom, Optional<Integer> yearTo, Optional<double[]> bbox,
                         Optional<ProjectFilter.Condition> condition) {
        this(city, county, area, category, nature, source, precision, minInvestment, maxInvestment, q, yearFrom, yearTo,
                bbox, condition, false);
    }

    /** This filter counting every list entry (count=entries). */
    public ProjectFilter withEntries() {
        return new ProjectFilter(city, county, area, category, nature, source, precision, minInvestment, maxInvestment, q,
                yearFrom, yearTo, bbox, condition, true);
    }

    /** The counting the answers state: "projects" (default) or "entries" (count=entries). */
    public String counting() {
        return entries ? "entries" : "projects";
    }

    /** The filter parameters every project endpoint accepts. */
    public static final Set<String> NAMES = Set.of("city", "county", "area", "category", "nature", "source",
            "precision", "min_investment", "max_investment", "q", "datetime", "bbox", "bbox-crs",
            "filter", "filter-lang", "filter-crs", "count");
    /** The CQL2 parameters (OGC API - Features Part 3) and bbox-crs, which every collection accepts. */
    public static final Set<String> CONDITION_NAMES = Set.of("bbox-crs", "filter", "filter-lang", "filter-crs");
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern YEAR_OR_DATE = Pattern.compile("([0-9]{4})(-[0-9]{2}-[0-9]{2}(T[0-9:.]+Z?)?)?");
    private static final Set<String> PRECISIONS = Set.of("site", "county", "counties", "route", "city", "province", "unknown");

    /**
     * The filter of a query (HTTP parameters, the export's filters object, the CLI's options): every bad
     * value is a FilterException naming the parameter and what was expected. Moved from api/RequestParams.
     */
    public static ProjectFilter parse(Map<String, List<String>> query) {
        Optional<String> city = single(query, "city").map(v -> code("city", v));
        city.ifPresent(c -> {
            if (!c.endsWith("00") || c.equals("330000")) {
                throw new FilterException("city", "a city code like 330500 (湖州市), got '" + c + "'");
            }
        });
        Optional<String> county = single(query, "county").map(v -> code("county", v));
        Optional<String> precision = single(query, "precision");
        precision.ifPresent(p -> {
            if (!PRECISIONS.contains(p)) {
                throw new FilterException("precision", "one of " + String.join(", ", new java.util.TreeSet<>(PRECISIONS)));
            }
        });
        Optional<BigDecimal> min = single(query, "min_investment").map(v -> decimal("min_investment", v));
        Optional<BigDecimal> max = single(query, "max_investment").map(v -> decimal("max_investment", v));
        if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
            throw new FilterException("min_investment", "greater than max_investment");
        }
        Optional<Integer>[] years = datetime(query);
        Lowered lowered = new Lowered(single(query, "category"), min, max, parseBbox(query));
        lowered.county = county;
        lowered.area = single(query, "area");
        lowered.yearFrom = years[0];
        lowered.yearTo = years[1];
        Optional<Condition> condition = condition(query, Queryables.PROJECT, lowered);
        Optional<String> count = single(query, "count");
        if (count.isPresent() && !List.of("projects", "entries").contains(count.get())) {
            throw new FilterException("count", "projects (default: a project in several lists counts once) or entries (every list entry)");
        }
        return new ProjectFilter(city, lowered.county, lowered.area, lowered.category, single(query, "nature"),
                single(query, "source"), precision, lowered.min, lowered.max, single(query, "q"), lowered.yearFrom,
                lowered.yearTo, lowered.bbox, condition, count.equals(Optional.of("entries")));
    }

    /**
     * The terms of a CQL2 filter our own fields hold alike (category =, total_investment >= and <=,
     * S_INTERSECTS with a CRS84 BBOX, A_CONTAINS of one county code or one plan area, T_INTERSECTS of
     * the years with a span; joined by AND at the top), moved into those fields when the request
     * did not set them already: the same filter then runs the same statement as our parameters (a box,
     * a category and an investment range find their rows in project_location).
     */
    private static final class Lowered {
        Optional<String> category;
        Optional<BigDecimal> min;
        Optional<BigDecimal> max;
        Optional<double[]> bbox;
        Optional<String> county = Optional.empty();
        Optional<String> area = Optional.empty();
        Optional<Integer> yearFrom = Optional.empty();
        Optional<Integer> yearTo = Optional.empty();

        Lowered(Optional<String> category, Optional<BigDecimal> min, Optional<BigDecimal> max, Optional<double[]> bbox) {
            this.category = category;
            this.min = min;
            this.max = max;
            this.bbox = bbox;
        }

        /** What is left of the filter once its movable terms are taken; null when nothing is left. */
        atlas.cql2.Expr take(atlas.cql2.Expr filter, Crs filterCrs) {
            List<atlas.cql2.Expr> terms = filter instanceof atlas.cql2.Expr.And and ? and.args() : List.of(filter);
            List<atlas.cql2.Expr> rest = new java.util.ArrayList<>();
            for (atlas.cql2.Expr t : terms) {
                if (!move(t, filterCrs)) {
                    rest.add(t);
                }
            }
            if (rest.isEmpty()) {
                return null;
            }
            return rest.size() == 1 ? rest.get(0) : new atlas.cql2.Expr.And(rest, filter.at());
        }

        private static final BigDecimal LARGEST = new BigDecimal("1e12");

        private boolean move(atlas.cql2.Expr t, Crs filterCrs) {
            if (t instanceof atlas.cql2.Expr.Compare c && c.left() instanceof atlas.cql2.Expr.Property p) {
                if (p.name().equals("category") && c.op().equals("=") && c.right() instanceof atlas.cql2.Expr.Text v && category.isEmpty()) {
                    category = Optional.of(v.value());
                    return true;
                }
                if (p.name().equals("total_investment") && c.right() instanceof atlas.cql2.Expr.Number n
                        && n.value().abs().compareTo(LARGEST) <= 0) {
                    if (c.op().equals(">=") && min.isEmpty()) {
                        min = Optional.of(n.value());
                        return true;
                    }
                    if (c.op().equals("<=") && max.isEmpty()) {
                        max = Optional.of(n.value());
                        return true;
                    }
                }
            }
            if (t instanceof atlas.cql2.Expr.ArrayPredicate a && a.op().equals("a_contains")
                    && a.left() instanceof atlas.cql2.Expr.Property p && a.right() instanceof atlas.cql2.Expr.ArrayLiteral list
                    && list.items().size() == 1 && list.items().get(0) instanceof atlas.cql2.Expr.Text v) {
                // a county code never ends in 00 (those are cities and the province): the county parameter's
                // placement test then finds exactly the projects whose county_codes hold it
                if (p.name().equals("county_codes") && county.isEmpty() && CODE.matcher(v.value()).matches()
                        && !v.value().endsWith("00")) {
                    county = Optional.of(v.value());
                    return true;
                }
                if (p.name().equals("plan_areas") && area.isEmpty()) {
                    area = Optional.of(v.value());
                    return true;
                }
            }
            if (t instanceof atlas.cql2.Expr.Temporal tp && tp.op().equals("t_intersects")
                    && tp.left() instanceof atlas.cql2.Expr.Property p && p.name().equals("years")
                    && yearFrom.isEmpty() && yearTo.isEmpty()) {
                Integer[] span = yearSpan(tp.right());
                if (span != null) {
                    yearFrom = Optional.ofNullable(span[0]);
                    yearTo = Optional.ofNullable(span[1]);
                    return true;
                }
            }
            if (t instanceof atlas.cql2.Expr.Spatial s && s.op().equals("s_intersects") && s.distance() == null
                    && s.left() instanceof atlas.cql2.Expr.Property p && p.name().equals("geometry")
                    && s.right() instanceof atlas.cql2.Expr.Shape shape && shape.geometry().isRectangle()
                    && filterCrs.equals(Crs.CRS84) && bbox.isEmpty()) {
                org.locationtech.jts.geom.Envelope e = shape.geometry().getEnvelopeInternal();
                if (e.getMinX() >= -180 && e.getMaxX() <= 180 && e.getMinY() >= -90 && e.getMaxY() <= 90) {
                    bbox = Optional.of(new double[]{e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY()});
                    return true;
                }
            }
            return false;
        }

        /**
         * A DATE, TIMESTAMP or closed INTERVAL of them as first and last year; null otherwise (an open end
         * would let the datetime parameter keep projects without a start year, which T_INTERSECTS does not).
         */
        private static Integer[] yearSpan(atlas.cql2.Expr e) {
            if (e instanceof atlas.cql2.Expr.Instant i && i.year() != null) {
                return new Integer[]{i.year(), i.year()};
            }
            if (e instanceof atlas.cql2.Expr.Interval iv && iv.start() instanceof atlas.cql2.Expr.Instant a
                    && iv.end() instanceof atlas.cql2.Expr.Instant b && a.year() != null && b.year() != null && a.year() <= b.year()) {
                return new Integer[]{a.year(), b.year()};
            }
            return null;
        }
    }

    /** No filter but a condition: the other collections' CQL2 filter and box in another CRS. */
    public static ProjectFilter onlyCondition(Map<String, List<String>> query, Map<String, Queryable> queryables) {
        ProjectFilter none = none();
        return new ProjectFilter(none.city, none.county, none.area, none.category, none.nature, none.source, none.precision,
                none.minInvestment, none.maxInvestment, none.q, none.yearFrom, none.yearTo, none.bbox, condition(query, queryables, null));
    }

    /** The longest filter parameter read (a polygon of some thousand vertices). */
    private static final int MAX_FILTER = 100_000;

    /**
     * The CQL2 filter (filter, filter-lang, filter-crs) and a bbox given in another CRS than CRS84 (which
     * is the CQL2 S_INTERSECTS of the box in that CRS), as one condition with bound values.
     */
    static Optional<Condition> condition(Map<String, List<String>> query, Map<String, Queryable> queryables, Lowered lowered) {
        Map<String, String> given = new java.util.LinkedHashMap<>();
        for (String name : CONDITION_NAMES) {
            List<String> v = query.get(name);
            if (v != null && v.size() == 1 && !v.get(0).isBlank()) {
                given.put(name, v.get(0));
            }
        }
        if (!crs(query, "bbox-crs").orElse(Crs.CRS84).equals(Crs.CRS84)) {
            single(query, "bbox").ifPresent(b -> given.put("bbox", b));
        }
        List<String> parts = new java.util.ArrayList<>();
        List<Object> params = new java.util.ArrayList<>();
        Crs boxCrs = crs(query, "bbox-crs").orElse(Crs.CRS84);
        Optional<String> box = single(query, "bbox");
        if (box.isPresent() && !boxCrs.equals(Crs.CRS84)) {
            double[] b = boxIn(boxCrs, box.get());
            String bboxFilter = "S_INTERSECTS(geometry, BBOX(" + b[0] + "," + b[1] + "," + b[2] + "," + b[3] + "))";
            Cql2Where.Condition c = Cql2.where(bboxFilter, Cql2.TEXT, queryables, boxCrs);
            parts.add(c.sql());
            params.addAll(c.params());
        }
        List<String> filters = query.getOrDefault("filter", List.of());
        String lang = single(query, "filter-lang").orElse(Cql2.TEXT);
        if (!lang.equals(Cql2.TEXT) && !lang.equals(Cql2.JSON)) {
            throw new FilterException("filter-lang", "cql2-text or cql2-json, got '" + lang + "'");
        }
        Crs filterCrs = crs(query, "filter-crs").orElse(Crs.CRS84);
        if (filters.size() > 1) {
            throw new FilterException("filter", "given " + filters.size() + " times; give it once");
        }
        if (!filters.isEmpty() && !filters.get(0).isBlank()) {
            String f = filters.get(0);
            if (f.length() > MAX_FILTER) {
                throw new FilterException("filter", "at most " + MAX_FILTER + " characters, got " + f.length());
            }
            try {
                atlas.cql2.Expr expr = Cql2.parse(f, lang);
                // the terms moved into our own fields are checked as the rest would be, then left out
                Cql2Where.translate(expr, queryables, filterCrs);
                atlas.cql2.Expr rest = lowered == null ? expr : lowered.take(expr, filterCrs);
                if (rest != null) {
                    Cql2Where.Condition c = Cql2Where.translate(rest, queryables, filterCrs);
                    parts.add(c.sql());
                    params.addAll(c.params());
                }
            } catch (Cql2Exception e) {
                throw new FilterException("filter", e.getMessage());
            }
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Condition(new Cql2Where.Condition(
                parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")", params), given));
    }

    /** A crs, bbox-crs or filter-crs parameter: one of ours or a 400 listing them. */
    public static Optional<Crs> crs(Map<String, List<String>> query, String name) {
        return single(query, name).map(uri -> Crs.byUri(uri).orElseThrow(() -> new FilterException(name,
                "unsupported CRS '" + uri + "'; supported: " + String.join(", ", Crs.uris()))));
    }

    /** A bbox parameter given in a CRS other than CRS84: four numbers in its axis order, within its bounds. */
    private static double[] boxIn(Crs boxCrs, String value) {
        double[] b = numbers("bbox", value);
        String first = boxCrs.flipped() ? (boxCrs.projected() ? "northing" : "latitude") : (boxCrs.projected() ? "easting" : "longitude");
        if (!boxCrs.holds(b[0], b[1]) || !boxCrs.holds(b[2], b[3]) || b[0] > b[2] || b[1] > b[3]) {
            throw new FilterException("bbox", "four numbers within " + boxCrs.uri() + ", lower corner first, "
                    + first + " first (the CRS's axis order)");
        }
        return b;
    }

    private static double[] numbers(String name, String v) {
        String[] parts = v.split(",");
        if (parts.length != 4 && parts.length != 6) {
            throw new FilterException(name, "four numbers (or six with heights)");
        }
        int[] take = parts.length == 4 ? new int[]{0, 1, 2, 3} : new int[]{0, 1, 3, 4};
        double[] b = new double[4];
        for (int i = 0; i < 4; i++) {
            try {
                b[i] = Double.parseDouble(parts[take[i]].trim());
            } catch (NumberFormatException e) {
                throw new FilterException(name, "'" + parts[take[i]] + "' is not a number");
            }
            if (!Double.isFinite(b[i])) {
                throw new FilterException(name, "numbers must be finite");
            }
        }
        return b;
    }

    /** One query value: absent when missing or blank, refused when repeated or longer than 200 characters. */
    public static Optional<String> single(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new FilterException(name, "given " + values.size() + " times; give it once");
        }
        String v = values.get(0).trim();
        if (v.length() > 200) {
            throw new FilterException(name, "at most 200 characters");
        }
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /**
     * bbox in CRS84: minLon,minLat,maxLon,maxLat, or six numbers with heights. A bbox with another
     * bbox-crs is not this box but part of the condition (see condition).
     */
    public static Optional<double[]> parseBbox(Map<String, List<String>> query) {
        if (!crs(query, "bbox-crs").orElse(Crs.CRS84).equals(Crs.CRS84)) {
            return Optional.empty();
        }
        return single(query, "bbox").map(v -> {
            String[] parts = v.split(",");
            if (parts.length != 4 && parts.length != 6) {
                throw new FilterException("bbox", "four numbers minLon,minLat,maxLon,maxLat (e.g. 119.5,29.8,120.5,30.6)");
            }
            double[] b = new double[4];
            int[] take = parts.length == 4 ? new int[]{0, 1, 2, 3} : new int[]{0, 1, 3, 4};
            for (int i = 0; i < 4; i++) {
                try {
                    b[i] = Double.parseDouble(parts[take[i]].trim());
                } catch (NumberFormatException e) {
                    throw new FilterException("bbox", "'" + parts[take[i]] + "' is not a number");
                }
                if (!Double.isFinite(b[i])) {
                    throw new FilterException("bbox", "numbers must be finite");
                }
            }
            if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90 || b[0] > 180 || b[2] < -180 || b[1] > 90 || b[3] < -90) {
                throw new FilterException("bbox", "longitudes within ±180 and latitudes within ±90");
            }
            // minLon > maxLon is a box across the antimeridian (OGC API - Features); minLat > maxLat is an error.
            if (b[1] > b[3]) {
                throw new FilterException("bbox", "minLat must not exceed maxLat (minLon,minLat,maxLon,maxLat)");
            }
            return b;
        });
    }

    @SuppressWarnings("unchecked")
    private static Optional<Integer>[] datetime(Map<String, List<String>> query) {
        Optional<String> dt = single(query, "datetime");
        if (dt.isEmpty()) {
            return new Optional[]{Optional.empty(), Optional.empty()};
        }
        String[] parts = dt.get().split("/", -1);
        if (parts.length > 2) {
            throw new FilterException("datetime", "a year, a date, or an interval like 2021/2023 or 2021-01-01/..");
        }
        Optional<Integer> from = year(parts[0]);
        Optional<Integer> to = parts.length == 2 ? year(parts[1]) : from;
        if (from.isPresent() && to.isPresent() && from.get() > to.get()) {
            throw new FilterException("datetime", "the interval starts after it ends");
        }
        return new Optional[]{from, to};
    }

    private static Optional<Integer> year(String s) {
        if (s.isEmpty() || s.equals("..")) {
            return Optional.empty();
        }
        Matcher m = YEAR_OR_DATE.matcher(s);
        if (!m.matches()) {
            throw new FilterException("datetime", "'" + s + "' is not a year or an RFC 3339 date");
        }
        return Optional.of(Integer.parseInt(m.group(1)));
    }

    private static BigDecimal decimal(String name, String v) {
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.abs().compareTo(new BigDecimal("1e12")) > 0) {
                throw new FilterException(name, "an amount in 亿元 below 10^12");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new FilterException(name, "a number in 亿元, got '" + v + "'");
        }
    }

    private static String code(String name, String v) {
        if (!CODE.matcher(v).matches()) {
            throw new FilterException(name, "a 6-digit division code, got '" + v + "'");
        }
        return v;
    }

    public static ProjectFilter none() {
        return new ProjectFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * True when there is a bbox and nothing beyond a category and an investment range: such pages find
     * their rows in project_location alone.
     */
    public boolean locatable() {
        return bbox.isPresent() && city.isEmpty() && county.isEmpty() && area.isEmpty()
                && nature.isEmpty() && source.isEmpty() && precision.isEmpty() && q.isEmpty()
                && yearFrom.isEmpty() && yearTo.isEmpty() && condition.isEmpty();
    }

    /** A bbox with minLon > maxLon crosses the antimeridian: it is two envelopes. */
    public static List<double[]> envelopes(double[] b) {
        if (b[0] <= b[2]) {
            return List.of(b);
        }
        return List.of(new double[]{b[0], b[1], 180, b[3]}, new double[]{-180, b[1], b[2], b[3]});
    }

    /** The filters as query-string pairs, for links and snapshot stamps. */
    public java.util.Map<String, String> asParameters() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        city.ifPresent(v -> m.put("city", v));
        county.ifPresent(v -> m.put("county", v));
        area.ifPresent(v -> m.put("area", v));
        category.ifPresent(v -> m.put("category", v));
        nature.ifPresent(v -> m.put("nature", v));
        source.ifPresent(v -> m.put("source", v));
        precision.ifPresent(v -> m.put("precision", v));
        minInvestment.ifPresent(v -> m.put("min_investment", v.toPlainString()));
        maxInvestment.ifPresent(v -> m.put("max_investment", v.toPlainString()));
        q.ifPresent(v -> m.put("q", v));
        if (yearFrom.isPresent() || yearTo.isPresent()) {
            m.put("datetime", yearFrom.map(String::valueOf).orElse("..") + "/" + yearTo.map(String::valueOf).orElse(".."));
        }
        bbox.ifPresent(b -> m.put("bbox", b[0] + "," + b[1] + "," + b[2] + "," + b[3]));
        condition.ifPresent(c -> m.putAll(c.given()));
        if (entries) {
            m.put("count", "entries");
        }
        return m;
    }
}
