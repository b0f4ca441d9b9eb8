package atlas.ingest;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small parsers for cell values; each returns empty when the cell holds no value. */
final class Values {
    /** Cells that mean "no value" (待核定 = to be determined). */
    static final Set<String> PLACEHOLDERS = Set.of("", "-", "--", "---", "—", "——", "/", "\\", "无", "暂无", "待定", "待核定", "待测算", "n/a", "N/A");

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    private static final Pattern YEAR_RANGE = Pattern.compile("((?:19|20)\\d{2})\\s*年?\\s*(?:[-~至到]|—+|–)\\s*((?:19|20)\\d{2})?\\s*年?");
    private static final Pattern ONE_YEAR = Pattern.compile("((?:19|20)\\d{2})\\s*年?");
    private static final Pattern UNIT_SPLIT = Pattern.compile("\\s*[、，,;；/／]\\s*");
    private static final Pattern SECTION = Pattern.compile("^[一二三四五六七八九十百]+\\s*[、.．]\\s*(.*)$|^[(（][一二三四五六七八九十百]+[)）]\\s*(.*)$");

    /** A count after a section's name: （5项）, (共12个项目), （3个）. */
    private static final Pattern SECTION_COUNT = Pattern.compile("\\s*[(（][^()（）]*?\\d+\\s*(个项目|项|个)[^()（）]*[)）]$");
    /** A bare ordinal in a 序号 cell: 一 / 二十 / （一）. */
    private static final Pattern ORDINAL = Pattern.compile("^([一二三四五六七八九十百]+|[(（][一二三四五六七八九十百]+[)）])[、.．]?$");
    /** The label of a totals row: 合计, 小计, 总计, 共计, 全市合计, 合计（10项）. */
    private static final Pattern TOTAL = Pattern.compile("^.{0,8}?(合计|小计|总计|共计)([(（][^()（）]*[)）])?[:：]?$");

    // Compiled once: these run on every cell of a list.
    private static final Pattern SPACES_AND_COMMAS = Pattern.compile("[\\s,]+");
    private static final Pattern DASHES = Pattern.compile("[-—–_/]+");
    private static final Pattern YI_SUFFIX = Pattern.compile("(亿元|亿)$");
    private static final Pattern ANY_UNIT_SUFFIX = Pattern.compile("(亿元|亿|万元|万|元)$");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[。.;；:：]+$");
    private static final Pattern BREAK_IN_LATIN = Pattern.compile("(?<=[A-Za-z])[ \\t]*[\\r\\n]+\\s*(?=[A-Za-z])");
    private static final Pattern LINE_BREAKS = Pattern.compile("\\s*[\\r\\n]+\\s*");
    private static final Pattern SPACE_RUNS = Pattern.compile("[ \\t\\u3000]+");

    private Values() {
    }

    /** The cell with NFKC folding (full-width digits and signs) and no spaces or thousands separators. */
    static String compact(String cell) {
        return SPACES_AND_COMMAS.matcher(Normalizer.normalize(cell, Normalizer.Form.NFKC)).replaceAll("");
    }

    static boolean isPlaceholder(String cell) {
        String c = compact(cell);
        return PLACEHOLDERS.contains(c) || DASHES.matcher(c).matches();
    }

    /** An amount in 亿元: "94.5", "94.5亿元", "1,234" ; empty for placeholders; null-free: text gives empty too. */
    static Optional<BigDecimal> amount(String cell, boolean tenThousandYuan) {
        String c = YI_SUFFIX.matcher(compact(cell)).replaceFirst("");
        if (!NUMBER.matcher(c).matches()) {
            return Optional.empty();
        }
        BigDecimal v = new BigDecimal(c.endsWith(".") ? c + "0" : c);
        return Optional.of(tenThousandYuan ? v.movePointLeft(4).stripTrailingZeros() : v);
    }

    /** The unit a cell prints after its number (12.5亿元, 125000万元), if any. */
    static Optional<MoneyUnit> cellUnit(String cell) {
        String c = compact(cell);
        if (c.endsWith("万元") || c.endsWith("万")) {
            return Optional.of(MoneyUnit.WAN);
        }
        if (c.endsWith("亿元") || c.endsWith("亿")) {
            return Optional.of(MoneyUnit.YI);
        }
        return c.endsWith("元") ? Optional.of(MoneyUnit.YUAN) : Optional.empty();
    }

