package atlas.layers;

import org.locationtech.jts.algorithm.RectangleLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * project_location of one data version in memory, on a grid: the ids and count of a bbox page
 * without a database scan. It answers as the page statement does: a row's bounds meet the box as
 * PostGIS's && compares them (single-precision bounds rounded outwards), and a line or polygon is
 * then tested exactly (JTS, as ST_Intersects). Read in one statement with the data version it
 * belongs to, so a request that read that version gets that version's page; a request that read
 * another version asks the database (and the first to see a newer version rebuilds this).
 */
final class LocationIndex {
    /** ST_Intersects' answer for boxes and lines, in JTS. */
    private static final GeometryFactory GEOMETRIES = new GeometryFactory();

    /** The rows of one version, sorted by id, and a grid of cells holding the rows whose bounds meet them. */
    static final class Snapshot {
        final long version;
        private final long[] ids;
        private final float[] minx;
        private final float[] miny;
        private final float[] maxx;
        private final float[] maxy;
        private final boolean[] counted;
        private final Geometry[] shapes;  // null for points
        private final double x0;
        private final double y0;
        private final double cell;
        private final int nx;
        private final int ny;
        private final boolean[] spans;  // in more than one cell
        private final int[] wideRows;   // in more than four cells: not in the grid
        private final int[] cellStart;
        private final int[] cellRows;

        private Snapshot(long version, long[] ids, float[] minx, float[] miny, float[] maxx, float[] maxy, boolean[] counted,
                         Geometry[] shapes) {
            this.version = version;
            this.ids = ids;
            this.minx = minx;
            this.miny = miny;
            this.maxx = maxx;
            this.maxy = maxy;
            this.counted = counted;
            this.shapes = shapes;
            int n = ids.length;
            double ax = Double.MAX_VALUE, ay = Double.MAX_VALUE, bx = -Double.MAX_VALUE, by = -Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                ax = Math.min(ax, minx[i]);
                ay = Math.min(ay, miny[i]);
                bx = Math.max(bx, maxx[i]);
                by = Math.max(by, maxy[i]);
            }
            if (n == 0) {
                ax = ay = 0;
                bx = by = 1;
            }
            // About eight rows a cell when they are spread evenly.
            int side = Math.max(1, (int) Math.sqrt(n / 8.0));
            this.cell = Math.max(1e-6, Math.max(bx - ax, by - ay) / side);
            this.x0 = ax;
            this.y0 = ay;
            this.nx = Math.max(1, (int) ((bx - ax) / cell) + 1);
            this.ny = Math.max(1, (int) ((by - ay) / cell) + 1);
            this.spans = new boolean[n];
            // A long line would sit in hundreds of cells and be met again in each: such rows are few
            // and kept aside, tested once a query.
            boolean[] wide = new boolean[n];
            int wides = 0;
            for (int i = 0; i < n; i++) {
                int w = cx(maxx[i]) - cx(minx[i]) + 1, h = cy(maxy[i]) - cy(miny[i]) + 1;
                spans[i] = w * h > 1;
                wide[i] = w * h > 4;
                wides += wide[i] ? 1 : 0;
            }
            this.wideRows = new int[wides];
            for (int i = 0, k = 0; i < n; i++) {
                if (wide[i]) {
                    wideRows[k++] = i;
                }
            }
            int[] counts = new int[nx * ny + 1];
            for (int i = 0; i < n; i++) {
                if (wide[i]) {
                    continue;
                }
                for (int cy = cy(miny[i]); cy <= cy(maxy[i]); cy++) {
                    for (int cx = cx(minx[i]); cx <= cx(maxx[i]); cx++) {
                        counts[cy * nx + cx + 1]++;
                    }
                }
            }
            for (int c = 1; c < counts.length; c++) {
                counts[c] += counts[c - 1];
            }
            this.cellStart = counts.clone();
            this.cellRows = new int[counts[counts.length - 1]];
            int[] fill = Arrays.copyOf(counts, counts.length - 1);
            for (int i = 0; i < n; i++) {
                if (wide[i]) {
                    continue;
                }
                for (int cy = cy(miny[i]); cy <= cy(maxy[i]); cy++) {
                    for (int cx = cx(minx[i]); cx <= cx(maxx[i]); cx++) {
                        cellRows[fill[cy * nx + cx]++] = i;
                    }
                }
            }
        }

        private int cx(double x) {
            double v = (x - x0) / cell;
            return v <= 0 ? 0 : Math.min(nx - 1, (int) v);
        }

        private int cy(double y) {
            double v = (y - y0) / cell;
            return v <= 0 ? 0 : Math.min(ny - 1, (int) v);
        }

