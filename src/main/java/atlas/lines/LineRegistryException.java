package atlas.lines;

import java.util.List;

/** The registry files are wrong: every problem found, each naming its folder, file, row and line. */
public final class LineRegistryException extends RuntimeException {
    private final List<String> problems;

    public LineRegistryException(List<String> problems) {
        super("the line registry is not loaded (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
