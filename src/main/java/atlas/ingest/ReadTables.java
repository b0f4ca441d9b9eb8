package atlas.ingest;

import java.util.List;

/**
 * The tables a container (workbook, Word document) holds, and the sheets or tables left out with why.
 *
 * @param tables  tables with a project name column, in order
 * @param skipped e.g. "sheet 说明: no header with a name column (项目名称 …); first row: [填表说明]"
 */
public record ReadTables(List<ParsedTable> tables, List<String> skipped) {
    public ReadTables {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
    }
}
