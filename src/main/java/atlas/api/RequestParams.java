package atlas.api;

import atlas.layers.Collection;
import atlas.layers.ItemsQuery;
import atlas.layers.ProjectFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns query parameters into validated requests; every bad value becomes a 400 problem naming the
 * parameter and what was expected. Plain Java, no web framework: testable on its own.
 */
public final class RequestParams {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 10_000;
    static final Set<String> FILTER_NAMES = ProjectFilter.NAMES;
    static final Set<String> ITEMS_NAMES = Set.of("limit", "offset", "bbox", "bbox-crs", "zoom", "f", "sortby",
            "datetime");

    private final Map<String, List<String>> query;

    public RequestParams(Map<String, List<String>> query) {
        this.query = query;
    }

    /** One value of a parameter (FilterException when repeated or too long: the API answers 400). */
    public Optional<String> single(String name) {
        return ProjectFilter.single(query, name);
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

    /** The project filter of this request (ProjectFilter.parse). */
    public ProjectFilter filter() {
        return ProjectFilter.parse(query);
    }

    public Optional<double[]> bbox() {
        return ProjectFilter.parseBbox(query);
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
            if (!ItemsQuery.SORTABLE.contains(name)) {
                throw ApiProblem.badParameter("sortby", "sortable: " + String.join(", ", new java.util.TreeSet<>(ItemsQuery.SORTABLE))
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
}
