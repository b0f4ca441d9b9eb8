package atlas.layers;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The project filters every project endpoint shares (items, tiles, stats, exports), parsed and
 * validated by parse; FeatureSql.where turns one into a parameterised WHERE clause over 'project p'.
 */
public record ProjectFilter(Optional<String> city, Optional<String> county, Optional<String> area,
                            Optional<String> category, Optional<String> nature, Optional<String> source,
                            Optional<String> precision, Optional<BigDecimal> minInvestment,
                            Optional<BigDecimal> maxInvestment, Optional<String> q,
                            Optional<Integer> yearFrom, Optional<Integer> yearTo, Optional<double[]> bbox) {

    /** The filter parameters every project endpoint accepts. */
    public static final Set<String> NAMES = Set.of("city", "county", "area", "category", "nature", "source",
            "precision", "min_investment", "max_investment", "q", "datetime", "bbox");
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
        return new ProjectFilter(city, county, single(query, "area"), single(query, "category"), single(query, "nature"),
                single(query, "source"), precision, min, max, single(query, "q"), years[0], years[1], parseBbox(query));
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

    /** bbox (and bbox-crs): minLon,minLat,maxLon,maxLat in CRS84, or six numbers with heights. */
    public static Optional<double[]> parseBbox(Map<String, List<String>> query) {
        Optional<String> crs = single(query, "bbox-crs");
        if (crs.isPresent() && !crs.get().equals("http://www.opengis.net/def/crs/OGC/1.3/CRS84")) {
            throw new FilterException("bbox-crs", "only http://www.opengis.net/def/crs/OGC/1.3/CRS84 (lon/lat WGS84) is supported");
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
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * True when there is a bbox and nothing beyond a category and an investment range: such pages find
     * their rows in project_location alone.
     */
    public boolean locatable() {
        return bbox.isPresent() && city.isEmpty() && county.isEmpty() && area.isEmpty()
                && nature.isEmpty() && source.isEmpty() && precision.isEmpty() && q.isEmpty()
                && yearFrom.isEmpty() && yearTo.isEmpty();
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
        return m;
    }
}
