package atlas.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One row of a source table as printed, after wrapped lines are joined.
 *
 * @param tableTitle table title, e.g. 附表4
 * @param seq        序号 as printed ("" if none)
 * @param firstLine  first line (text/CSV) or row number (XLSX), 1-based
 * @param lastLine   last line of the row, including continuation lines
 * @param category   category from the last section row above (e.g. 交通节点新城开发工程)
 * @param cells      cell text keyed by the original header, in column order
 * @param raw        the original lines of the row, joined by '\n'
 */
public record SourceRow(String tableTitle, String seq, int firstLine, int lastLine,
                        Optional<String> category, Map<String, String> cells, String raw) {

    public SourceRow {
        cells = Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** The cell under a header as printed, "" when absent. */
    public String cell(String header) {
        return cells.getOrDefault(header, "");
    }
}
