package atlas.export;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;

/** projects.csv: UTF-8 with a BOM (so Excel reads the Chinese right), RFC 4180 quoting, CRLF lines. */
final class CsvTable {
    private final Writer out;

    CsvTable(Writer out) throws IOException {
        this.out = out;
        out.write('\uFEFF');
        row(List.copyOf(ProjectRow.HEADERS));
    }

    void row(List<?> values) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(values.get(i)));
        }
        out.write("\r\n");
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof BigDecimal d ? plain(d) : v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** 196.0000 -> 196, 12.3450 -> 12.345 */
    static String plain(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
}
