package atlas.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV export of a project list as one table titled with the file name.
 * Encoding: UTF-8 with or without BOM, else GBK/GB18030 (see {@link TextDecoding}). Quoted fields may hold
 * commas, quotes ("") and line breaks. The delimiter (comma, TAB or semicolon) is guessed from the first line.
 * The table is found as in a sheet ({@link GridTableReader}): title and unit lines above, a header of one to
 * three rows (a group label printed once over its first column), sections, totals.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /** The table of a CSV file (text already decoded). */
    public static ParsedTable read(String fileName, String text) throws DocumentException {
        char delimiter = guessDelimiter(text);
        List<RawRow> records = parse(text, delimiter);
        GridTableReader.Result result = GridTableReader.read(new Grid(fileName, List.of(), records, List.of()), fileName);
        if (result.table().isPresent()) {
            return result.table().get();
        }
        // No header with a name column: say which headers we saw.
        if (result.firstRow().isEmpty()) {
            throw new DocumentException(fileName, "no rows: the CSV holds no table");
        }
        throw new DocumentException(fileName, "table '" + fileName + "' has no name column"
                + " (项目名称 / 重点实施项目名称 / 平台名称); headers found: " + result.firstRow());
    }

    /** The most frequent of , TAB ; outside quotes on the first line. */
    static char guessDelimiter(String text) {
        int comma = 0;
        int tab = 0;
        int semi = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                if (c == ',') comma++;
                else if (c == '\t') tab++;
                else if (c == ';') semi++;
            }
        }
        if (tab > comma && tab >= semi) return '\t';
        if (semi > comma) return ';';
        return ',';
    }

    /** RFC 4180 records with the lines each spans (1-based) and its original text. */
    static List<RawRow> parse(String text, char delimiter) {
        List<RawRow> rows = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int firstLine = 1;
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < n && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') line++;
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' || c == '\n') {
                cells.add(cell.toString());
                cell.setLength(0);
                rows.add(new RawRow(firstLine, line, cells, text.substring(start, i)));
                cells = new ArrayList<>();
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') i++;
                line++;
                firstLine = line;
                start = i + 1;
            } else {
                cell.append(c);
            }
            i++;
        }
        if (cell.length() > 0 || !cells.isEmpty()) {
            cells.add(cell.toString());
            rows.add(new RawRow(firstLine, line, cells, text.substring(start)));
        }
        return rows;
    }
}
