package atlas.export;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;

/** map.png: Java2D on an RGB image (headless), written by ImageIO. */
final class PngCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;

    PngCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    @Override
    public void path(Shape shape, Color fill, Color stroke, float width, float[] dash) {
        if (fill != null) {
            g.setColor(fill);
            g.fill(shape);
        }
        if (stroke != null) {
            g.setColor(stroke);
            g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
            g.draw(shape);
        }
    }

    @Override
    public void circle(double cx, double cy, double r, Color fill, Color stroke, float width) {
        path(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r), fill, stroke, width, null);
    }

    @Override
    public void text(String s, double x, double y, float size, boolean bold, Color color, Anchor anchor, boolean halo) {
        if (s.isEmpty()) {
            return;
        }
        TextLayout layout = new TextLayout(s, Fonts.font(size, bold), g.getFontRenderContext());
        double w = layout.getAdvance();
        double left = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - w / 2;
            case END -> x - w;
        };
        Shape outline = layout.getOutline(AffineTransform.getTranslateInstance(left, y));
        if (halo) {
            g.setColor(new Color(255, 255, 255, 220));
            g.setStroke(new BasicStroke(Math.max(2.5f, size / 5), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(outline);
        }
        g.setColor(color);
        g.fill(outline);
    }

    @Override
    public void clip(double x, double y, double w, double h) {
        g.setClip(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }

    @Override
    public void unclip() {
        g.setClip(null);
    }

    static {
        // ImageIO's default disk cache registers a JVM shutdown hook: a snapshot finishing while the
        // server drains for shutdown would fail. The picture is a few MB: memory does.
        javax.imageio.ImageIO.setUseCache(false);
    }

    void writeTo(OutputStream out) throws IOException {
        g.dispose();
        if (!javax.imageio.ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
    }
}
