package atlas.pages;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The HTML of one project's page: readable Chinese, printable, linkable. */
final class ProjectPage {
    private static final Map<String, String> PRECISION = Map.of(
            "site", "具体地点", "route", "线路", "county", "区县", "counties", "多个区县",
            "city", "地级市", "province", "全省", "unknown", "未定位");
    private static final Map<String, String> METHOD = Map.ofEntries(
            Map.entry("code", "项目代码"), Map.entry("project_code", "项目代码"), Map.entry("location", "建设地点"),
            Map.entry("name", "项目名称"), Map.entry("unit", "责任单位"), Map.entry("route", "线路起止"),
            Map.entry("line", "线路登记"), Map.entry("link", "同一项目的其他清单条目"), Map.entry("manual", "人工校正"));

    private ProjectPage() {
    }

    static String render(JsonNode feature, JsonNode sourceRow, SmallMap map) {
        JsonNode p = feature.path("properties");
        String id = feature.path("id").asText();
        String name = p.path("name").asText(id);
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"facts\">").append(facts(p)).append("</p>");

        body.append("<section><h2>位置</h2><div class=\"placement\"><figure>").append(map.svg())
                .append("<figcaption>红色为项目位置或线路，深色为项目所在区县。</figcaption></figure><div>")
                .append("<p>定位精度：<strong>").append(escape(PRECISION.getOrDefault(p.path("precision").asText(), p.path("precision").asText("未定位"))))
                .append("</strong></p>");
        JsonNode evidence = p.path("placement_evidence");
        if (evidence.isArray() && !evidence.isEmpty()) {
            body.append("<table class=\"evidence\"><caption>定位依据</caption><tr><th>区县（市）</th><th>方法</th><th>依据</th></tr>");
            for (JsonNode e : evidence) {
                body.append("<tr><td>").append(escape(e.path("name").asText(e.path("code").asText()))).append("</td><td>")
                        .append(escape(METHOD.getOrDefault(e.path("method").asText(), e.path("method").asText()))).append("</td><td>")
                        .append(escape(e.path("evidence").asText())).append("</td></tr>");
            }
            body.append("</table>");
        } else {
            body.append("<p>尚未定位到区县。如知道项目所在地，请点“位置有误”告诉我们。</p>");
        }
        List<String> areas = texts(p.path("plan_area_names"));
        if (!areas.isEmpty()) {
            body.append("<p>所属规划区域：").append(escape(String.join("、", areas))).append("</p>");
        }
        body.append("</div></div></section>");

        section(body, "建设内容", p.path("content").asText(""));
        section(body, "进度与目标", p.path("progress").asText(""));
        List<String> units = texts(p.path("responsible_units"));
        if (!units.isEmpty()) {
            section(body, "责任单位", String.join("、", units));
        }
        List<String> codes = texts(p.path("project_codes"));
        if (!codes.isEmpty()) {
            section(body, "项目代码", String.join("、", codes));
        }
        entries(body, p.path("entries"));
        source(body, p, sourceRow);

