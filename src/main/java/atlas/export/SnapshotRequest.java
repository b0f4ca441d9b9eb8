package atlas.export;

import atlas.crs.Crs;
import atlas.layers.ProjectFilter;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a snapshot asks for: a region, the user's project filters (validated), the formats wanted and
 * the moment it is stamped with (passed in so the same data and filters give the same bytes).
 */
public record SnapshotRequest(Region region, ProjectFilter filters, Set<Format> formats, Instant generatedAt, Crs crs) {
    /** gpkg and shp are written in crs (CRS84 unless asked); the other formats always in CRS84. */
    public enum Format {
        GEOJSON, CSV, XLSX, PNG, SVG, GPKG, SHP;

        /** What a request without "formats" gets: GeoPackage and Shapefile (made by ogr2ogr) only when asked. */
        public static final Set<Format> DEFAULT = java.util.EnumSet.of(GEOJSON, CSV, XLSX, PNG, SVG);

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Format parse(String s) {
            for (Format f : values()) {
                if (f.id().equals(s)) {
                    return f;
                }
            }
            throw new SnapshotException("formats", "unknown format '" + s + "'; formats: " + String.join(", ", ids()));
        }

        public static List<String> ids() {
            return java.util.Arrays.stream(values()).map(Format::id).toList();
        }
    }

    public SnapshotRequest(Region region, ProjectFilter filters, Set<Format> formats, Instant generatedAt) {
        this(region, filters, formats, generatedAt, Crs.CRS84);
    }

    public SnapshotRequest {
        if (formats.isEmpty()) {
            throw new SnapshotException("formats", "ask for at least one of " + String.join(", ", Format.ids()));
        }
        formats = Set.copyOf(formats);
        generatedAt = generatedAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** The project filter the snapshot runs: the user's filters within the region. */
    public ProjectFilter projectFilter() {
        return region.restrict(filters);
    }

    /**
     * atlas-330500-湖州市-2024-05-01.zip, or with filters atlas-330500-湖州市-筛选1a2b3c-2024-05-01.zip: the
     * region's code and name, a short hash of the filters (two exports with different filters never
     * share a name) and the date in China time.
     */
    public String fileName() {
        String name = region.kind() == Region.Kind.BBOX ? "地图范围" : region.name();
        return "atlas-" + region.slug() + "-" + name + filterTag("-筛选") + "-" + Labels.date(generatedAt) + ".zip";
    }

    /** The file name in ASCII (for clients that cannot read a UTF-8 one): atlas-330500-f1a2b3c-2024-05-01.zip. */
    public String asciiFileName() {
        return "atlas-" + region.slug() + filterTag("-f") + "-" + Labels.date(generatedAt) + ".zip";
    }

    /** The first 6 hex digits of the filters' SHA-256 (sorted name=value lines), after a prefix; "" without filters. */
    private String filterTag(String prefix) {
        java.util.Map<String, String> params = new java.util.TreeMap<>(filters.asParameters());
        if (params.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        params.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return prefix + java.util.HexFormat.of().formatHex(hash).substring(0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
