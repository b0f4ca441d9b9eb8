package atlas.lines;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads every folder of geodata/lines/ (lines.csv, nodes.csv, sections.csv) into a registry and
 * validates it as a whole: a registry with any problem is refused with all its problems, each naming
 * the file, the row and the line, so nothing of it is partly loaded.
 */
public final class LineRegistryFiles {
    static final List<String> LINE_COLUMNS = List.of("line_id", "kind", "name", "aliases", "source_title",
            "source_publisher", "source_date", "source_url", "note");
    static final List<String> NODE_COLUMNS = List.of("line_id", "seq", "node", "county_code", "outside", "lon", "lat", "source_note");
    static final List<String> SECTION_COLUMNS = List.of("line_id", "section", "aliases", "from_node", "to_node", "source_note");

    private LineRegistryFiles() {
    }

    /** The registry's files in a stable order, for the dataset hash. */
    public static List<Path> files(Path root) {
        List<Path> out = new ArrayList<>();
        for (Path folder : folders(root)) {
            for (String f : List.of("lines.csv", "nodes.csv", "sections.csv")) {
                if (Files.isRegularFile(folder.resolve(f))) {
                    out.add(folder.resolve(f));
                }
            }
        }
        return out;
    }

    private static List<Path> folders(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).filter(p -> Files.isRegularFile(p.resolve("lines.csv"))).sorted().toList();
        } catch (IOException e) {
            throw new LineRegistryException(List.of("cannot list " + root + ": " + e.getMessage()));
        }
    }

    /**
     * The bundled registry (geodata/lines/) checked against the bundled gazetteer's current counties,
     * without a database: for tests and tools that place rows from the files alone.
     */
    public static LineRegistry fromGeodata(Path geodata) {
        Set<String> counties = new java.util.HashSet<>();
        for (Map<String, String> r : atlas.gazetteer.CsvTable.read(geodata.resolve("gazetteer/divisions.csv"))) {
            if ("county".equals(r.get("level")) && value(r, "valid_to") == null) {
                counties.add(r.get("code"));
            }
        }
        return read(geodata.resolve("lines"), counties);
    }

    /**
     * Reads and validates the registry under root. countyCodes are today's county-level codes of
     * the province (the gazetteer's): a node's county must be one of them.
     */
    public static LineRegistry read(Path root, Set<String> countyCodes) {
        List<String> problems = new ArrayList<>();
        Map<String, Line> lines = new LinkedHashMap<>();
        Map<String, String> nameOwner = new HashMap<>();
        for (Path folder : folders(root)) {
            readFolder(folder, countyCodes, problems, lines, nameOwner);
        }
        if (!problems.isEmpty()) {
            throw new LineRegistryException(problems);
        }
        return new LineRegistry(List.copyOf(lines.values()));
    }

    private static void readFolder(Path folder, Set<String> countyCodes, List<String> problems,
                                   Map<String, Line> all, Map<String, String> nameOwner) {
        String where = folder.getFileName().toString();
        List<Map<String, String>> lineRows = table(folder.resolve("lines.csv"), LINE_COLUMNS, problems);
        List<Map<String, String>> nodeRows = table(folder.resolve("nodes.csv"), NODE_COLUMNS, problems);
        List<Map<String, String>> sectionRows = Files.isRegularFile(folder.resolve("sections.csv"))
                ? table(folder.resolve("sections.csv"), SECTION_COLUMNS, problems) : List.of();

        Map<String, Map<String, String>> heads = new LinkedHashMap<>();
        for (int i = 0; i < lineRows.size(); i++) {
            Map<String, String> r = lineRows.get(i);
            String at = where + "/lines.csv row " + (i + 2);
            String id = value(r, "line_id");
            if (id == null) {
                problems.add(at + ": no line_id");
                continue;
            }
            String line = at + " (line " + id + ")";
            if (heads.containsKey(id)) {
                problems.add(line + ": line_id " + id + " is used twice in " + where + "/lines.csv");
                continue;
            }
            String kind = value(r, "kind");
            if (!Line.KINDS.contains(kind)) {
                problems.add(line + ": kind '" + kind + "' is not one of " + Line.KINDS);
            }
            if (value(r, "name") == null) {
                problems.add(line + ": no name");
                continue;
            }
            if (value(r, "source_title") == null && value(r, "source_url") == null) {
                problems.add(line + ": no source (source_title or source_url)");
            }
            for (String n : names(r)) {
                String owner = nameOwner.putIfAbsent(n, qualified(where, id));
                if (owner != null && !owner.equals(qualified(where, id))) {
                    problems.add(line + ": name '" + n + "' is already a name of line " + owner);
                }
            }
            heads.put(id, r);
        }

        Map<String, List<Line.Node>> nodes = new LinkedHashMap<>();
        for (int i = 0; i < nodeRows.size(); i++) {
            Map<String, String> r = nodeRows.get(i);
            String id = value(r, "line_id");
            String at = where + "/nodes.csv row " + (i + 2) + " (line " + id + ")";
            if (id == null || !heads.containsKey(id)) {
                problems.add(at + ": line " + id + " is not in " + where + "/lines.csv");
                continue;
            }
            Integer seq = integer(value(r, "seq"));
            String node = value(r, "node");
            String county = value(r, "county_code");
            String outside = value(r, "outside");
            if (seq == null) {
                problems.add(at + ": seq '" + value(r, "seq") + "' is not a number");
                continue;
            }
            if (node == null) {
                problems.add(at + ": node " + seq + " has no name");
                continue;
            }
            String named = at + ", node " + seq + " " + node;
            if (outside == null) {
                if (county == null) {
                    problems.add(named + ": no county_code, and not marked as outside the province (outside = its province)");
                } else if (!county.startsWith("33")) {
                    problems.add(named + ": county code " + county + " is outside the province but the node is not marked "
                            + "outside (set outside to its province and leave county_code empty)");
                } else if (!countyCodes.contains(county)) {
                    problems.add(named + ": unknown county code " + county);
                }
            } else if (county != null && county.startsWith("33")) {
                problems.add(named + ": marked outside the province (" + outside + ") but has the Zhejiang county code " + county);
            }
            Double lon = number(value(r, "lon"));
            Double lat = number(value(r, "lat"));
            if ((value(r, "lon") != null && lon == null) || (value(r, "lat") != null && lat == null) || (lon == null) != (lat == null)) {
                problems.add(named + ": lon/lat must both be numbers, or both empty");
                lon = null;
                lat = null;
            } else if (lon != null && (lon < 73 || lon > 135 || lat < 18 || lat > 54)) {
                problems.add(named + ": coordinate " + lon + "," + lat + " is not in China (lon/lat swapped?)");
            }
            List<Line.Node> list = nodes.computeIfAbsent(id, k -> new ArrayList<>());
            if (list.stream().anyMatch(n -> n.seq() == seq)) {
                problems.add(named + ": seq " + seq + " is used twice");
                continue;
            }
            list.add(new Line.Node(seq, node, outside == null ? county : "", outside == null ? "" : outside, lon, lat,
                    value(r, "source_note")));
        }

        Map<String, List<Line.Section>> sections = new LinkedHashMap<>();
        for (int i = 0; i < sectionRows.size(); i++) {
            Map<String, String> r = sectionRows.get(i);
            String id = value(r, "line_id");
            String at = where + "/sections.csv row " + (i + 2) + " (line " + id + ")";
            if (id == null || !heads.containsKey(id)) {
                problems.add(at + ": line " + id + " is not in " + where + "/lines.csv");
                continue;
            }
            String name = value(r, "section");
            if (name == null) {
                problems.add(at + ": no section name");
                continue;
            }
            List<Line.Node> lineNodes = nodes.getOrDefault(id, List.of());
            for (String end : List.of("from_node", "to_node")) {
                String nodeName = value(r, end);
                if (lineNodes.stream().noneMatch(n -> n.name().equals(nodeName))) {
                    problems.add(at + ": section " + name + ": " + end + " '" + nodeName + "' is not a node of line " + id);
                }
            }
            List<Line.Section> list = sections.computeIfAbsent(id, k -> new ArrayList<>());
            if (list.stream().anyMatch(s -> s.name().equals(name))) {
                problems.add(at + ": section " + name + " is listed twice");
            }
            list.add(new Line.Section(name, split(value(r, "aliases")), value(r, "from_node"), value(r, "to_node"),
                    value(r, "source_note")));
        }

        for (Map.Entry<String, Map<String, String>> e : heads.entrySet()) {
            String id = e.getKey();
            Map<String, String> r = e.getValue();
            List<Line.Node> lineNodes = nodes.getOrDefault(id, List.of()).stream()
                    .sorted(java.util.Comparator.comparingInt(Line.Node::seq)).toList();
            if (lineNodes.size() < 2) {
                problems.add(where + " line " + id + " (" + value(r, "name") + "): " + lineNodes.size()
                        + " node(s) in nodes.csv, a line needs at least its two ends");
            } else if (lineNodes.stream().noneMatch(Line.Node::inProvince)) {
                problems.add(where + " line " + id + " (" + value(r, "name") + "): no node in the province");
            }
            List<String> aliases = names(r).stream().skip(1).toList();
            // Ids are the folder's own (two registry folders are written apart): stored as folder/line_id.
            all.put(qualified(where, id), new Line(qualified(where, id), value(r, "kind"), value(r, "name"), aliases,
                    new Line.Source(value(r, "source_title"), value(r, "source_publisher"), value(r, "source_date"),
                            value(r, "source_url")),
                    value(r, "note"), lineNodes, List.copyOf(sections.getOrDefault(id, List.of()))));
        }
    }

    static String qualified(String folder, String lineId) {
        return folder + "/" + lineId;
    }

    /** The line's name, then its aliases, each once. */
    private static List<String> names(Map<String, String> r) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        if (value(r, "name") != null) {
            out.add(value(r, "name"));
        }
        out.addAll(split(value(r, "aliases")));
        return List.copyOf(out);
    }

    private static List<String> split(String s) {
        if (s == null) {
            return List.of();
        }
        return Stream.of(s.split("\\|")).map(String::trim).filter(x -> !x.isEmpty()).distinct().toList();
    }

    private static List<Map<String, String>> table(Path file, List<String> columns, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file.getParent().getFileName() + "/" + file.getFileName() + " is missing");
            return List.of();
        }
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class).with(schema)
                .readValues(file.toFile())) {
            List<Map<String, String>> rows = it.readAll();
            String name = file.getParent().getFileName() + "/" + file.getFileName();
            if (!rows.isEmpty()) {
                List<String> missing = columns.stream().filter(col -> !rows.get(0).containsKey(col)).toList();
                if (!missing.isEmpty()) {
                    problems.add(name + ": missing column(s) " + missing);
                    return List.of();
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            problems.add(file.getParent().getFileName() + "/" + file.getFileName() + " cannot be read: " + e.getMessage());
            return List.of();
        }
    }

    private static String value(Map<String, String> row, String column) {
        String v = row.get(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double number(String s) {
        try {
            return s == null ? null : Double.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
