package atlas.lines;

import java.util.List;
import java.util.Optional;

/**
 * One named line of the registry (geodata/lines/): a railway, metro or tram line, road, bridge,
 * tunnel, waterway or pipeline, with its names, its nodes in order along it, its named sections and
 * the public source its nodes were taken from.
 */
public record Line(String id, String kind, String name, List<String> aliases, Source source, String note,
                   List<Node> nodes, List<Section> sections) {

    public static final List<String> KINDS = List.of("rail", "intercity", "metro", "tram", "expressway", "road",
            "bridge", "tunnel", "waterway", "pipeline");

    /** Where the facts of a line come from (标题, 发布者, 日期, 网址). */
    public record Source(String title, String publisher, String date, String url) {
        public String cite() {
            return String.join("，", List.of(title, publisher, date).stream().filter(s -> s != null && !s.isBlank()).toList());
        }
    }

    /**
     * A station, interchange, port, bridge or tunnel end. countyCode is empty for a node outside the
     * province, whose province is then in outside; lon/lat are given where a public source has them.
     */
    public record Node(int seq, String name, String countyCode, String outside, Double lon, Double lat, String note) {
        public boolean inProvince() {
            return outside == null || outside.isBlank();
        }
    }

    /** A named stretch (杭州至义乌段) between two of the line's nodes, given by their names. */
    public record Section(String name, List<String> aliases, String fromNode, String toNode, String note) {
    }

    /** Every name the line is known by: its name first, then its aliases. */
    public List<String> names() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        out.add(name);
        out.addAll(aliases);
        return out;
    }

    public Optional<Node> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /** The distinct counties of the nodes from seq 'from' to seq 'to' (either order), along the line. */
    public List<String> countiesBetween(int from, int to) {
        int lo = Math.min(from, to);
        int hi = Math.max(from, to);
        return nodes.stream().filter(n -> n.seq() >= lo && n.seq() <= hi && n.inProvince())
                .map(Node::countyCode).distinct().toList();
    }

    public List<String> counties() {
        return nodes.stream().filter(Node::inProvince).map(Node::countyCode).distinct().toList();
    }
}
