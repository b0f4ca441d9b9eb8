package atlas.ingest;

/**
 * A warning or a rejection for one source row.
 *
 * @param table   table title, e.g. 附4
 * @param seq     序号 as printed ("" when the row has none)
 * @param line    first line (text/CSV) or row number (XLSX) of the row, 1-based; 0 for table-level issues
 * @param field   canonical field key (see {@link ColumnMap.Field#key()}), or "row" / "table"
 * @param message English text naming the Chinese field, e.g. "field 总投资 '约30亿' is not a number"
 */
public record RowIssue(String table, String seq, int line, String field, String message) {

    /** e.g. "附4 序号 12 (line 305): field 总投资 '约30亿' is not a number". */
    public String describe() {
        StringBuilder sb = new StringBuilder(table);
        if (!seq.isEmpty()) {
            sb.append(" 序号 ").append(seq);
        }
        if (line > 0) {
            sb.append(" (line ").append(line).append(')');
        }
        return sb.append(": ").append(message).toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
