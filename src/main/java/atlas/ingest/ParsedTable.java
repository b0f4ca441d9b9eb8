package atlas.ingest;

import java.util.List;

/**
 * One table of a document.
 *
 * @param title    title line without spaces, e.g. 附表4 (or the file / sheet name)
 * @param caption  the list's name under the title, e.g. 浙江省大都市区建设 2021 年重大项目清单 ("" if none)
 * @param kind     projects, platforms or other
 * @param headers  header cells as printed
 * @param projects parsed rows (empty for OTHER tables)
 * @param rejected rows that could not become projects, with the reason
 * @param warnings every warning of the table: table-level ones and those of its projects, by line
 *                 (rejection reasons are in {@code rejected}, not here)
 * @param reading  how the table was read: units, mapped and unmapped columns, totals checked
 * @param lines    every physical row under the header except repeated headers, section and totals rows, unjoined
 */
public record ParsedTable(String title, String caption, TableKind kind, List<String> headers,
                          List<ProjectRecord> projects, List<RejectedRow> rejected, List<RowIssue> warnings,
                          TableReading reading, List<TableLine> lines) {

    public ParsedTable {
        headers = List.copyOf(headers);
        projects = List.copyOf(projects);
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
        lines = List.copyOf(lines);
    }

    /** A table read without notes on units, columns or totals, nor its physical rows. */
    public ParsedTable(String title, String caption, TableKind kind, List<String> headers,
                       List<ProjectRecord> projects, List<RejectedRow> rejected, List<RowIssue> warnings) {
        this(title, caption, kind, headers, projects, rejected, warnings, TableReading.NONE, List.of());
    }

    public ParsedTable(String title, String caption, TableKind kind, List<String> headers,
                       List<ProjectRecord> projects, List<RejectedRow> rejected, List<RowIssue> warnings,
                       TableReading reading) {
        this(title, caption, kind, headers, projects, rejected, warnings, reading, List.of());
    }
}
