package atlas.export;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

import java.awt.Color;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The snapshot's static map, A4 landscape at 150 dpi (1754 × 1240 px): counties of the region on
 * greyed neighbours, plan areas outlined, projects coloured by category (points sized by 总投资,
 * routes as lines), title, legend, scale bar, north arrow and a source note. Equirectangular
 * projection with longitudes scaled by cos(latitude) at the region's centre: right for a province.
 */
final class MapPicture {
    static final int WIDTH = 1754;
    static final int HEIGHT = 1240;
    /**
     * The web map's category palette (web/js/format.js): ColorBrewer Set1 with Dark2's gold for its yellow,
     * in the same order; categories after the eighth share Set1's grey (the web legend's 其他类别).
     */
    static final List<Color> PALETTE = hex("#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00", "#e6ab02", "#a65628",
            "#f781bf");
    static final Color OTHER = c("#999999");

    /** The colour of the category with this index (in order of money). */
    static Color colour(int index) {
        return index < PALETTE.size() ? PALETTE.get(index) : OTHER;
    }
    /** The web map's plan-area colours (web/js/areas.js). */
    static final Map<String, Color> KIND_COLOURS = Map.of("construction", c("#8d6e63"), "metro", c("#e8590c"),
            "metro-core", c("#c92a2a"), "new-district", c("#7048e8"), "science-corridor", c("#2b8a3e"),
            "corridor", c("#1971c2"), "urban-belt", c("#0c8599"), "garden-belt", c("#5c940d"), "coop-zone", c("#0ca678"));

    private static final double FX = 36;
    private static final double FY = 132;
    private static final double FW = 1190;
    private static final double FH = 968;
    private static final double PX = 1250;
    private static final double PW = WIDTH - 36 - PX;
    private static final Color INK = c("#212529");
    private static final Color MUTED = c("#495057");
    private static final Color OUTSIDE = c("#e9ecef");
    private static final Color NEIGHBOUR = c("#d5d9dd");
    private static final Color LAND = c("#fffdf8");
    private static final Color COUNTY_LINE = c("#adb5bd");
    private static final Color CITY_LINE = c("#6c757d");
    private static final float[] DASH = {7f, 4f};

    /** A project as the picture needs it: colour, 总投资 and either points or line parts (lon, lat pairs). */
    record Mark(int colour, double investment, boolean line, List<double[]> parts) {
    }

    record LegendEntry(String name, int colour, long count) {
    }

    /** Everything one picture shows. */
    record Scene(String title, String date, String subtitle, List<String> notes, Geometry region,
                 List<ExportSql.County> counties, List<ExportSql.County> cities, List<ExportSql.Area> areas,
                 List<Mark> marks, List<LegendEntry> categories, boolean labelCities) {
    }

    private final double cx;
    private final double cy;
    private final double k;
    private final double scale;

    /** Fits the region's extent (lon/lat) into the map frame with a small margin. */
    MapPicture(Envelope region) {
        Envelope e = region == null || region.isNull() ? new Envelope(118.0, 123.3, 27.0, 31.3) : region;
        cx = (e.getMinX() + e.getMaxX()) / 2;
        cy = (e.getMinY() + e.getMaxY()) / 2;
        k = Math.cos(Math.toRadians(cy));
        double w = Math.max(e.getWidth(), 0.05) * k * 1.08;
        double h = Math.max(e.getHeight(), 0.05) * 1.08;
        scale = Math.min(FW / w, FH / h);
    }

    double x(double lon) {
        return FX + FW / 2 + (lon - cx) * k * scale;
    }

    double y(double lat) {
        return FY + FH / 2 - (lat - cy) * scale;
    }

    /** The lon/lat box the frame shows: [minLon, minLat, maxLon, maxLat] (neighbours are fetched for it). */
    double[] frameBounds() {
        double dx = FW / 2 / (k * scale);
        double dy = FH / 2 / scale;
        return new double[]{cx - dx, cy - dy, cx + dx, cy + dy};
    }

    /** Point radius in px for a 总投资 in 亿元: area grows with the money, capped so stacks stay readable. */
    static double radius(double investment) {
        return investment <= 0 || Double.isNaN(investment) ? 3.5 : Math.min(26, 3 + 1.5 * Math.sqrt(investment));
    }

