package atlas.ingest;

import java.util.List;
import java.util.Map;

/**
 * What one document import did. status: imported, unchanged (same content hash: nothing done), failed
 * (nothing changed) or dry_run (read and compared with the database, nothing written: the counts say what an
 * import would do). Every warning and rejection names table, 序号, line and field.
 *
 * @param skipped sheets or tables of the document left out, each with why (说明 sheets)
 * @param dryRun  true when nothing was written
 */
public record ImportReport(String file, String sha256, String status, String error,
                           int rowsRead, int added, int changed, int unchangedRows, int removed,
                           int withWarnings, int rejectedCount,
                           List<RowIssue> warnings, List<RowIssue> rejected, List<TableSummary> tables,
                           long millis, List<String> skipped, boolean dryRun) {

    /**
     * One table as read.
     *
     * @param headerRows   rows the header spans
     * @param units        per money column as printed: the unit read and where it was read
     * @param mapped       header as printed → field key
     * @param unmapped     headers no synonym maps (their cells are kept in the raw row only)
     * @param totals       合计 / 小计 / 总计 rows and section subtotals checked against the sum of their rows
     * @param rejectedRows the table's rejected rows with their reasons
     */
    public record TableSummary(String title, String caption, String kind, int projects, int rejected,
                               int headerRows, Map<String, String> units, Map<String, String> mapped,
                               List<String> unmapped, List<TableReading.TotalCheck> totals, List<RowIssue> rejectedRows) {

        static TableSummary of(ParsedTable t) {
            TableReading r = t.reading();
            return new TableSummary(t.title(), t.caption(), t.kind().name(), t.projects().size(), t.rejected().size(),
                    r.headerRows(), r.units(), r.mapped(), r.unmapped(), r.totals(),
                    t.rejected().stream().map(RejectedRow::reason).toList());
        }
    }

    public ImportReport(String file, String sha256, String status, String error,
                        int rowsRead, int added, int changed, int unchangedRows, int removed,
                        int withWarnings, int rejectedCount,
                        List<RowIssue> warnings, List<RowIssue> rejected, List<TableSummary> tables, long millis) {
        this(file, sha256, status, error, rowsRead, added, changed, unchangedRows, removed, withWarnings, rejectedCount,
                warnings, rejected, tables, millis, List.of(), false);
    }

    public static ImportReport failed(String file, String error) {
        return new ImportReport(file, null, "failed", error, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), 0);
    }

    /** The same report for a document that was read and compared but not written. */
    ImportReport asDryRun() {
        return new ImportReport(file, sha256, status.equals("imported") ? "dry_run" : status, error, rowsRead, added,
                changed, unchangedRows, removed, withWarnings, rejectedCount, warnings, rejected, tables, millis, skipped, true);
    }

    /** The same report with the document's skipped sheets or tables. */
    ImportReport withSkipped(List<String> notes) {
        return new ImportReport(file, sha256, status, error, rowsRead, added, changed, unchangedRows, removed,
                withWarnings, rejectedCount, warnings, rejected, tables, millis, notes, dryRun);
    }

    public int imported() {
        return added + changed + unchangedRows;
    }
}
