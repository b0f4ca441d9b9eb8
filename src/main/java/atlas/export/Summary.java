package atlas.export;

import atlas.layers.ProjectStats;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** summary.json (machine-readable) and README.txt (Chinese) of a snapshot: the same numbers twice. */
final class Summary {
    private static final Map<String, String> FILE_NOTES = new LinkedHashMap<>();

    static {
        FILE_NOTES.put("areas.geojson", "区域边界、区域内的区县、与区域相交的规划区域（kind 类型 / name 名称 / approximate=true 表示示意范围），RFC 7946，WGS84 经纬度");
        FILE_NOTES.put("projects.geojson", "项目要素，RFC 7946，WGS84 经纬度；属性与 /collections/projects/items 相同；按来源文件和行号排序");
        FILE_NOTES.put("projects.csv", "项目表，UTF-8（带 BOM，Excel 可直接打开），每个项目一行");
        FILE_NOTES.put("projects.xlsx", "项目表（冻结表头，金额单位亿元，末行合计）与“汇总”工作表（按区县、按类别）");
        FILE_NOTES.put("work-items.csv", "区域内的清单事项（重大改革、政策、平台、项目、任务），UTF-8 带 BOM，每项一行，逾期在前");
        FILE_NOTES.put("work-items.xlsx", "同上，每类一个工作表：重大改革、重大政策、重大平台、重大项目、重点任务");
        FILE_NOTES.put("map.png", "项目分布图，A4 横向 150 dpi（1754×1240 像素）");
        FILE_NOTES.put("map.svg", "同一张图的矢量版本（SVG）");
        FILE_NOTES.put("summary.json", "本说明中的数字（机器可读）");
        FILE_NOTES.put("README.txt", "本说明");
    }

    private Summary() {
    }