    /** The number of a cell as printed (without a unit suffix), not converted. */
    static Optional<BigDecimal> number(String cell) {
        String c = ANY_UNIT_SUFFIX.matcher(compact(cell)).replaceFirst("");
        if (!NUMBER.matcher(c).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(c.endsWith(".") ? c + "0" : c));
    }

    /** True when {@link #amount} would read the cell as a number. */
    static boolean isAmount(String cell) {
        return NUMBER.matcher(YI_SUFFIX.matcher(compact(cell)).replaceFirst("")).matches();
    }

    /** Start and end year of '2019-2022', '2019—2025', '2019-2022 年', '2021' (start = end), '2019-' (no end). */
    static Optional<int[]> years(String cell) {
        String c = Normalizer.normalize(cell, Normalizer.Form.NFKC).strip();
        Matcher m = YEAR_RANGE.matcher(c);
        if (m.matches()) {
            int start = Integer.parseInt(m.group(1));
            return Optional.of(new int[]{start, m.group(2) == null ? 0 : Integer.parseInt(m.group(2))});
        }
        m = ONE_YEAR.matcher(c);
        if (m.matches()) {
            int y = Integer.parseInt(m.group(1));
            return Optional.of(new int[]{y, y});
        }
        return Optional.empty();
    }

    /** 责任单位 split on 、，,;；/ ; blanks dropped. */
    static List<String> units(String cell) {
        List<String> out = new ArrayList<>();
        for (String part : UNIT_SPLIT.split(cell.strip())) {
            if (!part.isBlank() && !isPlaceholder(part)) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** The category named by a section row ('一、交通节点新城开发工程。' gives 交通节点新城开发工程), or empty. */
    static Optional<String> sectionName(String cell) {
        Matcher m = SECTION.matcher(cell.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        return Optional.of(sectionTitle(name));
    }

    /** A section's name without trailing punctuation or a count such as （5项）. */
    static String sectionTitle(String name) {
        String n = TRAILING_PUNCTUATION.matcher(name.strip()).replaceAll("");
        n = SECTION_COUNT.matcher(n).replaceFirst("");
        return TRAILING_PUNCTUATION.matcher(n.strip()).replaceAll("");
    }

    /** 2 for a sub-section heading （一）..., 1 for 一、... ; 0 when the text is not a section heading. */
    static int sectionStyle(String cell) {
        String c = cell.strip();
        if (!SECTION.matcher(c).matches()) {
            return 0;
        }
        return c.startsWith("(") || c.startsWith("（") ? 2 : 1;
    }

    /** A 序号 cell holding only a section ordinal: 一 gives 1, （一） gives 2, else 0. */
    static int ordinalStyle(String cell) {
        if (cell.isEmpty() || Character.isDigit(cell.charAt(0))) {
            return 0;
        }
        String c = compact(cell);
        if (!ORDINAL.matcher(c).matches()) {
            return 0;
        }
        return c.startsWith("(") ? 2 : 1;
    }

    /** True for the label of a totals row: 合计 / 小计 / 总计 / 共计 (with a short prefix or a count). */
    static boolean isTotalLabel(String cell) {
        // 合计 / 小计 / 总计 / 共计 all hold 计: most cells are ruled out without normalising them.
        return cell.indexOf('计') >= 0 && cell.length() <= 24 && TOTAL.matcher(compact(cell)).matches();
    }

    /** True for 小计 (a section's total) rather than the table's 合计 / 总计. */
    static boolean isSubtotalLabel(String cell) {
        return compact(cell).contains("小计");
    }

    /** True for a section heading like 一、... or （一）... */
    static boolean isSection(String cell) {
        return SECTION.matcher(cell.strip()).matches();
    }

    /** Cell text for display: line breaks inside a cell removed, runs of spaces collapsed. */
    static String clean(String cell) {
        String joined = BREAK_IN_LATIN.matcher(cell).replaceAll(" ");
        return SPACE_RUNS.matcher(LINE_BREAKS.matcher(joined).replaceAll("")).replaceAll(" ").strip();
    }
}