        /** A box's page: the ids from offset on (at most limit), in id order, and how many rows matched. */
        record Page(long[] ids, int matched) {
        }

        /**
         * The page of the rows in box (xmin, ymin, xmax, ymax; xmin ≤ xmax) from offset on, at most
         * limit, in id order; counted rows only unless entries. Every matching row is counted, but only
         * the offset + limit lowest are kept in order: rows are held in id order, so the lowest
         * positions are the lowest ids, and a page never sorts the whole box.
         */
        Page match(double[] box, boolean entries, int offset, int limit) {
            float qx0 = down(box[0]), qy0 = down(box[1]), qx1 = up(box[2]), qy1 = up(box[3]);
            Query q = new Query(box, entries, qx0, qy0, qx1, qy1, (int) Math.min(Integer.MAX_VALUE - 8, (long) offset + limit));
            int cx0 = cx(qx0), cx1 = cx(qx1), cy0 = cy(qy0), cy1 = cy(qy1);
            for (int cy = cy0; cy <= cy1; cy++) {
                for (int cx = cx0; cx <= cx1; cx++) {
                    int c = cy * nx + cx;
                    for (int k = cellStart[c]; k < cellStart[c + 1]; k++) {
                        int i = cellRows[k];
                        // A row in several cells is taken in the first cell of the box's range it lies in.
                        if (spans[i] && (cx(Math.max(minx[i], qx0)) != cx || cy(Math.max(miny[i], qy0)) != cy)) {
                            continue;
                        }
                        q.test(i);
                    }
                }
            }
            for (int i : wideRows) {
                q.test(i);
            }
            int[] lowest = q.lowest.inOrder();
            int from = Math.min(lowest.length, offset);
            long[] out = new long[lowest.length - from];
            for (int k = from; k < lowest.length; k++) {
                out[k - from] = ids[lowest[k]];
            }
            return new Page(out, q.matched);
        }

        /** One box's rows as they are found. */
        private final class Query {
            private final double[] box;
            private final boolean entries;
            private final float qx0, qy0, qx1, qy1;
            private PreparedGeometry exact;
            private Envelope envelope;
            private RectangleLineIntersector segments;
            private final LowestPositions lowest;
            private int matched;

            Query(double[] box, boolean entries, float qx0, float qy0, float qx1, float qy1, int keep) {
                this.box = box;
                this.entries = entries;
                this.qx0 = qx0;
                this.qy0 = qy0;
                this.qx1 = qx1;
                this.qy1 = qy1;
                this.lowest = new LowestPositions(keep);
            }

            void test(int i) {
                if (!entries && !counted[i]) {
                    return;
                }
                if (minx[i] > qx1 || qx0 > maxx[i] || miny[i] > qy1 || qy0 > maxy[i]) {
                    return;
                }
                // A shape within the box meets it; only one across its edge takes the exact test.
                if (shapes[i] != null && !(minx[i] >= box[0] && maxx[i] <= box[2] && miny[i] >= box[1] && maxy[i] <= box[3])) {
                    if (!meets(shapes[i])) {
                        return;
                    }
                }
                matched++;
                lowest.offer(i);
            }

            /** The shape meets the box: a line's segments tested one by one, anything else in JTS's prepared rectangle. */
            private boolean meets(Geometry shape) {
                if (envelope == null) {
                    envelope = new Envelope(box[0], box[2], box[1], box[3]);
                }
                if (shape instanceof Lineal) {
                    if (segments == null) {
                        segments = new RectangleLineIntersector(envelope);
                    }
                    for (int part = 0; part < shape.getNumGeometries(); part++) {
                        Coordinate[] points = ((LineString) shape.getGeometryN(part)).getCoordinates();
                        if (points.length == 1 && envelope.intersects(points[0])) {
                            return true;
                        }
                        for (int k = 1; k < points.length; k++) {
                            if (segments.intersects(points[k - 1], points[k])) {
                                return true;
                            }
                        }
                    }
                    return false;
                }
                if (exact == null) {
                    exact = PreparedGeometryFactory.prepare(GEOMETRIES.toGeometry(envelope));
                }
                return exact.intersects(shape);
            }
        }

