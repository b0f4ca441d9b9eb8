package atlas.cli;

import atlas.ingest.ImportReport;
import atlas.ingest.RowIssue;
import atlas.ingest.TableReading;

import java.io.PrintStream;

/** The terminal form of an import report. */
final class ImportPrinter {
    private ImportPrinter() {
    }

    static void print(ImportReport r, PrintStream out) {
        switch (r.status()) {
            case "failed" -> out.println(r.file() + ": FAILED, nothing changed: " + r.error());
            case "unchanged" -> out.println(r.file() + ": already imported (same content), nothing changed");
            default -> {
                out.printf("%s%s: %d rows read, %d imported (%d added, %d changed, %d unchanged), %d removed, %d with warnings, %d rejected, %d ms (%d rows/s)%n",
                        r.dryRun() ? "DRY RUN (nothing written) " : "",
                        r.file(), r.rowsRead(), r.imported(), r.added(), r.changed(), r.unchangedRows(), r.removed(),
                        r.withWarnings(), r.rejectedCount(), r.millis(), r.millis() == 0 ? r.rowsRead() * 1000L : r.rowsRead() * 1000L / r.millis());
                for (ImportReport.TableSummary t : r.tables()) {
                    printTable(t, out);
                }
                for (String s : r.skipped()) {
                    out.println("  skipped: " + s);
                }
                for (RowIssue w : r.warnings()) {
                    out.println("  warning: " + w.describe());
                }
                for (RowIssue x : r.rejected()) {
                    out.println("  rejected: " + x.describe());
                }
            }
        }
    }

    /** Per table: what was read, the units, the columns left out and the totals checked. */
    private static void printTable(ImportReport.TableSummary t, PrintStream out) {
        out.printf("  table %s%s: %d projects, %d rejected, header of %d row%s%n", t.title(),
                t.caption().isBlank() ? "" : " (" + t.caption() + ")", t.projects(), t.rejected(), t.headerRows(),
                t.headerRows() == 1 ? "" : "s");
        t.units().forEach((column, unit) -> out.println("    unit of " + column + ": " + unit));
        if (!t.unmapped().isEmpty()) {
            out.println("    columns not mapped (kept in the raw rows only): " + String.join(", ", t.unmapped()));
        }
        for (TableReading.TotalCheck c : t.totals()) {
            out.printf("    %s %s (line %d, %s): printed %s 亿元, %d rows sum to %s 亿元%s%n", c.matches() ? "total ok" : "TOTAL MISMATCH",
                    c.label(), c.line(), c.field(), c.printed().stripTrailingZeros().toPlainString(), c.rows(),
                    c.summed().stripTrailingZeros().toPlainString(), c.withoutAmount() > 0 ? " (" + c.withoutAmount() + " without amount)" : "");
        }
    }
}
