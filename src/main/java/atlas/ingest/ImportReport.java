package atlas.ingest;

import java.util.List;

/**
 * What one document import did. status: imported, unchanged (same content hash: nothing done) or
 * failed (nothing changed). Every warning and rejection names table, 序号, line and field.
 */
public record ImportReport(String file, String sha256, String status, String error,
                           int rowsRead, int added, int changed, int unchangedRows, int removed,
                           int withWarnings, int rejectedCount,
                           List<RowIssue> warnings, List<RowIssue> rejected, List<TableSummary> tables,
                           long millis) {
    public record TableSummary(String title, String caption, String kind, int projects, int rejected) {
    }

    public static ImportReport failed(String file, String error) {
        return new ImportReport(file, null, "failed", error, 0, 0, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), 0);
    }

    public int imported() {
        return added + changed + unchangedRows;
    }
}
