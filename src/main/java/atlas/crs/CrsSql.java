package atlas.crs;

/** The SQL that writes stored CRS84 geometries in another CRS (PostGIS's ST_Transform, through PROJ). */
public final class CrsSql {
    private CrsSql() {
    }

    /**
     * A geometry expression as GeoJSON geometry text in crs: transformed, its axes swapped when the CRS
     * puts latitude or northing first. Option 0: no legacy "crs" member. The SRID comes from our own
     * list of CRSs, never from a request's text.
     */
    public static String geoJson(String geometry, Crs crs) {
        if (crs.equals(Crs.CRS84)) {
            return "ST_AsGeoJSON(" + geometry + ", 6)";
        }
        String g = "ST_Transform(" + geometry + ", " + crs.srid() + ")";
        if (crs.flipped()) {
            g = "ST_FlipCoordinates(" + g + ")";
        }
        return "ST_AsGeoJSON(" + g + ", " + crs.decimals() + ", 0)";
    }
}
