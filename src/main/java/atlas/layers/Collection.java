package atlas.layers;

import java.util.List;

/**
 * A collection we serve. kind says which room's table holds it: divisions (gazetteer), plan areas
 * or projects. filter is the fixed SQL condition that picks its rows.
 */
public record Collection(String id, String title, String description, Kind kind, String filter,
                         List<String> properties) {
    public enum Kind { DIVISION, PLAN_AREA, PROJECT }

    static final List<String> DIVISION_PROPERTIES = List.of("code", "name", "level", "label_point", "parent_code",
            "boundary_source", "boundary_vintage");
    static final List<String> AREA_PROPERTIES = List.of("id", "kind", "name", "parent", "approximate", "clipped",
            "source", "assumption", "width_km", "members", "line", "project_count", "total_investment",
            "by_category", "by_nature");
    static final List<String> PROJECT_PROPERTIES = List.of("name", "source", "table", "seq", "category",
            "total_investment", "planned_investment", "start_year", "end_year", "nature", "location_text",
            "progress", "content", "responsible_units", "project_codes", "county_codes", "county_names",
            "city_codes", "precision", "placement_methods", "placement_evidence", "plan_areas", "plan_area_names", "lines");

    public static final List<Collection> ALL = List.of(
            new Collection("counties", "区县", "County-level divisions (区/县/县级市) of Zhejiang", Kind.DIVISION,
                    "d.level = 'county' AND d.valid_to IS NULL", DIVISION_PROPERTIES),
            new Collection("cities", "地级市", "The 11 cities of Zhejiang (union of their counties)", Kind.DIVISION,
                    "d.level = 'city' AND d.valid_to IS NULL", DIVISION_PROPERTIES),
            new Collection("province", "浙江省", "The province outline (union of the counties)", Kind.DIVISION,
                    "d.level = 'province'", DIVISION_PROPERTIES),
            new Collection("metros", "大都市区", "The four metropolitan areas and their cores", Kind.PLAN_AREA,
                    "a.kind IN ('metro', 'metro-core')", AREA_PROPERTIES),
            new Collection("new-districts", "省级新区", "Provincial new districts (shape: host counties, approximate)",
                    Kind.PLAN_AREA, "a.kind = 'new-district'", AREA_PROPERTIES),
            new Collection("corridors", "科创走廊与大通道", "Science corridors, open corridors, urban belts and garden belts",
                    Kind.PLAN_AREA, "a.kind IN ('science-corridor', 'corridor', 'urban-belt', 'garden-belt')", AREA_PROPERTIES),
            new Collection("coop-zones", "一体化合作先行区", "Integration cooperation zones", Kind.PLAN_AREA,
                    "a.kind = 'coop-zone'", AREA_PROPERTIES),
            new Collection("constructions", "四大建设", "大湾区, 大花园, 大通道, 大都市区 as areas", Kind.PLAN_AREA,
                    "a.kind = 'construction'", AREA_PROPERTIES),
            new Collection("projects", "项目", "Projects of the imported lists, placed on counties and plan areas",
                    Kind.PROJECT, "TRUE", PROJECT_PROPERTIES));

    public static java.util.Optional<Collection> byId(String id) {
        return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
