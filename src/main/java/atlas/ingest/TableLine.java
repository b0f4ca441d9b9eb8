package atlas.ingest;

import java.util.List;
import java.util.Optional;

/**
 * One physical row under a table's header as the reader met it, before wrapped rows are joined:
 * what other lists (改革, 政策, 任务) need, whose unnumbered rows are items of their own.
 *
 * @param firstLine first line (text/CSV) or row number (XLSX), 1-based
 * @param lastLine  last line of the row
 * @param cells     cells as printed
 * @param category  the section row above it (一、… / （一）…), if any
 * @param raw       the original line(s)
 */
public record TableLine(int firstLine, int lastLine, List<String> cells, Optional<String> category, String raw) {
    public TableLine {
        cells = List.copyOf(cells);
    }
}
