package atlas.lines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The validated registry: every line by id, in a stable order (by id). Immutable. */
public final class LineRegistry {
    private final Map<String, Line> byId = new LinkedHashMap<>();

    public LineRegistry(List<Line> lines) {
        lines.stream().sorted(java.util.Comparator.comparing(Line::id)).forEach(l -> byId.put(l.id(), l));
    }

    public static LineRegistry empty() {
        return new LineRegistry(List.of());
    }

    public List<Line> lines() {
        return List.copyOf(byId.values());
    }

    public Optional<Line> line(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }
}
