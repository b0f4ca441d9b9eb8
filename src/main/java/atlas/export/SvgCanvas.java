package atlas.export;

import java.awt.Color;
import java.awt.Shape;
import java.awt.geom.PathIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/** map.svg: the same drawing as text (coordinates to 0.1 px), written as it is drawn. */
final class SvgCanvas implements Canvas {
    private final Writer out;
    private int clips;

    SvgCanvas(Writer out, int width, int height) {
        this.out = out;
        write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\" font-family=\""
                + Fonts.SVG_FAMILIES + "\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    }

    @Override
    public void path(Shape shape, Color fill, Color stroke, float width, float[] dash) {
        StringBuilder d = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = shape.getPathIterator(null); !it.isDone(); it.next()) {
            switch (it.currentSegment(c)) {
                case PathIterator.SEG_MOVETO -> d.append('M').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_LINETO -> d.append('L').append(n(c[0])).append(' ').append(n(c[1]));
                case PathIterator.SEG_CLOSE -> d.append('Z');
                case PathIterator.SEG_QUADTO -> d.append('Q').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3]));
                case PathIterator.SEG_CUBICTO -> d.append('C').append(n(c[0])).append(' ').append(n(c[1])).append(' ')
                        .append(n(c[2])).append(' ').append(n(c[3])).append(' ').append(n(c[4])).append(' ').append(n(c[5]));
                default -> {
                }
            }
        }
        write("<path d=\"" + d + "\" fill-rule=\"evenodd\"" + paint(fill, stroke, width, dash) + "/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill, Color stroke, float width) {
        write("<circle cx=\"" + n(cx) + "\" cy=\"" + n(cy) + "\" r=\"" + n(r) + "\"" + paint(fill, stroke, width, null) + "/>\n");
    }

    @Override
    public void text(String s, double x, double y, float size, boolean bold, Color color, Anchor anchor, boolean halo) {
        if (s.isEmpty()) {
            return;
        }
        String a = switch (anchor) {
            case START -> "start";
            case MIDDLE -> "middle";
            case END -> "end";
        };
        write("<text x=\"" + n(x) + "\" y=\"" + n(y) + "\" font-size=\"" + n(size) + "\"" + (bold ? " font-weight=\"bold\"" : "")
                + " text-anchor=\"" + a + "\" fill=\"" + hex(color) + "\""
                + (halo ? " stroke=\"#ffffff\" stroke-opacity=\"0.86\" stroke-width=\"" + n(Math.max(2.5, size / 5))
                + "\" stroke-linejoin=\"round\" paint-order=\"stroke\"" : "")
                + ">" + escape(s) + "</text>\n");
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        clips++;
        write("<clipPath id=\"clip" + clips + "\"><rect x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(w) + "\" height=\""
                + n(h) + "\"/></clipPath>\n<g clip-path=\"url(#clip" + clips + ")\">\n");
    }

    @Override
    public void unclip() {
        write("</g>\n");
    }

    void finish() throws IOException {
        write("</svg>\n");
        out.flush();
    }

    private static String paint(Color fill, Color stroke, float width, float[] dash) {
        StringBuilder sb = new StringBuilder();
        if (fill == null) {
            sb.append(" fill=\"none\"");
        } else {
            sb.append(" fill=\"").append(hex(fill)).append('"');
            if (fill.getAlpha() < 255) {
                sb.append(" fill-opacity=\"").append(n(fill.getAlpha() / 255.0, 3)).append('"');
            }
        }
        if (stroke != null) {
            sb.append(" stroke=\"").append(hex(stroke)).append("\" stroke-width=\"").append(n(width))
                    .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
            if (stroke.getAlpha() < 255) {
                sb.append(" stroke-opacity=\"").append(n(stroke.getAlpha() / 255.0, 3)).append('"');
            }
            if (dash != null) {
                StringBuilder ds = new StringBuilder();
                for (float f : dash) {
                    ds.append(ds.length() == 0 ? "" : ",").append(n(f));
                }
                sb.append(" stroke-dasharray=\"").append(ds).append('"');
            }
        }
        return sb.toString();
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String n(double v) {
        return n(v, 1);
    }

    private static String n(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s.equals("-0") ? "0" : s;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
