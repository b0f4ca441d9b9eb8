package atlas.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Maps a table's header cells to canonical fields by header text, never by position.
 * Header text is normalised first (NFKC: full-width parens and digits; all spaces and line breaks removed)
 * and a trailing unit "(亿元)" / "(万元)" is set aside. The synonyms are data, not code: they are read from
 * {@code header-synonyms.tsv} beside this class. A header of two or three rows is given as its path
 * (投资 over 总投资 prints as 投资/总投资); its lowest row is matched first, then the rows joined.
 *
 * @param headers header cells as printed (a multi-row header as its path joined by '/')
 * @param columns column index of each field found
 */
public record ColumnMap(List<String> headers, Map<Field, Integer> columns) {

    /** Canonical fields; their synonyms are in header-synonyms.tsv. */
    public enum Field {
        SEQ("seq", "序号"),
        NAME("name", "项目名称"),
        CONTENT("content", "建设规模和内容"),
        LOCATION("location", "建设地点"),
        YEARS("years", "项目起止年限"),
        TOTAL_INVESTMENT("total_investment", "总投资"),
        PLANNED_INVESTMENT("planned_investment", "年度计划投资"),
        PROGRESS("progress", "形象进度"),
        UNITS("units", "责任单位"),
        CODE("code", "项目代码"),
        NATURE("nature", "建设性质"),
        CATEGORY("category", "项目类别"),
        /** A column saying which unit (万元 / 亿元 / 元) the amounts of its row are in. */
        MONEY_UNIT("money_unit", "单位");

        private final String key;
        private final String label;

        Field(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** English key, e.g. total_investment. */
        public String key() {
            return key;
        }

        /** Chinese name used in messages, e.g. 总投资. */
        public String label() {
            return label;
        }

        /** The fields that hold amounts of money. */
        public boolean isMoney() {
            return this == TOTAL_INVESTMENT || this == PLANNED_INVESTMENT;
        }
    }

    /** Separator of the rows of a multi-row header in {@link #headers()}. */
    public static final String PATH_SEPARATOR = "/";

    private static final Pattern UNIT = Pattern.compile("\\((亿元|万元|元|年|个)\\)$");

    private static final Map<Field, List<Pattern>> SYNONYMS = loadSynonyms();

    public ColumnMap {
        headers = List.copyOf(headers);
        EnumMap<Field, Integer> copy = new EnumMap<>(Field.class);
        copy.putAll(columns);
        columns = Collections.unmodifiableMap(copy);
    }

    /** The synonyms of a field, in order of preference (from header-synonyms.tsv). */
    public static List<Pattern> synonyms(Field field) {
        return SYNONYMS.getOrDefault(field, List.of());
    }

    /** Maps whatever headers it can; a missing field is simply absent. */
    public static ColumnMap match(List<String> headers) {
        return matchPaths(headers.stream().map(List::of).toList());
    }

    /**
     * Maps a header of one or more rows: each column given as its path from the top row down (repeats of a
     * merged cell already removed). The lowest row's text is tried first, then the rows joined.
     */
    public static ColumnMap matchPaths(List<List<String>> paths) {
        List<String> headers = new ArrayList<>();
        List<List<String>> keys = new ArrayList<>();
        for (List<String> path : paths) {
            List<String> parts = path.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            headers.add(String.join(PATH_SEPARATOR, parts));
            List<String> k = new ArrayList<>();
            if (!parts.isEmpty()) {
                k.add(matchKey(parts.get(parts.size() - 1)));
                if (parts.size() > 1) {
                    k.add(parts.stream().map(ColumnMap::matchKey).reduce("", String::concat));
                }
            }
            keys.add(k);
        }
        Map<Field, Integer> found = new EnumMap<>(Field.class);
        boolean[] taken = new boolean[keys.size()];
        for (Field field : Field.values()) {
            search:
            for (Pattern p : synonyms(field)) {
                for (int i = 0; i < keys.size(); i++) {
                    if (taken[i]) {
                        continue;
                    }
                    for (String key : keys.get(i)) {
                        if (!key.isEmpty() && p.matcher(key).matches()) {
                            found.put(field, i);
                            taken[i] = true;
                            break search;
                        }
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

    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\u3000]+");

    /** Full-width to half-width (NFKC), all whitespace and line breaks removed. */
    public static String normalise(String text) {
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC)).replaceAll("");
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
        return headerUnit(field).filter(u -> u == MoneyUnit.WAN).isPresent();
    }

    /** The unit the field's own header names (总投资（万元）, 投资(亿元)/总投资), if any. */
    public Optional<MoneyUnit> headerUnit(Field field) {
        return header(field).flatMap(MoneyUnit::inHeader);
    }

    /** Each mapped header as printed with the key of its field, in column order. */
    public Map<String, String> mapped() {
        Map<Integer, Field> byColumn = new java.util.TreeMap<>();
        columns.forEach((f, i) -> byColumn.put(i, f));
        Map<String, String> out = new LinkedHashMap<>();
        byColumn.forEach((i, f) -> out.put(headers.get(i), f.key()));
        return out;
    }

    /** Headers that no synonym maps to a field, as printed (blank headers left out). */
    public List<String> unmapped() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            if (!columns.containsValue(i) && !headers.get(i).isBlank()) {
                out.add(headers.get(i));
            }
        }
        return out;
    }

    private static Map<Field, List<Pattern>> loadSynonyms() {
        Map<String, Field> byKey = new LinkedHashMap<>();
        for (Field f : Field.values()) {
            byKey.put(f.key(), f);
        }
        Map<Field, List<Pattern>> out = new EnumMap<>(Field.class);
        try (InputStream in = ColumnMap.class.getResourceAsStream("header-synonyms.tsv")) {
            if (in == null) {
                throw new IllegalStateException("header-synonyms.tsv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                Field field = byKey.get(parts[0].strip());
                if (field == null || parts.length < 2 || parts[1].isBlank()) {
                    throw new IllegalStateException("header-synonyms.tsv line " + n + ": expected '<field key> TAB <regex>'"
                            + " with a key among " + byKey.keySet() + ", got '" + line + "'");
                }
                out.computeIfAbsent(field, f -> new ArrayList<>()).add(Pattern.compile(parts[1].strip()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.replaceAll((f, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(out);
    }
}
