package atlas.export;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One project as a table row (CSV and XLSX), read from the feature JSON the items endpoint serves,
 * so the tables and projects.geojson always say the same thing.
 */
record ProjectRow(String id, String name, String codes, String category, String nature, BigDecimal totalInvestment,
                  BigDecimal plannedInvestment, Integer startYear, Integer endYear, String counties, String cities,
                  String precision, String methods, String planAreas, String sourceTitle, String sourceNumber,
                  String source, String table, String seq, String history, JsonNode entries, JsonNode geometry) {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * Column headers, in order: 编号 (the feature id of the API) … 历次清单条目. 来源文件 is the document's title
     * (its file name when it has none); 文件名 keeps the file as provenance.
     */
    static final List<String> HEADERS = List.of("编号", "名称", "项目代码", "类别", "建设性质", "总投资(亿元)",
            "年度计划投资(亿元)", "起始年", "结束年", "区县", "地级市", "定位精度", "定位依据", "规划区域", "来源文件", "文号",
            "文件名", "表", "序号", "历次清单条目");

    /** The 历次条目 sheet's columns: one row per list entry of an exported project. */
    static final List<String> ENTRY_HEADERS = List.of("项目名称", "清单年份", "清单", "表", "序号", "条目名称", "与本项目的关系",
            "总投资(亿元)", "年度计划投资(亿元)", "建设性质", "形象进度", "类别");

    static ProjectRow parse(String feature, Map<String, String> divisionNames) {
        JsonNode f;
        try {
            f = JSON.readTree(feature);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("feature JSON from SQL does not parse: " + e.getMessage(), e);
        }
        JsonNode p = f.path("properties");
        List<String> cities = new ArrayList<>();
        p.path("city_codes").forEach(c -> cities.add(divisionNames.getOrDefault(c.asText(), c.asText())));
        List<String> methods = new ArrayList<>();
        p.path("placement_methods").forEach(m -> methods.add(Labels.method(m.asText())));
        String source = text(p, "source");
        String title = text(p, "source_title");
        return new ProjectRow(f.path("id").asText(), text(p, "name"), join(p.path("project_codes")), text(p, "category"),
                text(p, "nature"),
                decimal(p, "total_investment"), decimal(p, "planned_investment"), integer(p, "start_year"),
                integer(p, "end_year"), join(p.path("county_names")), String.join("、", cities),
                Labels.precision(p.path("precision").isNull() ? null : p.path("precision").asText()),
                String.join("、", methods), join(p.path("plan_area_names")), title == null ? source : title,
                text(p, "source_number"), source, text(p, "table"),
                text(p, "seq"), history(p.path("entries")), p.path("entries"), f.path("geometry"));
    }

    /** The values in HEADERS order: String, BigDecimal, Integer or null. */
    List<Object> values() {
        List<Object> v = new ArrayList<>(HEADERS.size());
        v.add(id);
        v.add(name);
        v.add(codes);
        v.add(category);
        v.add(nature);
        v.add(totalInvestment);
        v.add(plannedInvestment);
        v.add(startYear);
        v.add(endYear);
        v.add(counties);
        v.add(cities);
        v.add(precision);
        v.add(methods);
        v.add(planAreas);
        v.add(sourceTitle);
        v.add(sourceNumber);
        v.add(source);
        v.add(table);
        v.add(seq);
        v.add(history);
        return v;
    }

    /** The 历次条目 rows of this project, each in ENTRY_HEADERS order. */
    List<List<Object>> entryRows() {
        List<List<Object>> out = new ArrayList<>();
        for (JsonNode e : entries) {
            List<Object> v = new ArrayList<>();
            v.add(name);
            v.add(integer(e, "list_year"));
            v.add(text(e, "list"));
            v.add(text(e, "table"));
            v.add(text(e, "seq"));
            v.add(text(e, "name"));
            v.add(relation(e));
            v.add(decimal(e, "total_investment"));
            v.add(decimal(e, "planned_investment"));
            v.add(text(e, "nature"));
            v.add(text(e, "progress"));
            v.add(text(e, "category"));
            out.add(v);
        }
        return out;
    }

    /** '2021年 附表4 序号87“金华理工学院项目” 27.93亿元（同一项目）；2023年 …（本条）'; empty for a project of one entry. */
    private static String history(JsonNode entries) {
        List<String> parts = new ArrayList<>();
        for (JsonNode e : entries) {
            JsonNode total = e.path("total_investment");
            parts.add((e.path("list_year").isNumber() ? e.path("list_year").asInt() + "年 " : "") + text(e, "table") + " 序号"
                    + text(e, "seq") + "“" + text(e, "name") + "”" + (total.isNumber() ? " " + total.decimalValue().stripTrailingZeros().toPlainString() + "亿元" : "")
                    + (e.path("nature").isTextual() ? " " + e.path("nature").asText() : "") + "（" + relation(e) + "）");
        }
        return parts.isEmpty() ? null : String.join("；", parts);
    }

    private static String relation(JsonNode e) {
        return switch (e.path("relation").asText()) {
            case "self" -> "本条";
            case "same" -> "同一项目";
            case "part" -> e.path("part_of").asText().equals("whole") ? "本项目为其一部分" : "其为本项目的一部分";
            case "related" -> "相关（分期/分段）";
            default -> e.path("relation").asText();
        };
    }

    private static String text(JsonNode p, String name) {
        JsonNode n = p.path(name);
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static BigDecimal decimal(JsonNode p, String name) {
        JsonNode n = p.path(name);
        return n.isNumber() ? n.decimalValue() : null;
    }

    private static Integer integer(JsonNode p, String name) {
        JsonNode n = p.path(name);
        return n.isNumber() ? n.intValue() : null;
    }

    private static String join(JsonNode array) {
        List<String> parts = new ArrayList<>();
        array.forEach(x -> parts.add(x.asText()));
        return String.join("、", parts);
    }
}
