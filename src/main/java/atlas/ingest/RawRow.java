package atlas.ingest;

import java.util.List;

/** One physical row as a reader found it: cells, the lines it spans (1-based) and its original text. */
record RawRow(int firstLine, int lastLine, List<String> cells, String raw) {
    RawRow {
        cells = List.copyOf(cells);
    }
}
