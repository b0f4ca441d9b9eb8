package atlas.export;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns what a user gives as a region into a Region: a 6-digit division code (province, city or
 * county), a plan-area id, or a box minLon,minLat,maxLon,maxLat. Unknown ones are refused, naming 'region'.
 */
public final class Regions {
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern AREA_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,80}");

    private Regions() {
    }

    /** A code, an area id, or a box written 'minLon,minLat,maxLon,maxLat'. */
    public static Region resolve(Connection c, String spec) throws SQLException {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new SnapshotException("region", "required: a city or county code (330500), a plan-area id "
                    + "(metro-hangzhou) or a box [minLon,minLat,maxLon,maxLat]");
        }
        if (s.contains(",")) {
            String[] parts = s.split(",", -1);
            double[] b = new double[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    b[i] = Double.parseDouble(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new SnapshotException("region", "box value '" + parts[i].trim() + "' is not a number");
                }
            }
            return bbox(b);
        }
        if (CODE.matcher(s).matches()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT level, name FROM division WHERE code = ? AND valid_to IS NULL AND geom IS NOT NULL")) {
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Region.Kind kind = switch (rs.getString(1)) {
                            case "province" -> Region.Kind.PROVINCE;
                            case "city" -> Region.Kind.CITY;
                            default -> Region.Kind.COUNTY;
                        };
                        return new Region(kind, s, rs.getString(2), java.util.Optional.empty());
                    }
                }
            }
            throw new SnapshotException("region", "no current Zhejiang city or county has the code " + s
                    + " (e.g. 330500 湖州市, 330502 吴兴区, 330000 浙江省)");
        }
        if (AREA_ID.matcher(s).matches()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM plan_area WHERE id = ? AND geom IS NOT NULL")) {
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new Region(Region.Kind.AREA, s, rs.getString(1), java.util.Optional.empty());
                    }
                }
            }
        }
        throw new SnapshotException("region", "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s)
                + "' is neither a division code (330500) nor a plan-area id (e.g. metro-hangzhou, new-district-nantaihu)");
    }

    /** A lon/lat box; four finite numbers, min below max, within ±180/±90. */
    public static Region bbox(double[] b) {
        if (b.length != 4) {
            throw new SnapshotException("region", "a box is four numbers [minLon,minLat,maxLon,maxLat], got " + b.length);
        }
        for (double v : b) {
            if (!Double.isFinite(v)) {
                throw new SnapshotException("region", "box numbers must be finite");
            }
        }
        if (b[0] < -180 || b[2] > 180 || b[1] < -90 || b[3] > 90) {
            throw new SnapshotException("region", "box longitudes within ±180 and latitudes within ±90");
        }
        if (b[0] >= b[2] || b[1] >= b[3]) {
            throw new SnapshotException("region", "box min must be below max: [minLon,minLat,maxLon,maxLat]");
        }
        return Region.bbox(b);
    }

    public static Region bbox(List<Double> values) {
        return bbox(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
