package atlas.crs;

import java.util.List;
import java.util.Optional;

/**
 * A coordinate reference system we answer in (OGC API - Features Part 2). Data are stored in CRS84
 * (SRID 4326, longitude first); PostGIS transforms to the others. flipped: coordinates are written
 * latitude first, swapped on the way out and on the way in. That is EPSG:4326 only: CGCS2000 (4490)
 * and its Gauss-Krüger zones are written east first, as GIS software in China and the OGC test suite
 * (which reads them through proj4j) take them, although the EPSG register lists 4490 latitude first
 * and the zones northing first. bounds: the largest box (x east, y north) a coordinate may lie in
 * before PROJ refuses or gives nonsense.
 */
public record Crs(String uri, int srid, boolean flipped, boolean projected, double[] bounds, String title) {
    public static final String OGC = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    public static final Crs CRS84 = new Crs(OGC, 4326, false, false, new double[]{-180, -90, 180, 90},
            "WGS 84 经纬度 (lon/lat)");

    private static String epsg(int code) {
        return "http://www.opengis.net/def/crs/EPSG/0/" + code;
    }

    /**
     * A Gauss-Krüger zone without zone prefix: easting 500 km at its central meridian, northing from
     * the equator; the bounds take in all of China's latitudes and some 10° either side of the meridian
     * (the neighbouring zones' boxes over Zhejiang reach 1,060 km).
     */
    private static Crs zone(int code, int meridian) {
        return new Crs(epsg(code), code, false, true, new double[]{-500_000, 0, 1_500_000, 6_500_000},
                "CGCS2000 3度带 中央经线 " + meridian + "°E");
    }

    public static final List<Crs> SUPPORTED = List.of(
            CRS84,
            new Crs(epsg(4326), 4326, true, false, new double[]{-180, -90, 180, 90}, "WGS 84 (lat/lon)"),
            new Crs(epsg(4490), 4490, false, false, new double[]{-180, -90, 180, 90}, "CGCS2000 (lat/lon)"),
            zone(4548, 117),
            zone(4549, 120),
            zone(4550, 123),
            new Crs(epsg(3857), 3857, false, true, new double[]{-20037508.35, -20048966.11, 20037508.35, 20048966.11},
                    "Web Mercator"));

    public static List<String> uris() {
        return SUPPORTED.stream().map(Crs::uri).toList();
    }

    /** The CRS a URI (or its short forms EPSG:4549 and [EPSG:4549]) names, if we serve it. */
    public static Optional<Crs> byUri(String uri) {
        String u = uri.trim();
        if (u.startsWith("[") && u.endsWith("]")) {
            u = u.substring(1, u.length() - 1);
        }
        if (u.equalsIgnoreCase("CRS84") || u.equalsIgnoreCase("OGC:CRS84")) {
            return Optional.of(CRS84);
        }
        if (u.regionMatches(true, 0, "EPSG:", 0, 5)) {
            u = epsg(-1).replace("-1", u.substring(5));
        }
        String wanted = u.replaceFirst("^https://", "http://");
        return SUPPORTED.stream().filter(c -> c.uri.equals(wanted)).findFirst();
    }

    /** True when (x, y), given in this CRS's own axis order, lies within its bounds. */
    public boolean holds(double first, double second) {
        double x = flipped ? second : first;
        double y = flipped ? first : second;
        return Double.isFinite(x) && Double.isFinite(y)
                && x >= bounds[0] && x <= bounds[2] && y >= bounds[1] && y <= bounds[3];
    }

    /** Decimals written in GeoJSON: 6 for degrees (about 0.1 m), 3 for metres. */
    public int decimals() {
        return projected ? 3 : 6;
    }
}