    void paint(Scene s, Canvas c) {
        c.path(new Rectangle2D.Double(FX, FY, FW, FH), OUTSIDE, null, 0, null);
        c.clip(FX, FY, FW, FH);
        for (ExportSql.County county : s.counties()) {
            if (!county.inRegion()) {
                c.path(shape(county.geom()), NEIGHBOUR, Color.WHITE, 0.8f, null);
            }
        }
        for (ExportSql.County county : s.counties()) {
            if (county.inRegion()) {
                c.path(shape(county.geom()), LAND, COUNTY_LINE, 0.8f, null);
            }
        }
        for (ExportSql.County city : s.cities()) {
            c.path(shape(city.geom()), null, CITY_LINE, 1.3f, null);
        }
        for (ExportSql.Area a : s.areas()) {
            Color k = KIND_COLOURS.getOrDefault(a.kind(), MUTED);
            c.path(shape(a.geom()), alpha(k, 10), alpha(k, 210), 1.6f, DASH);
        }
        if (s.region() != null) {
            c.path(shape(s.region()), null, INK, 2.6f, null);
        }
        paintMarks(s.marks(), c);
        paintLabels(s, c);
        c.unclip();
        c.path(new Rectangle2D.Double(FX, FY, FW, FH), null, c("#868e96"), 1f, null);
        northArrow(c, FX + FW - 46, FY + 26);
        scaleBar(c, FX + 20, FY + FH - 22);

        c.text(s.title(), FX, 76, 34, true, INK, Canvas.Anchor.START, false);
        c.text(s.date(), WIDTH - 36, 76, 20, false, MUTED, Canvas.Anchor.END, false);
        c.text(fit(s.subtitle(), 16, WIDTH - 72), FX, 112, 16, false, MUTED, Canvas.Anchor.START, false);
        legend(s, c);
        double ny = FY + FH + 30;
        for (String line : wrap(s.notes(), 13, WIDTH - 72)) {
            c.text(line, FX, ny, 13, false, MUTED, Canvas.Anchor.START, false);
            ny += 21;
        }
    }

    private void paintMarks(List<Mark> marks, Canvas c) {
        for (Mark m : marks) {
            if (m.line()) {
                Color col = colour(m.colour());
                for (double[] part : m.parts()) {
                    Path2D.Double p = new Path2D.Double();
                    for (int i = 0; i + 1 < part.length; i += 2) {
                        if (i == 0) {
                            p.moveTo(x(part[i]), y(part[i + 1]));
                        } else {
                            p.lineTo(x(part[i]), y(part[i + 1]));
                        }
                    }
                    c.path(p, null, Color.WHITE, 5.5f, null);
                    c.path(p, null, alpha(col, 235), 3.2f, null);
                }
            }
        }
        // Big circles first, so the small ones stacked on the same county point stay visible.
        List<Mark> points = new ArrayList<>(marks.stream().filter(m -> !m.line()).toList());
        points.sort(Comparator.comparingDouble((Mark m) -> -radius(m.investment() / Math.max(1, m.parts().size()))));
        for (Mark m : points) {
            double r = radius(m.investment() / Math.max(1, m.parts().size()));
            Color col = colour(m.colour());
            for (double[] p : m.parts()) {
                c.circle(x(p[0]), y(p[1]), r, alpha(col, 205), Color.WHITE, 0.9f);
            }
        }
    }

    private void paintLabels(Scene s, Canvas c) {
        if (s.labelCities()) {
            for (ExportSql.County city : s.cities()) {
                c.text(city.name(), x(city.labelLon()), y(city.labelLat()) + 26, 18, true, INK, Canvas.Anchor.MIDDLE, true);
            }
            return;
        }
        float size = s.counties().stream().filter(ExportSql.County::inRegion).count() > 30 ? 11 : 14;
        for (ExportSql.County county : s.counties()) {
            if (county.inRegion()) {
                c.text(county.name(), x(county.labelLon()), y(county.labelLat()) + size + 12, size, true, MUTED,
                        Canvas.Anchor.MIDDLE, true);
            }
        }
    }

