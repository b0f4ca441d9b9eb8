package atlas.layers;

import atlas.cql2.Queryable;
import atlas.cql2.Queryable.Type;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a CQL2 filter may name in each collection, and the SQL each name stands for. */
public final class Queryables {
    private Queryables() {
    }

    private static Map<String, Queryable> of(Queryable... qs) {
        Map<String, Queryable> m = new LinkedHashMap<>();
        for (Queryable q : qs) {
            m.put(q.name(), q);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    static final Map<String, Queryable> PROJECT = of(
            new Queryable("name", "p.name", Type.STRING, "项目名称"),
            new Queryable("category", "p.category", Type.STRING, "类别"),
            new Queryable("nature", "p.nature", Type.STRING, "建设性质"),
            new Queryable("precision", "p.precision", Type.STRING, "定位精度 (site, county, counties, route, city, province, unknown)"),
            new Queryable("location_text", "p.location_text", Type.STRING, "建设地点"),
            new Queryable("progress", "p.progress", Type.STRING, "进度"),
            new Queryable("source", "(SELECT sd.file_name FROM source_document sd WHERE sd.id = p.document_id)", Type.STRING, "来源文件"),
            new Queryable("total_investment", "p.total_investment", Type.NUMBER, "总投资 (亿元)"),
            new Queryable("planned_investment", "p.planned_investment", Type.NUMBER, "计划投资 (亿元)"),
            new Queryable("start_year", "p.start_year", Type.YEAR, "开工年份"),
            new Queryable("end_year", "p.end_year", Type.YEAR, "完工年份"),
            new Queryable("years", "p.start_year|coalesce(p.end_year, p.start_year)", Type.YEARS, "建设年限 (开工年至完工年)"),
            new Queryable("county_codes", "ARRAY(SELECT pl.division_code FROM placement pl JOIN division d ON d.code = pl.division_code "
                    + "WHERE pl.project_id = p.id AND d.level = 'county')", Type.STRING_ARRAY, "所在区县代码",
                    "EXISTS (SELECT 1 FROM placement pl JOIN division d ON d.code = pl.division_code "
                    + "WHERE pl.project_id = p.id AND d.level = 'county' AND pl.division_code = ANY(%s))"),
            new Queryable("plan_areas", "p.plan_areas", Type.STRING_ARRAY, "所属规划区域"),
            new Queryable("project_codes", "p.project_codes", Type.STRING_ARRAY, "项目代码"),
            new Queryable("geometry", "p.geom", Type.GEOMETRY, "位置"));

    static final Map<String, Queryable> DIVISION = of(
            new Queryable("code", "d.code", Type.STRING, "行政区划代码"),
            new Queryable("name", "d.name", Type.STRING, "名称"),
            new Queryable("level", "d.level", Type.STRING, "级别 (province, city, county)"),
            new Queryable("parent_code", "d.parent_code", Type.STRING, "上级代码"),
            new Queryable("geometry", "d.geom", Type.GEOMETRY, "边界"));

    static final Map<String, Queryable> PLAN_AREA = of(
            new Queryable("id", "a.id", Type.STRING, "编号"),
            new Queryable("kind", "a.kind", Type.STRING, "类型"),
            new Queryable("name", "a.name", Type.STRING, "名称"),
            new Queryable("parent", "a.parent_id", Type.STRING, "上级区域"),
            new Queryable("members", "a.members", Type.STRING_ARRAY, "成员区县代码"),
            new Queryable("geometry", "a.geom", Type.GEOMETRY, "范围"));

    /** The work-items collection (worklists/), over 'work_item w'. The deadline compares as text, YYYY-MM-DD. */
    public static final Map<String, Queryable> WORK_ITEM = of(
            new Queryable("kind", "w.kind", Type.STRING, "类别 (reform, policy, platform, project, task)"),
            new Queryable("title", "w.title", Type.STRING, "名称"),
            new Queryable("content", "w.content", Type.STRING, "内容"),
            new Queryable("category", "w.category", Type.STRING, "分类"),
            new Queryable("source", "w.source", Type.STRING, "来源文件"),
            new Queryable("list", "w.list_title", Type.STRING, "清单"),
            new Queryable("deadline", "to_char(w.deadline, 'YYYY-MM-DD')", Type.STRING, "完成时限 (YYYY-MM-DD)"),
            new Queryable("deadline_text", "w.deadline_text", Type.STRING, "完成时限 (原文)"),
            new Queryable("lead_units", "w.lead_units", Type.STRING_ARRAY, "牵头单位"),
            new Queryable("other_units", "w.other_units", Type.STRING_ARRAY, "其他单位"),
            new Queryable("county_codes", "w.county_codes", Type.STRING_ARRAY, "所在区县代码"),
            new Queryable("city_codes", "w.city_codes", Type.STRING_ARRAY, "所在地级市代码"),
            new Queryable("plan_areas", "w.plan_areas", Type.STRING_ARRAY, "所属规划区域"),
            new Queryable("project_codes", "w.project_codes", Type.STRING_ARRAY, "项目代码"),
            new Queryable("precision", "w.precision", Type.STRING, "定位精度"),
            new Queryable("geometry", "w.geom", Type.GEOMETRY, "位置"));

    public static Map<String, Queryable> of(Collection col) {
        return switch (col.kind()) {
            case DIVISION -> DIVISION;
            case PLAN_AREA -> PLAN_AREA;
            case PROJECT -> PROJECT;
        };
    }

    /** The collection's queryables as a JSON Schema (OGC API - Features Part 3, /queryables). */
    public static Map<String, Object> schema(Collection col, String id) {
        return schema(col.title(), of(col), id);
    }

    /** Queryables as a JSON Schema, for a collection of another room (work-items). */
    public static Map<String, Object> schema(String title, Map<String, Queryable> queryables, String id) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (Queryable q : queryables.values()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("title", q.title());
            switch (q.type()) {
                case STRING -> p.put("type", "string");
                case NUMBER -> p.put("type", "number");
                case BOOLEAN -> p.put("type", "boolean");
                case YEAR -> p.put("type", "integer");
                case YEARS -> {
                    p.put("type", "array");
                    p.put("description", "an interval of whole years, for T_ predicates: [start_year, end_year]");
                    p.put("items", Map.of("type", "integer"));
                }
                case STRING_ARRAY -> {
                    p.put("type", "array");
                    p.put("items", Map.of("type", "string"));
                }
                case GEOMETRY -> p.put("format", "geometry-any");
            }
            props.put(q.name(), p);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", id);
        schema.put("type", "object");
        schema.put("title", title);
        schema.put("properties", props);
        schema.put("additionalProperties", false);
        return schema;
    }

    public static List<String> names(Collection col) {
        return List.copyOf(of(col).keySet());
    }
}
