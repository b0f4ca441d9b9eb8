package atlas.export;

import atlas.layers.ProjectFilter;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a snapshot looks: the province, a city or county (by code), a plan area (by id) or a
 * lon/lat box. It becomes one more project filter, combined with the user's filters.
 */
public record Region(Kind kind, String key, String name, Optional<double[]> bbox) {
    public enum Kind { PROVINCE, CITY, COUNTY, AREA, BBOX }

    /** For file names: the code, the area id, or 'bbox'. */
    public String slug() {
        return kind == Kind.BBOX ? "bbox" : key;
    }

    public static Region bbox(double[] b) {
        String key = String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", b[0], b[1], b[2], b[3]);
        String name = String.format(Locale.ROOT, "自定义范围（经度 %.2f–%.2f，纬度 %.2f–%.2f）", b[0], b[2], b[1], b[3]);
        return new Region(Kind.BBOX, key, name, Optional.of(b.clone()));
    }

    /**
     * The user's filters restricted to this region. A filter on the same slot with another value
     * would make the snapshot empty by construction: refused, naming the filter.
     */
    public ProjectFilter restrict(ProjectFilter f) {
        return switch (kind) {
            case PROVINCE -> f;
            case CITY -> new ProjectFilter(same("city", f.city()), f.county(), f.area(), f.category(), f.nature(),
                    f.source(), f.precision(), f.minInvestment(), f.maxInvestment(), f.q(), f.yearFrom(), f.yearTo(), f.bbox(), f.condition(), f.entries());
            case COUNTY -> new ProjectFilter(f.city(), same("county", f.county()), f.area(), f.category(), f.nature(),
                    f.source(), f.precision(), f.minInvestment(), f.maxInvestment(), f.q(), f.yearFrom(), f.yearTo(), f.bbox(), f.condition(), f.entries());
            case AREA -> new ProjectFilter(f.city(), f.county(), same("area", f.area()), f.category(), f.nature(),
                    f.source(), f.precision(), f.minInvestment(), f.maxInvestment(), f.q(), f.yearFrom(), f.yearTo(), f.bbox(), f.condition(), f.entries());
            case BBOX -> {
                if (f.bbox().isPresent() && !java.util.Arrays.equals(f.bbox().get(), bbox.get())) {
                    throw new SnapshotException("filters.bbox", "conflicts with the region box; give the box once, as the region");
                }
                yield new ProjectFilter(f.city(), f.county(), f.area(), f.category(), f.nature(), f.source(),
                        f.precision(), f.minInvestment(), f.maxInvestment(), f.q(), f.yearFrom(), f.yearTo(), bbox, f.condition(), f.entries());
            }
        };
    }

    private Optional<String> same(String slot, Optional<String> given) {
        if (given.isPresent() && !given.get().equals(key)) {
            throw new SnapshotException("filters." + slot, "'" + given.get() + "' conflicts with region '" + key
                    + "' (" + name + "); leave it out or give the same value");
        }
        return Optional.of(key);
    }
}
