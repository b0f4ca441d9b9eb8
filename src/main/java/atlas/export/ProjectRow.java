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
                  String source, String table, String seq, JsonNode geometry) {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * Column headers, in order: 编号 (the feature id of the API) … 序号. 来源文件 is the document's title
     * (its file name when it has none); 文件名 keeps the file as provenance.
     */
    static final List<String> HEADERS = List.of("编号", "名称", "项目代码", "类别", "建设性质", "总投资(亿元)",
            "年度计划投资(亿元)", "起始年", "结束年", "区县", "地级市", "定位精度", "定位依据", "规划区域", "来源文件", "文号",
            "文件名", "表", "序号");

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
                text(p, "seq"), f.path("geometry"));
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
        return v;
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