    private void northArrow(Canvas c, double x, double y) {
        c.circle(x, y + 24, 26, alpha(Color.WHITE, 200), null, 0);
        Path2D.Double left = new Path2D.Double();
        left.moveTo(x, y + 4);
        left.lineTo(x - 11, y + 40);
        left.lineTo(x, y + 32);
        left.closePath();
        Path2D.Double right = new Path2D.Double();
        right.moveTo(x, y + 4);
        right.lineTo(x + 11, y + 40);
        right.lineTo(x, y + 32);
        right.closePath();
        c.path(left, INK, INK, 1f, null);
        c.path(right, Color.WHITE, INK, 1f, null);
        c.text("北", x, y + 62, 15, true, INK, Canvas.Anchor.MIDDLE, true);
    }

    private void scaleBar(Canvas c, double x, double y) {
        double kmPerPx = 111.32 / scale;
        double raw = 180 * kmPerPx;
        double nice = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[]{5, 2, 1}) {
            if (f * Math.pow(10, Math.floor(Math.log10(raw))) <= raw) {
                nice = f * Math.pow(10, Math.floor(Math.log10(raw)));
                break;
            }
        }
        double len = nice / kmPerPx;
        c.path(new Rectangle2D.Double(x - 10, y - 34, len + 78, 46), alpha(Color.WHITE, 210), null, 0, null);
        for (int i = 0; i < 4; i++) {
            c.path(new Rectangle2D.Double(x + i * len / 4, y - 6, len / 4, 6), i % 2 == 0 ? INK : Color.WHITE, INK, 0.8f, null);
        }
        c.text("0", x, y - 12, 12, false, INK, Canvas.Anchor.MIDDLE, false);
        c.text(km(nice / 2), x + len / 2, y - 12, 12, false, INK, Canvas.Anchor.MIDDLE, false);
        c.text(km(nice) + " 公里", x + len, y - 12, 12, false, INK, Canvas.Anchor.START, false);
    }

    private static String km(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private void legend(Scene s, Canvas c) {
        c.path(new Rectangle2D.Double(PX, FY, PW, FH), c("#f8f9fa"), c("#dee2e6"), 1f, null);
        double x = PX + 18;
        double y = FY + 34;
        double bottom = FY + FH - 16;
        c.text("项目类别（项目数）", x, y, 17, true, INK, Canvas.Anchor.START, false);
        y += 28;
        List<LegendEntry> entries = s.categories();
        int room = (int) ((bottom - y - 300 - 24 * s.areas().stream().map(ExportSql.Area::kind).distinct().count()) / 22);
        int shown = entries.size() <= room ? entries.size() : Math.max(0, room - 1);
        for (int i = 0; i < shown; i++) {
            LegendEntry e = entries.get(i);
            c.circle(x + 8, y - 5, 7, alpha(colour(e.colour()), 215), Color.WHITE, 0.8f);
            c.text(fit(e.name(), 14, PW - 90) + "（" + e.count() + "）", x + 24, y, 14, false, INK, Canvas.Anchor.START, false);
            y += 22;
        }
        if (shown < entries.size()) {
            long rest = entries.subList(shown, entries.size()).stream().mapToLong(LegendEntry::count).sum();
            c.text("另有 " + (entries.size() - shown) + " 类（" + rest + "）", x + 24, y, 14, false, MUTED, Canvas.Anchor.START, false);
            y += 23;
        }
        if (entries.isEmpty()) {
            c.text("（没有可在图上标出的项目）", x, y, 14, false, MUTED, Canvas.Anchor.START, false);
            y += 23;
        }

        y += 14;
        c.text("符号", x, y, 17, true, INK, Canvas.Anchor.START, false);
        y += 32;
        double cxs = x + 30;
        for (int v : new int[]{10, 50, 200}) {
            double r = radius(v);
            c.circle(cxs, y + 4 - r + 26, r, alpha(MUTED, 60), MUTED, 1f);
            c.text(v + "", cxs, y + 48, 12, false, INK, Canvas.Anchor.MIDDLE, false);
            cxs += 2 * r + 34;
        }
        c.text("点：按总投资（亿元）", cxs + 4, y + 16, 13, false, INK, Canvas.Anchor.START, false);
        c.text("区县代表点，非具体位置", cxs + 4, y + 34, 13, false, MUTED, Canvas.Anchor.START, false);
        y += 74;
        Path2D.Double route = new Path2D.Double();
        route.moveTo(x, y - 5);
        route.lineTo(x + 40, y - 5);
        c.path(route, null, MUTED, 3.2f, null);
        c.text("线路项目（起讫区县示意）", x + 52, y, 14, false, INK, Canvas.Anchor.START, false);
        y += 26;
        swatch(c, x, y, null, INK, 2.6f, null);
        c.text("本区域边界", x + 52, y, 14, false, INK, Canvas.Anchor.START, false);
        y += 26;
        swatch(c, x, y, LAND, COUNTY_LINE, 0.8f, null);
        c.text("区县", x + 52, y, 14, false, INK, Canvas.Anchor.START, false);
        y += 26;
        swatch(c, x, y, null, CITY_LINE, 1.3f, null);
        c.text("地级市界", x + 52, y, 14, false, INK, Canvas.Anchor.START, false);
        y += 26;
        if (s.counties().stream().anyMatch(cn -> !cn.inRegion())) {
            swatch(c, x, y, NEIGHBOUR, Color.WHITE, 0.8f, null);
            c.text("区域外区县", x + 52, y, 14, false, INK, Canvas.Anchor.START, false);
            y += 26;
        }
        Set<String> kinds = new LinkedHashSet<>();
        s.areas().forEach(a -> kinds.add(a.kind()));
        if (!kinds.isEmpty()) {
            y += 8;
            c.text("规划区域（虚线，多为示意范围）", x, y, 17, true, INK, Canvas.Anchor.START, false);
            y += 28;
            for (String kind : kinds) {
                if (y > bottom) {
                    break;
                }
                Color col = KIND_COLOURS.getOrDefault(kind, MUTED);
                swatch(c, x, y, alpha(col, 30), alpha(col, 210), 1.6f, DASH);
                long n = s.areas().stream().filter(a -> a.kind().equals(kind)).count();
                c.text(Labels.kind(kind) + "（" + n + "）", x + 52, y, 14, false, INK, Canvas.Anchor.START, false);
                y += 24;
            }
        }
    }

    private static void swatch(Canvas c, double x, double y, Color fill, Color stroke, float width, float[] dash) {
        c.path(new Rectangle2D.Double(x + 2, y - 14, 36, 14), fill, stroke, width, dash);
    }

    /** Cuts text with '…' to fit a width. */
    static String fit(String s, float size, double width) {
        if (Canvas.Fonts.width(s, size, false) <= width) {
            return s;
        }
        String t = s;
        while (t.length() > 1 && Canvas.Fonts.width(t + "…", size, false) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t + "…";
    }

    /** Breaks each paragraph into lines that fit the width (CJK text breaks anywhere). */
    static List<String> wrap(List<String> paragraphs, float size, double width) {
        List<String> lines = new ArrayList<>();
        for (String p : paragraphs) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < p.length(); ) {
                int cp = p.codePointAt(i);
                String ch = new String(Character.toChars(cp));
                if (line.length() > 0 && Canvas.Fonts.width(line + ch, size, false) > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(ch);
                i += Character.charCount(cp);
            }
            if (line.length() > 0) {
                lines.add(line.toString());
            }
        }
        return lines;
    }

    private Path2D shape(Geometry g) {
        Path2D.Double p = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        if (g != null) {
            add(p, g);
        }
        return p;
    }

    private void add(Path2D.Double p, Geometry g) {
        if (g instanceof Polygon poly) {
            ring(p, poly.getExteriorRing().getCoordinates(), true);
            for (int i = 0; i < poly.getNumInteriorRing(); i++) {
                ring(p, poly.getInteriorRingN(i).getCoordinates(), true);
            }
        } else if (g instanceof LineString line) {
            ring(p, line.getCoordinates(), false);
        } else {
            for (int i = 0; i < g.getNumGeometries(); i++) {
                Geometry part = g.getGeometryN(i);
                if (part != g) {
                    add(p, part);
                }
            }
        }
    }

    private void ring(Path2D.Double p, Coordinate[] cs, boolean close) {
        for (int i = 0; i < cs.length; i++) {
            if (i == 0) {
                p.moveTo(x(cs[i].x), y(cs[i].y));
            } else {
                p.lineTo(x(cs[i].x), y(cs[i].y));
            }
        }
        if (close && cs.length > 0) {
            p.closePath();
        }
    }

    private static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    private static Color c(String hex) {
        return Color.decode(hex);
    }

    private static List<Color> hex(String... hex) {
        return java.util.Arrays.stream(hex).map(Color::decode).toList();
    }
}