        int size() {
            return ids.length;
        }
    }

    /**
     * The k lowest of the positions offered, as a max-heap: a position above the highest kept is
     * turned away at once, which is most of them once the heap is full.
     */
    static final class LowestPositions {
        private final int keep;
        private int[] heap = new int[16];
        private int n;

        LowestPositions(int keep) {
            this.keep = keep;
        }

        void offer(int position) {
            if (keep == 0) {
                return;
            }
            if (n < keep) {
                if (n == heap.length) {
                    heap = Arrays.copyOf(heap, (int) Math.min((long) n * 2, keep));
                }
                int at = n++;
                while (at > 0 && heap[(at - 1) / 2] < position) {
                    heap[at] = heap[(at - 1) / 2];
                    at = (at - 1) / 2;
                }
                heap[at] = position;
            } else if (position < heap[0]) {
                int at = 0;
                while (true) {
                    int child = 2 * at + 1;
                    if (child >= n) {
                        break;
                    }
                    if (child + 1 < n && heap[child + 1] > heap[child]) {
                        child++;
                    }
                    if (heap[child] <= position) {
                        break;
                    }
                    heap[at] = heap[child];
                    at = child;
                }
                heap[at] = position;
            }
        }

        /** The positions kept, lowest first. */
        int[] inOrder() {
            int[] out = Arrays.copyOf(heap, n);
            Arrays.sort(out);
            return out;
        }
    }

    private volatile Snapshot current;
    private final ReentrantLock building = new ReentrantLock();

    /**
     * The snapshot of dataVersion; empty when the one held is of another version. A request that read
     * a newer version than the one held rebuilds it on its connection unless another request already
     * is (that request waits for it; the others ask the database meanwhile).
     */
    Optional<Snapshot> at(Connection c, String dataVersion) throws SQLException {
        long version;
        try {
            version = Long.parseLong(dataVersion);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Snapshot s = current;
        if (s != null && s.version == version) {
            return Optional.of(s);
        }
        if ((s != null && s.version > version) || !building.tryLock()) {
            return Optional.empty();
        }
        try {
            s = current;
            if (s == null || s.version < version) {
                Snapshot read = read(c);
                if (current == null || read.version > current.version) {
                    current = read;
                }
            }
            s = current;
            return s.version == version ? Optional.of(s) : Optional.empty();
        } finally {
            building.unlock();
        }
    }

    static Snapshot read(Connection c) throws SQLException {
        int cap = 1024;
        long version = -1;
        long[] ids = new long[cap];
        float[] minx = new float[cap], miny = new float[cap], maxx = new float[cap], maxy = new float[cap];
        boolean[] counted = new boolean[cap];
        Geometry[] shapes = new Geometry[cap];
        WKBReader wkb = new WKBReader(GEOMETRIES);
        int n = 0;
        // Through a cursor: a million rows arrive in batches, not in one answer held whole.
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.setFetchSize(10_000);
            ResultSet rs = st.executeQuery(FeatureSql.LOCATION_ROWS);
            while (rs.next()) {
                version = rs.getLong(1);
                if (rs.getObject(2) == null) {
                    continue;  // no placed project: the version alone
                }
                if (n == cap) {
                    cap *= 2;
                    ids = Arrays.copyOf(ids, cap);
                    minx = Arrays.copyOf(minx, cap);
                    miny = Arrays.copyOf(miny, cap);
                    maxx = Arrays.copyOf(maxx, cap);
                    maxy = Arrays.copyOf(maxy, cap);
                    counted = Arrays.copyOf(counted, cap);
                    shapes = Arrays.copyOf(shapes, cap);
                }
                ids[n] = rs.getLong(2);
                minx[n] = down(rs.getDouble(3));
                miny[n] = down(rs.getDouble(4));
                maxx[n] = up(rs.getDouble(5));
                maxy[n] = up(rs.getDouble(6));
                counted[n] = rs.getBoolean(7);
                byte[] shape = rs.getBytes(8);
                if (shape != null) {
                    try {
                        shapes[n] = wkb.read(shape);
                    } catch (ParseException e) {
                        throw new SQLException("project_location " + ids[n] + ": unreadable geometry: " + e.getMessage(), e);
                    }
                }
                n++;
            }
            rs.close();
        }
        c.commit();
        c.setAutoCommit(auto);
        return new Snapshot(version, Arrays.copyOf(ids, n), Arrays.copyOf(minx, n), Arrays.copyOf(miny, n),
                Arrays.copyOf(maxx, n), Arrays.copyOf(maxy, n), Arrays.copyOf(counted, n), Arrays.copyOf(shapes, n));
    }

    /** The largest float not above d (PostGIS's next_float_down: how its && rounds a box's lower bounds). */
    static float down(double d) {
        float f = (float) d;
        return (double) f <= d ? f : Math.nextDown(f);
    }

    /** The smallest float not below d (PostGIS's next_float_up). */
    static float up(double d) {
        float f = (float) d;
        return (double) f >= d ? f : Math.nextUp(f);
    }
}
