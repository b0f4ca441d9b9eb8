package atlas.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * How one table was read, for the import report.
 *
 * @param headerRows number of rows the header spans (1 to 3)
 * @param units      per money column as printed: the unit read and where it was read, e.g. "万元 (caption: 单位：万元)"
 * @param mapped     header as printed → field key, in column order
 * @param unmapped   headers no synonym maps: their cells are kept in the raw row only
 * @param totals     合计 / 小计 / 总计 rows and section subtotals, each checked against the sum of its rows
 */
public record TableReading(int headerRows, Map<String, String> units, Map<String, String> mapped,
                           List<String> unmapped, List<TotalCheck> totals) {

    static final TableReading NONE = new TableReading(1, Map.of(), Map.of(), List.of(), List.of());

    public TableReading {
        units = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(units));
        mapped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapped));
        unmapped = List.copyOf(unmapped);
        totals = List.copyOf(totals);
    }

    /**
     * One printed total compared with the sum of the rows it covers. Amounts in 亿元.
     *
     * @param label    the row's label as printed (合计, 小计, 一、交通工程 for a section's subtotal)
     * @param line     the row's line (text/CSV) or row number (sheets)
     * @param scope    what it sums: "table", or the section's name
     * @param field    total_investment or planned_investment
     * @param printed  the printed total in 亿元
     * @param summed   the sum of the covered rows in 亿元
     * @param rows     projects covered
     * @param withoutAmount covered projects without an amount in this field (not in the sum)
     * @param matches  true when the two agree to the printed total's precision
     */
    public record TotalCheck(String label, int line, String scope, String field, BigDecimal printed, BigDecimal summed,
                             int rows, int withoutAmount, boolean matches) {
    }
}
