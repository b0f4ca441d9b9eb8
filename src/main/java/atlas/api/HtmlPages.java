package atlas.api;

import atlas.layers.Collection;
import atlas.layers.Layers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The HTML views of the API (OGC 'html' conformance class): plain pages with links and tables. */
final class HtmlPages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HtmlPages() {
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" + Http.escapeHtml(title)
                + "</title><style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px}pre{white-space:pre-wrap}</style></head><body>"
                + "<p><a href=\"/\">地图</a> · <a href=\"/collections?f=html\">数据集合</a> · <a href=\"/api\">API</a></p>"
                + "<h1>" + Http.escapeHtml(title) + "</h1>" + body + "</body></html>";
    }

    static String jsonPage(String title, String json) {
        String pretty;
        try {
            pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json));
        } catch (java.io.IOException e) {
            pretty = json;
        }
        String linked = Http.escapeHtml(pretty).replaceAll("&quot;(https?://[^&]+)&quot;", "&quot;<a href=\"$1\">$1</a>&quot;");
        return page(title, "<pre>" + linked + "</pre>");
    }

    static String featureRow(String feature) {
        try {
            JsonNode f = JSON.readTree(feature);
            JsonNode p = f.path("properties");
            String name = p.path("name").asText(p.path("id").asText(""));
            return "<tr><td><a href=\"items/" + Http.escapeHtml(f.path("id").asText()) + "?f=html\">"
                    + Http.escapeHtml(f.path("id").asText()) + "</a></td><td>" + Http.escapeHtml(name) + "</td><td>"
                    + Http.escapeHtml(p.path("category").asText(p.path("kind").asText(p.path("level").asText("")))) + "</td></tr>";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static String itemsPage(Collection col, Layers.Page page, String rows) {
        return page(col.title(), "<p>共 " + page.numberMatched() + " 条，本页 " + page.numberReturned() + " 条</p>"
                + "<table><tr><th>id</th><th>名称</th><th>类别</th></tr>" + rows + "</table>");
    }

    static String featurePage(Collection col, String feature) {
        return jsonPage(col.title(), feature);
    }
}
