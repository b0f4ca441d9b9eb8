package atlas.export;

import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.util.List;

/**
 * What the map picture draws on: Java2D for map.png, SVG text for map.svg. One painter (MapPicture)
 * drives both, so the two pictures show the same thing.
 */
interface Canvas {
    enum Anchor { START, MIDDLE, END }

    void path(Shape shape, Color fill, Color stroke, float width, float[] dash);

    void circle(double cx, double cy, double r, Color fill, Color stroke, float width);

    /** y is the baseline; halo draws a white outline behind the letters (labels over the map). */
    void text(String s, double x, double y, float size, boolean bold, Color color, Anchor anchor, boolean halo);

    void clip(double x, double y, double w, double h);

    void unclip();

    /** The CJK font the pictures use (and its width measure), with a graceful fallback when none is installed. */
    final class Fonts {
        private static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN");
        static final String SVG_FAMILIES = "'Noto Sans CJK SC','Source Han Sans SC','WenQuanYi Micro Hei','WenQuanYi Zen Hei',"
                + "'Microsoft YaHei','PingFang SC',sans-serif";
        private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
        private static volatile String family;

        private Fonts() {
        }

        /** The installed family that can draw Chinese, or the logical SansSerif (boxes, but still a picture). */
        static String family() {
            if (family == null) {
                String found = Font.SANS_SERIF;
                try {
                    List<String> installed = List.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
                    for (String f : PREFERRED) {
                        if (installed.contains(f) && new Font(f, Font.PLAIN, 12).canDisplayUpTo("浙江省湖州市") < 0) {
                            found = f;
                            break;
                        }
                    }
                    if (found.equals(Font.SANS_SERIF)) {
                        for (String f : installed) {
                            if (new Font(f, Font.PLAIN, 12).canDisplayUpTo("浙江省湖州市") < 0) {
                                found = f;
                                break;
                            }
                        }
                    }
                } catch (Throwable e) {
                    // no fonts at all (a bare container): draw with the logical font
                }
                family = found;
            }
            return family;
        }

        static boolean hasCjk() {
            return !family().equals(Font.SANS_SERIF);
        }

        static Font font(float size, boolean bold) {
            return new Font(family(), bold ? Font.BOLD : Font.PLAIN, 12).deriveFont(size);
        }

        static double width(String s, float size, boolean bold) {
            return font(size, bold).getStringBounds(s, FRC).getWidth();
        }
    }
}
