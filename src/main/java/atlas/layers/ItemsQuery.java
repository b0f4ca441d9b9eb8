package atlas.layers;

import atlas.crs.Crs;

import java.util.List;
import java.util.Optional;

/**
 * What an items request asks for: paging, bbox, zoom (boundary simplification), project filter (with
 * any CQL2 condition, also on the other collections), order and the CRS of the answer's geometries.
 */
public record ItemsQuery(int limit, int offset, Optional<double[]> bbox, Optional<Integer> zoom,
                         ProjectFilter filter, List<SortKey> sortby, Crs crs) {
    public ItemsQuery(int limit, int offset, Optional<double[]> bbox, Optional<Integer> zoom,
                      ProjectFilter filter, List<SortKey> sortby) {
        this(limit, offset, bbox, zoom, filter, sortby, Crs.CRS84);
    }

    public record SortKey(String property, boolean descending) {
    }

    /** Properties projects can be sorted by (their columns: FeatureSql.SORT_COLUMNS). */
    public static final java.util.Set<String> SORTABLE = FeatureSql.SORT_COLUMNS.keySet();
}
