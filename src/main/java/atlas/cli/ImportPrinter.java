package atlas.cli;

import atlas.ingest.ImportReport;
import atlas.ingest.RowIssue;

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
                out.printf("%s: %d rows read, %d imported (%d added, %d changed, %d unchanged), %d removed, %d with warnings, %d rejected, %d ms (%d rows/s)%n",
                        r.file(), r.rowsRead(), r.imported(), r.added(), r.changed(), r.unchangedRows(), r.removed(),
                        r.withWarnings(), r.rejectedCount(), r.millis(), r.millis() == 0 ? r.rowsRead() * 1000L : r.rowsRead() * 1000L / r.millis());
                for (RowIssue w : r.warnings()) {
                    out.println("  warning: " + w.describe());
                }
                for (RowIssue x : r.rejected()) {
                    out.println("  rejected: " + x.describe());
                }
            }
        }
    }
}
