package atlas.ingest;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps a table's header cells to canonical fields by header text, never by position.
 * Header text is normalised first (NFKC: full-width parens and digits; all spaces and line breaks removed)
 * and a trailing unit "(亿元)" / "(万元)" is set aside.
 *
 * @param headers header cells as printed
 * @param columns column index of each field found
 */
public record ColumnMap(List<String> headers, Map<Field, Integer> columns) {

    /** Canonical fields, each with its synonyms in order of preference. */
    public enum Field {
        SEQ("seq", "序号", "序号|编号"),
        NAME("name", "项目名称", "项目名称|重点实施项目名称|重大项目名称|重点项目名称|平台名称|重大平台名称|.*项目名称|.*平台名称|名称"),
        CONTENT("content", "建设规模和内容", "建设规模和内容|建设规模及内容|主要建设内容|建设内容|.*建设内容.*|建设规模.*"),
        LOCATION("location", "建设地点", "建设地点|项目地点|建设地址|所在地|所在地区|地点"),
        YEARS("years", "项目起止年限", "项目起止年限|建设起止年限|起止年限|建设年限|建设期限|.*起止年限.*|起止年份"),
        TOTAL_INVESTMENT("total_investment", "总投资", "总投资|计划总投资|项目总投资|.*总投资"),
        PLANNED_INVESTMENT("planned_investment", "年度计划投资", "年度计划投资|(\\d{4}年)?计划投资|\\d{4}年(度)?(计划)?投资|年度投资|.*年度.*投资"),
        PROGRESS("progress", "形象进度", "形象进度|(\\d{4}年(度)?)?形象进度.*|.*形象进度.*|(\\d{4}年)?项目进度|.*进度"),
        UNITS("units", "责任单位", "实施单位|责任单位|牵头单位|(责任|实施|牵头|建设|项目|业主)单位.*"),
        CODE("code", "项目代码", "项目代码|项目编码|.*项目代码.*|代码"),
        NATURE("nature", "建设性质", "建设性质|项目性质|性质"),
        CATEGORY("category", "项目类别", "项目类别|类别|项目类型|类型|分类");

        private final String key;
        private final String label;
        private final List<Pattern> synonyms;

        Field(String key, String label, String synonyms) {
            this.key = key;
            this.label = label;
            List<Pattern> list = new ArrayList<>();
            for (String s : synonyms.split("\\|(?![^()]*\\))")) {
                list.add(Pattern.compile(s));
            }
            this.synonyms = List.copyOf(list);
        }

        /** English key, e.g. total_investment. */
        public String key() {
            return key;
        }

        /** Chinese name used in messages, e.g. 总投资. */
        public String label() {
            return label;
        }
    }

    private static final Pattern UNIT = Pattern.compile("\\((亿元|万元|元|年|个)\\)$");

    public ColumnMap {
        headers = List.copyOf(headers);
        EnumMap<Field, Integer> copy = new EnumMap<>(Field.class);
        copy.putAll(columns);
        columns = Collections.unmodifiableMap(copy);
    }

    /** Maps whatever headers it can; a missing field is simply absent. */
    public static ColumnMap match(List<String> headers) {
        List<String> keys = headers.stream().map(ColumnMap::matchKey).toList();
        Map<Field, Integer> found = new EnumMap<>(Field.class);
        boolean[] taken = new boolean[keys.size()];
        for (Field field : Field.values()) {
            search:
            for (Pattern p : field.synonyms) {
                for (int i = 0; i < keys.size(); i++) {
                    if (!taken[i] && !keys.get(i).isEmpty() && p.matcher(keys.get(i)).matches()) {
                        found.put(field, i);
                        taken[i] = true;
                        break search;
                    }
                }
            }
        }
        return new ColumnMap(headers, found);
    }

    /** Like {@link #match} but a table without a name column is an error naming the table and its headers. */
    public static ColumnMap require(String fileName, String table, List<String> headers) throws DocumentException {
        ColumnMap map = match(headers);
        if (!map.has(Field.NAME)) {
            throw new DocumentException(fileName, "table '" + table + "' has no name column"
                    + " (项目名称 / 重点实施项目名称 / 平台名称); headers found: " + headers);
        }
        return map;
    }

    /** Full-width to half-width (NFKC), all whitespace and line breaks removed. */
    public static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s\\u00a0\\u3000]+", "");
    }

    /** The normalised header without a trailing unit such as (亿元). */
    static String matchKey(String header) {
        return UNIT.matcher(normalise(header)).replaceFirst("");
    }

    /** True when some cell reads 序号: the row is a header (first or repeated after a page break). */
    public static boolean isHeaderRow(List<String> cells) {
        return cells.stream().anyMatch(c -> normalise(c).equals("序号"));
    }

    public boolean has(Field field) {
        return columns.containsKey(field);
    }

    /** The header as printed for a field. */
    public Optional<String> header(Field field) {
        Integer i = columns.get(field);
        return i == null ? Optional.empty() : Optional.of(headers.get(i));
    }

    /** The trimmed cell of a field in a row of cells, "" when the field or the cell is missing. */
    public String value(Field field, List<String> cells) {
        Integer i = columns.get(field);
        return i == null || i >= cells.size() ? "" : cells.get(i).strip();
    }

    /** True when the field's header says its amounts are in 万元 (converted to 亿元 by the parser). */
    public boolean inTenThousandYuan(Field field) {
        return header(field).map(h -> normalise(h).contains("万元")).orElse(false);
    }
}
