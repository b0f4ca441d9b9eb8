package atlas.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Chinese labels for codes (the web map's vocabulary, web/js/format.js), dates and 亿元 amounts. */
final class Labels {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static final Map<String, String> PRECISION = Map.of("site", "具体地点", "route", "线路", "county", "区县",
            "counties", "多个区县", "city", "地级市", "province", "全省", "unknown", "未定位");
    static final Map<String, String> METHOD = Map.ofEntries(Map.entry("project_code", "项目代码"), Map.entry("code", "项目代码"),
            Map.entry("location", "建设地点"), Map.entry("location_text", "建设地点"), Map.entry("name", "项目名称"),
            Map.entry("responsible_unit", "责任单位"), Map.entry("unit", "责任单位"), Map.entry("route", "线路起止"),
            Map.entry("crosswalk", "功能区代码对照"), Map.entry("code_history", "历史区划代码"), Map.entry("manual", "人工校正"),
            Map.entry("city", "仅知地级市"), Map.entry("province", "全省"));
    static final Map<String, String> KIND = Map.of("construction", "四大建设", "metro", "大都市区", "metro-core", "都市区核心区",
            "new-district", "省级新区", "science-corridor", "科创走廊", "corridor", "大通道", "urban-belt", "城市连绵带",
            "garden-belt", "文化带", "coop-zone", "一体化合作先行区");
    static final Map<String, String> FILTER = Map.ofEntries(Map.entry("city", "地级市"), Map.entry("county", "区县"),
            Map.entry("area", "规划区域"), Map.entry("category", "类别"), Map.entry("nature", "建设性质"),
            Map.entry("source", "来源文件"), Map.entry("precision", "定位精度"), Map.entry("min_investment", "总投资下限(亿元)"),
            Map.entry("max_investment", "总投资上限(亿元)"), Map.entry("q", "名称含"), Map.entry("datetime", "建设年份"),
            Map.entry("bbox", "范围"));
    static final List<String> PRECISION_ORDER = List.of("site", "route", "county", "counties", "city", "province", "unknown");

    private Labels() {
    }

    static String precision(String code) {
        return code == null ? PRECISION.get("unknown") : PRECISION.getOrDefault(code, code);
    }

    static String method(String code) {
        return METHOD.getOrDefault(code, code);
    }

    static String kind(String code) {
        return KIND.getOrDefault(code, code);
    }

    /** '以三大科创走廊为重点的重大科创平台建设工程' -> '重大科创平台建设工程' (legends are narrow). */
    static String shortCategory(String category) {
        if (category == null || category.isEmpty()) {
            return "未分类";
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^以.+?为重点的(.+)$").matcher(category);
        return m.matches() ? m.group(1) : category;
    }

    /** 2024-05-01 in China time. */
    static String date(Instant t) {
        return t.atZone(CHINA).toLocalDate().toString();
    }

    /** 2024年5月1日 */
    static String dateZh(Instant t) {
        ZonedDateTime z = t.atZone(CHINA);
        return z.getYear() + "年" + z.getMonthValue() + "月" + z.getDayOfMonth() + "日";
    }

    /** 2024-05-01 08:00（北京时间） */
    static String dateTimeZh(Instant t) {
        ZonedDateTime z = t.atZone(CHINA);
        return String.format(Locale.ROOT, "%s %02d:%02d（北京时间）", z.toLocalDate(), z.getHour(), z.getMinute());
    }

    /** 1234.5 -> "1,234.50" */
    static String yi(BigDecimal v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%,.2f", v);
    }

    /** The filters as '类别=…；名称含=…', or '无'. */
    static String filters(Map<String, String> params) {
        if (params.isEmpty()) {
            return "无";
        }
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "；").append(FILTER.getOrDefault(k, k)).append('=').append(v));
        return sb.toString();
    }
}
