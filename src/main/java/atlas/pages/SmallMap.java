package atlas.pages;

import java.util.List;

/** The project page's map: counties around the project (its own marked), the project on top, as SVG. */
record SmallMap(String viewBox, List<Shape> shapes) {

    /** One shape: layer 1 a county, 2 a placed division of another level (a city), 3 the project. */
    record Shape(int layer, String name, boolean placed, String svg, int dimension) {
    }

    String svg() {
        String[] box = viewBox.split(" ");
        double width = box.length == 4 ? Double.parseDouble(box[2]) : 1;
        StringBuilder out = new StringBuilder("<svg class=\"small-map\" role=\"img\" aria-label=\"项目与所在区县位置示意图\" "
                + "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"" + viewBox + "\" preserveAspectRatio=\"xMidYMid meet\">");
        for (Shape s : shapes) {
            String title = s.name() == null ? "" : "<title>" + ProjectPage.escape(s.name()) + "</title>";
            if (s.layer() == 3 && s.dimension() == 0) {
                // A point: ST_AsSVG gives its cx/cy attributes.
                out.append("<circle class=\"project\" ").append(s.svg()).append(" r=\"").append(Math.round(width / 70)).append("\"/>");
            } else {
                String cls = switch (s.layer()) {
                    case 1 -> s.placed() ? "county placed" : "county";
                    case 2 -> "division placed";
                    default -> "project";
                };
                out.append("<path class=\"").append(cls).append("\" d=\"").append(s.svg()).append("\">").append(title).append("</path>");
            }
        }
        return out.append("</svg>").toString();
    }
}
