package atlas.layers;

import java.util.List;
import java.util.Optional;

/** What an items request asks for: paging, bbox, zoom (boundary simplification), project filter and order. */
public record ItemsQuery(int limit, int offset, Optional<double[]> bbox, Optional<Integer> zoom,
                         ProjectFilter filter, List<SortKey> sortby) {
    public record SortKey(String property, boolean descending) {
    }

    /** Properties projects can be sorted by (their columns: FeatureSql.SORT_COLUMNS). */
    public static final java.util.Set<String> SORTABLE = FeatureSql.SORT_COLUMNS.keySet();
}
