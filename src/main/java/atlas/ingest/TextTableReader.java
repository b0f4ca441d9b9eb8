package atlas.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads TAB-separated tables from a text export of an official document.
 * A table starts at a title line ('附表 4', '附4', '附件2', '附表4-1') followed by a header row holding 序号;
 * the line(s) between title and header are its caption. The table runs until the next title line or a line of
 * body text (no TAB, not a section heading). Blank lines are page breaks; repeated headers, section rows and
 * wrapped rows are handled by {@link TableBuilder}. A header row with no title above takes the nearest text line
 * above as its title.
 */
public final class TextTableReader {
    private TextTableReader() {
    }

    private static final Pattern TITLE = Pattern.compile("^(附表|附件|附)\\s*[0-9０-９]+(\\s*[-－]\\s*[0-9]+)?\\s*[:：]?$");

    /** Tables in document order (possibly none). */
    public static List<ParsedTable> read(String text) {
        List<ParsedTable> tables = new ArrayList<>();
        String[] lines = text.split("\\r?\\n|\\r", -1);
        String title = null;
        StringBuilder caption = new StringBuilder();
        String lastText = null;
        TableBuilder table = null;
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            String trimmed = line.strip();
            if (line.indexOf('\t') < 0) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (TITLE.matcher(trimmed).matches()) {
                    table = finish(table, tables);
                    title = trimmed.replaceAll("\\s+", "");
                    caption.setLength(0);
                } else if (table != null && Values.isSection(trimmed)) {
                    table.accept(new RawRow(lineNo, lineNo, List.of(trimmed), line));
                } else if (table != null) {
                    table = finish(table, tables);
                    title = null;
                    lastText = trimmed;
                } else if (title != null) {
                    caption.append(caption.length() == 0 ? "" : " ").append(trimmed);
                } else {
                    lastText = trimmed;
                }
                continue;
            }
            List<String> cells = Arrays.asList(line.split("\t", -1));
            if (table != null) {
                table.accept(new RawRow(lineNo, lineNo, cells, line));
            } else if (ColumnMap.isHeaderRow(cells)) {
                String name = title != null ? title : lastText != null ? lastText : "表" + (tables.size() + 1);
                String cap = title != null ? caption.toString() : "";
                List<String> headers = TableBuilder.headerCells(cells);
                table = new TableBuilder(name, cap, ColumnMap.match(headers));
                title = null;
            }
        }
        finish(table, tables);
        return tables;
    }

    private static TableBuilder finish(TableBuilder table, List<ParsedTable> tables) {
        if (table != null) {
            tables.add(table.build());
        }
        return null;
    }
}