        body.append("<section class=\"report\"><h2>位置有误？</h2><form id=\"report\"><label for=\"report-comment\">"
                + "请说明正确的位置或理由（可选）</label><textarea id=\"report-comment\" maxlength=\"1000\" rows=\"3\"></textarea>"
                + "<button type=\"submit\">位置有误，提交核查</button><p id=\"report-answer\" role=\"status\"></p></form></section>");
        String script = "<script>document.getElementById('report').addEventListener('submit',async e=>{e.preventDefault();"
                + "const a=document.getElementById('report-answer');a.textContent='正在提交…';try{const r=await fetch('/api/review',"
                + "{method:'POST',headers:{'Content-Type':'application/json'},body:JSON.stringify({project_id:" + jsString(id)
                + ",comment:document.getElementById('report-comment').value})});const j=await r.json().catch(()=>({}));"
                + "a.textContent=r.ok?(j.message||'已记录待核查'):'提交未成功，请稍后再试';}catch(x){a.textContent='提交未成功，请稍后再试';}});</script>";
        return page(name, body.toString(), script, id);
    }

    static String notFound(String fid) {
        return page("未找到项目", "<p>没有编号为 " + escape(fid) + " 的项目。它可能已在新版清单中删除，或者链接有误。</p>", "", null);
    }

    private static String facts(JsonNode p) {
        List<String> parts = new ArrayList<>();
        add(parts, "类别", p.path("category").asText(""));
        add(parts, "建设性质", p.path("nature").asText(""));
        add(parts, "总投资", money(p.path("total_investment")));
        add(parts, "年度计划投资", money(p.path("planned_investment")));
        String years = years(p.path("start_year"), p.path("end_year"));
        add(parts, "建设年限", years);
        add(parts, "建设地点", p.path("location_text").asText(""));
        return String.join("<span class=\"sep\"> · </span>", parts);
    }

    private static void add(List<String> parts, String label, String value) {
        if (!value.isBlank()) {
            parts.add("<span class=\"fact\">" + label + "：<strong>" + escape(value) + "</strong></span>");
        }
    }

    private static String money(JsonNode n) {
        return n.isNumber() ? new BigDecimal(n.asText()).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " 亿元" : "";
    }

    private static String years(JsonNode from, JsonNode to) {
        if (!from.isNumber() && !to.isNumber()) {
            return "";
        }
        return (from.isNumber() ? from.asText() : "？") + "—" + (to.isNumber() ? to.asText() : "？") + " 年";
    }

    private static void section(StringBuilder body, String title, String text) {
        if (!text.isBlank()) {
            body.append("<section><h2>").append(title).append("</h2><p>").append(escape(text)).append("</p></section>");
        }
    }

    /** The project's entries in other lists (once entries are linked across lists). */
    private static void entries(StringBuilder body, JsonNode entries) {
        if (!entries.isArray() || entries.size() < 2) {
            return;
        }
        body.append("<section><h2>历年清单中的条目</h2><table><tr><th>清单</th><th>表</th><th>序号</th><th>名称</th>"
                + "<th>总投资（亿元）</th><th>关系</th></tr>");
        for (JsonNode e : entries) {
            body.append("<tr><td>").append(escape(e.path("source_title").asText(e.path("source").asText()))).append("</td><td>")
                    .append(escape(e.path("table").asText())).append("</td><td>").append(escape(e.path("seq").asText()))
                    .append("</td><td>").append(escape(e.path("name").asText())).append("</td><td>")
                    .append(escape(money(e.path("total_investment")).replace(" 亿元", ""))).append("</td><td>")
                    .append(escape(e.path("relation").asText())).append("</td></tr>");
        }
        body.append("</table></section>");
    }

    private static void source(StringBuilder body, JsonNode p, JsonNode row) {
        body.append("<section class=\"source\"><h2>来源</h2><p>");
        String title = p.path("source_title").asText("");
        body.append(title.isBlank() ? "文件 " + escape(p.path("source").asText()) : "《" + escape(title) + "》");
        String number = p.path("source_number").asText("");
        if (!number.isBlank()) {
            body.append("（").append(escape(number)).append("）");
        }
        String date = p.path("source_date").asText("");
        if (!date.isBlank()) {
            body.append("，").append(escape(date));
        }
        body.append("，").append(escape(p.path("table").asText())).append(" 序号 ").append(escape(p.path("seq").asText()));
        if (p.path("line_from").isNumber()) {
            body.append("（原文第 ").append(p.path("line_from").asText());
            if (p.path("line_to").isNumber() && p.path("line_to").asInt() != p.path("line_from").asInt()) {
                body.append("–").append(p.path("line_to").asText());
            }
            body.append(" 行）");
        }
        if (!title.isBlank()) {
            body.append("。文件名：").append(escape(p.path("source").asText()));
        }
        body.append("</p>");
        JsonNode cells = row.path("cells");
        if (cells.isObject() && !cells.isEmpty()) {
            body.append("<table class=\"raw\"><caption>原表中的这一行</caption>");
            cells.fields().forEachRemaining(c -> body.append("<tr><th>").append(escape(c.getKey())).append("</th><td>")
                    .append(escape(c.getValue().asText())).append("</td></tr>"));
            body.append("</table>");
        } else if (!row.path("text").asText("").isBlank()) {
            body.append("<pre class=\"raw\">").append(escape(row.path("text").asText())).append("</pre>");
        }
        body.append("</section>");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> {
            if (!n.asText().isBlank()) {
                out.add(n.asText());
            }
        });
        return out;
    }

    private static String page(String title, String body, String script, String id) {
        String nav = "<nav><a href=\"/\">返回地图</a>" + (id == null ? "" : " · <a href=\"/collections/projects/items/"
                + escape(id) + "\">GeoJSON</a>") + " · <button type=\"button\" onclick=\"window.print()\">打印</button></nav>";
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escape(title) + " · 项目</title>"
                + "<style>" + CSS + "</style></head><body><main>" + nav + "<h1>" + escape(title) + "</h1>" + body + "</main>"
                + script + "</body></html>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String jsString(String s) {
        return "\"" + s.replaceAll("[^0-9a-f]", "") + "\"";
    }

    private static final String CSS = """
            body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;color:#212529;margin:0;line-height:1.6}
            main{max-width:60rem;margin:0 auto;padding:1rem 1.25rem 3rem}
            nav{font-size:.9rem;margin-bottom:.5rem}nav button{font:inherit}
            h1{font-size:1.5rem;margin:.25rem 0 .5rem}h2{font-size:1.1rem;border-bottom:1px solid #dee2e6;margin:1.5rem 0 .5rem}
            .facts{margin:0}.fact{white-space:nowrap}.sep{color:#adb5bd}
            .placement{display:flex;gap:1.25rem;flex-wrap:wrap}.placement>div{flex:1 1 20rem}
            figure{margin:0;flex:0 1 22rem}figcaption{font-size:.8rem;color:#495057}
            .small-map{width:100%;max-width:22rem;height:auto;aspect-ratio:1;background:#f1f3f5;border:1px solid #dee2e6}
            .small-map .county{fill:#fffdf8;stroke:#adb5bd;vector-effect:non-scaling-stroke;stroke-width:1}
            .small-map .county.placed,.small-map .division.placed{fill:#cfe2ff;stroke:#0b3d91;stroke-width:1.5}
            .small-map .division.placed{fill-opacity:.35}
            .small-map path.project{fill:none;stroke:#d62728;stroke-width:3;vector-effect:non-scaling-stroke}
            .small-map circle.project{fill:#d62728;stroke:#fff;vector-effect:non-scaling-stroke;stroke-width:1.5}
            table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0}
            caption{text-align:left;font-weight:bold;padding:.25rem 0}
            th,td{border:1px solid #dee2e6;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f8f9fa;white-space:nowrap}
            pre.raw{white-space:pre-wrap;background:#f8f9fa;padding:.5rem}
            textarea{width:100%;max-width:40rem;font:inherit;display:block;margin:.25rem 0}
            button{padding:.3rem .8rem}
            @media print{nav,.report,script{display:none}main{max-width:none;padding:0}h2{break-after:avoid}table,figure{break-inside:avoid}}
            """;
}
