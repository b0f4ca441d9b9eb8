package atlas.layers;

import java.util.List;
import java.util.Optional;

/** What an items request asks for: paging, bbox, zoom (boundary simplification), project filter and order. */
public record ItemsQuery(int limit, int offset, Optional<double[]> bbox, Optional<Integer> zoom,
                         ProjectFilter filter, List<SortKey> sortby) {
    public record SortKey(String property, boolean descending) {
    }

    /** Properties projects can be sorted by, mapped to their columns. */
    public static final java.util.Map<String, String> SORTABLE = java.util.Map.of(
            "name", "p.name", "total_investment", "p.total_investment", "planned_investment", "p.planned_investment",
            "start_year", "p.start_year", "end_year", "p.end_year", "category", "p.category", "precision", "p.precision");
}
