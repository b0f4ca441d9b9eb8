package atlas.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Some text exports print a table one cell per line: each cell on a line of its own after a TAB, rows
 * separated by blank lines, a cell that wraps continuing on lines without the TAB (seed 004, 杭州's task
 * breakdown). This turns such text into the one-row-per-line TAB layout {@link TextTableReader} reads.
 * <ul>
 *   <li>a page break can put a blank line inside a row: a block with fewer cells than the header joins the
 *       blocks after it until it has as many (a lone section cell such as （一）… is a row of its own);</li>
 *   <li>a text line directly above a header row is that table's title; its numbering (一、) is dropped so
 *       the table reader takes it as a title and not as a section of the table above.</li>
 * </ul>
 *
 * @param text         the rows, one per line
 * @param originalLine for each line of text (0-based), the line of the original it starts on (1-based)
 */
public record StackedCellText(String text, int[] originalLine) {
    private static final Pattern NUMBERING = Pattern.compile("^[一二三四五六七八九十]+\\s*[、.．]\\s*");

    /** True when most TAB lines hold one cell after a leading TAB: the stacked layout. */
    public static boolean isStacked(String text) {
        int tabbed = 0;
        int stacked = 0;
        for (String line : text.split("\\r?\\n|\\r")) {
            if (line.indexOf('\t') >= 0) {
                tabbed++;
                if (line.startsWith("\t") && line.indexOf('\t', 1) < 0) {
                    stacked++;
                }
            }
        }
        return tabbed > 0 && stacked * 10 >= tabbed * 9;
    }

    /** A run of lines between blank lines: text lines before its first cell, then its cells. */
    private record Block(int firstLine, List<String> text, int cellLine, List<String> cells) {
    }

    /** The same tables, one row per line with TAB-separated cells. */
    public static StackedCellText toRows(String text) {
        List<Block> blocks = blocks(text.split("\\r?\\n|\\r", -1));
        List<String> out = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        int width = 0;
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            List<String> cells = new ArrayList<>(block.cells());
            boolean header = ColumnMap.isHeaderRow(cells);
            boolean headerFollows = header || cells.isEmpty() && b + 1 < blocks.size()
                    && ColumnMap.isHeaderRow(blocks.get(b + 1).cells());
            for (int i = 0; i < block.text().size(); i++) {
                String l = block.text().get(i);
                out.add(headerFollows ? NUMBERING.matcher(l).replaceFirst("") : l);
                origin.add(block.firstLine() + i);
            }
            if (cells.isEmpty()) {
                continue;
            }
            if (header) {
                width = cells.size();
            } else if (!(cells.size() == 1 && Values.isSection(cells.get(0)))) {
                while (cells.size() < width && b + 1 < blocks.size() && blocks.get(b + 1).text().isEmpty()
                        && cells.size() + blocks.get(b + 1).cells().size() <= width
                        && !ColumnMap.isHeaderRow(blocks.get(b + 1).cells())) {
                    cells.addAll(blocks.get(++b).cells());
                }
            }
            // One cell alone keeps a TAB before it, so it stays a row (a section such as （一）…).
            out.add((cells.size() == 1 ? "\t" : "") + String.join("\t", cells));
            origin.add(block.cellLine());
        }
        return new StackedCellText(String.join("\n", out), origin.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The original line (1-based) of a line of {@link #text} (1-based). */
    public int original(int line) {
        return line >= 1 && line <= originalLine.length ? originalLine[line - 1] : line;
    }

    private static List<Block> blocks(String[] lines) {
        List<Block> blocks = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lines.length; i++) {
            // A TAB alone is an empty cell, not a break.
            boolean blank = i == lines.length || lines[i].isBlank() && lines[i].indexOf('\t') < 0;
            if (blank && start >= 0) {
                blocks.add(block(lines, start, i));
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
        return blocks;
    }

    /** Cells of lines[from, to): a TAB starts a cell, a line without one continues the cell above. */
    private static Block block(String[] lines, int from, int to) {
        List<String> text = new ArrayList<>();
        int i = from;
        while (i < to && !lines[i].startsWith("\t")) {
            text.add(lines[i].strip());
            i++;
        }
        int cellLine = i + 1;
        List<String> cells = new ArrayList<>();
        for (; i < to; i++) {
            String l = lines[i];
            if (l.startsWith("\t")) {
                cells.add(l.substring(1).replace('\t', ' ').strip());
            } else {
                int last = cells.size() - 1;
                cells.set(last, (cells.get(last) + " " + l.strip()).strip());
            }
        }
        return new Block(from + 1, text, cellLine, cells);
    }
}