    static Map<String, Object> of(SnapshotRequest req, ProjectStats.Stats byCounty, ProjectStats.Stats byCity, ProjectStats.Stats byCategory,
                                  ProjectStats.Stats byPrecision, ProjectStats.Stats bySource, List<ExportSql.SourceDocument> docs,
                                  List<ExportSql.Boundary> boundaries, long plotted, List<String> files) {
        Region r = req.region();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", r.name() + "“四大建设”项目快照");
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
        if (r.kind() == Region.Kind.BBOX) {
            r.bbox().ifPresent(b -> region.put("bbox", List.of(b[0], b[1], b[2], b[3])));
        } else {
            region.put(r.kind() == Region.Kind.AREA ? "id" : "code", r.key());
        }
        region.put("name", r.name());
        m.put("region", region);
        m.put("filters", req.filters().asParameters());
        Map<String, String> query = req.projectFilter().asParameters();
        m.put("project_query", query);
        m.put("generated_at", req.generatedAt().toString());
        if (req.formats().contains(SnapshotRequest.Format.GPKG) || req.formats().contains(SnapshotRequest.Format.SHP)) {
            m.put("gpkg_shp_crs", req.crs().uri());
        }
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("source_documents", docs.stream().map(d -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("title", d.title());
            x.put("number", d.number());
            x.put("date", d.date());
            x.put("label", d.label());
            x.put("file_name", d.fileName());
            x.put("sha256", d.sha256());
            return x;
        }).toList());
        version.put("boundaries", boundaries.stream().map(b -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("source", b.source());
            x.put("vintage", b.vintage());
            x.put("counties", b.counties());
            return x;
        }).toList());
        m.put("data_version", version);
        m.put("count", byCategory.count());
        m.put("total_investment", orZero(byCategory.totalInvestment()));
        m.put("unit", "亿元");
        m.put("counting", req.projectFilter().counting());
        m.put("counting_note", req.projectFilter().entries() ? atlas.identity.Counting.NOTE_ENTRIES : atlas.identity.Counting.NOTE_PROJECTS);
        m.put("precision", precision(byPrecision));
        m.put("by_city", groups(byCity));
        m.put("by_county", groups(byCounty));
        m.put("by_category", groups(byCategory));
        m.put("by_source", groups(bySource));
        if (plotted >= 0) {
            m.put("on_map", Map.of("plotted", plotted, "not_plotted", byCategory.count() - plotted));
        }
        m.put("notes", List.of(
                "a project placed in several counties or cities counts, with its whole investment, in each of them (by_county, by_city)",
                "total_investment sums the projects whose 总投资 is known; '待核定' counts as nothing",
                "reproduce with /collections/projects/items?" + qs(query) + "&limit=10000 and /api/stats?" + qs(query)));
        m.put("files", files);
        return m;
    }

    private static List<Map<String, Object>> precision(ProjectStats.Stats s) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<ProjectStats.Group> groups = new ArrayList<>(s.groups());
        groups.sort((a, b) -> Integer.compare(rank(a.key()), rank(b.key())));
        for (ProjectStats.Group g : groups) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("precision", g.key());
            x.put("label", Labels.precision(g.key()));
            x.put("count", g.count());
            x.put("share", s.count() == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(g.count()).divide(BigDecimal.valueOf(s.count()), 4, RoundingMode.HALF_UP));
            x.put("total_investment", orZero(g.totalInvestment()));
            out.add(x);
        }
        return out;
    }

    private static int rank(String precision) {
        int i = Labels.PRECISION_ORDER.indexOf(precision);
        return i < 0 ? Labels.PRECISION_ORDER.size() : i;
    }

    private static List<Map<String, Object>> groups(ProjectStats.Stats s) {
        return s.groups().stream().map(g -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("key", g.key());
            x.put("name", g.name());
            x.put("count", g.count());
            x.put("total_investment", orZero(g.totalInvestment()));
            return x;
        }).toList();
    }

    @SuppressWarnings("unchecked")
    static String readme(SnapshotRequest req, Map<String, Object> m) {
        Region r = req.region();
        StringBuilder sb = new StringBuilder("\uFEFF");
        line(sb, "浙江“四大建设”项目快照 — " + r.name());
        line(sb, "=".repeat(40));
        line(sb, "区域：" + r.name() + (r.kind() == Region.Kind.BBOX ? "" : "（" + r.key() + "，" + kind(r.kind()) + "）"));
        line(sb, "筛选条件：" + Labels.filters(req.filters().asParameters()));
        line(sb, "生成时间：" + Labels.dateTimeZh(req.generatedAt()) + "（" + req.generatedAt() + "）");
        line(sb, "项目数：" + m.get("count") + " 个；总投资合计：" + Labels.yi((BigDecimal) m.get("total_investment"))
                + " 亿元（总投资待核定的项目不计入合计）");
        line(sb, "计数方式：" + m.get("counting_note"));
        if (m.get("on_map") instanceof Map<?, ?> onMap) {
            line(sb, "图上标出：" + onMap.get("plotted") + " 个；定位到地级市、全省或未定位而未标点：" + onMap.get("not_plotted") + " 个");
        }
        line(sb, "");
        line(sb, "数据版本");
        Map<String, Object> version = (Map<String, Object>) m.get("data_version");
        for (Map<String, Object> d : (List<Map<String, Object>>) version.get("source_documents")) {
            line(sb, "  来源文件：" + d.get("label") + "  文件 " + d.get("file_name") + "  SHA-256 " + d.get("sha256"));
        }
        for (Map<String, Object> b : (List<Map<String, Object>>) version.get("boundaries")) {
            line(sb, "  行政区划边界：" + b.get("source") + "，边界年份 " + b.get("vintage") + "（" + b.get("counties") + " 个区县）");
        }
        line(sb, "");
        line(sb, "定位精度分布");
        for (Map<String, Object> p : (List<Map<String, Object>>) m.get("precision")) {
            line(sb, String.format(Locale.ROOT, "  %-8s %5d 个（%5.1f%%）  %s 亿元", p.get("label"), (Long) p.get("count"),
                    ((BigDecimal) p.get("share")).doubleValue() * 100, Labels.yi((BigDecimal) p.get("total_investment"))));
        }
        section(sb, "按地级市（跨市项目在每个市各计一次）", (List<Map<String, Object>>) m.get("by_city"));
        section(sb, "按区县（跨区县项目在每个区县各计一次）", (List<Map<String, Object>>) m.get("by_county"));
        section(sb, "按类别", (List<Map<String, Object>>) m.get("by_category"));
        line(sb, "");
        line(sb, "文件说明");
        for (String f : (List<String>) m.get("files")) {
            line(sb, "  " + f + "：" + FILE_NOTES.getOrDefault(f, ""));
        }
        line(sb, "");
        line(sb, "项目位置按项目代码、建设地点、名称和责任单位推断：区县级项目画在区县代表点上，线路项目连接起讫区县，"
                + "均不是具体选址。相同数据与筛选条件生成的快照内容相同，只有生成时间不同。");
        line(sb, "在服务器上重现：/collections/projects/items?" + qs((Map<String, String>) m.get("project_query")) + "&limit=10000");
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<Map<String, Object>> groups) {
        line(sb, "");
        line(sb, title);
        if (groups.isEmpty()) {
            line(sb, "  （无）");
        }
        for (Map<String, Object> g : groups) {
            String key = String.valueOf(g.get("key"));
            String name = String.valueOf(g.get("name"));
            line(sb, String.format(Locale.ROOT, "  %s%s  %d 个  %s 亿元", name, key.equals(name) ? "" : "（" + key + "）",
                    (Long) g.get("count"), Labels.yi((BigDecimal) g.get("total_investment"))));
        }
    }

    private static String kind(Region.Kind k) {
        return switch (k) {
            case PROVINCE -> "全省";
            case CITY -> "地级市";
            case COUNTY -> "区县";
            case AREA -> "规划区域";
            case BBOX -> "范围";
        };
    }

    private static String qs(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return sb.toString();
    }

    private static void line(StringBuilder sb, String s) {
        sb.append(s).append("\r\n");
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }
}
