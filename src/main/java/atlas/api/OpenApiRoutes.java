package atlas.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * GET /api: the OpenAPI 3.0 document (src/main/resources/openapi.json) describing every endpoint,
 * with servers[0] set to the address the client used (no trailing slash: clients append "/collections"); f=html (or a browser's Accept) gives a
 * plain page listing the operations and their parameters.
 */
public final class OpenApiRoutes {
    public static final String MEDIA_TYPE = "application/vnd.oai.openapi+json;version=3.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RESOURCE = "/openapi.json";

    private OpenApiRoutes() {
    }

    public static void register(Javalin app) {
        ObjectNode document = load();
        String version = Http.sha(document.toString());
        app.get("/api", ctx -> {
            String format = Http.format(ctx);
            if (Http.notModified(ctx, version + "|" + Http.baseUrl(ctx))) {
                return;
            }
            ObjectNode doc = document.deepCopy();
            doc.putArray("servers").addObject().put("url", Http.baseUrl(ctx)).put("description", "This server");
            if (format.equals(Http.HTML)) {
                ctx.contentType("text/html; charset=utf-8").result(html(doc));
            } else {
                ctx.contentType(MEDIA_TYPE).result(JSON.writeValueAsString(doc));
            }
        });
    }

    static ObjectNode load() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static String html(ObjectNode doc) {
        StringBuilder sb = new StringBuilder();
        String title = doc.path("info").path("title").asText("API");
        sb.append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>")
                .append(Http.escapeHtml(title))
                .append("</title><style>body{font-family:sans-serif;margin:1.5em;max-width:70em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;"
                        + "vertical-align:top}code{font-size:13px}</style></head><body>")
                .append("<p><a href=\"/\">地图</a> · <a href=\"/collections?f=html\">数据集合</a> · "
                        + "<a href=\"/api?f=json\">OpenAPI JSON</a></p>")
                .append("<h1>").append(Http.escapeHtml(title)).append("</h1><p>")
                .append(Http.escapeHtml(doc.path("info").path("description").asText(""))).append("</p>");
        JsonNode params = doc.path("components").path("parameters");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode o = op.getValue();
                sb.append("<h2><code>").append(op.getKey().toUpperCase()).append(' ')
                        .append(Http.escapeHtml(path.getKey())).append("</code></h2><p>")
                        .append(Http.escapeHtml(o.path("summary").asText(""))).append("</p>");
                if (o.has("description")) {
                    sb.append("<p>").append(Http.escapeHtml(o.path("description").asText())).append("</p>");
                }
                if (o.has("security")) {
                    sb.append("<p>需要管理员令牌 (Authorization: Bearer)</p>");
                }
                if (o.path("parameters").size() > 0) {
                    sb.append("<table><tr><th>参数</th><th>位置</th><th>类型</th><th>说明</th></tr>");
                    for (JsonNode p : o.path("parameters")) {
                        JsonNode param = p.has("$ref") ? params.path(last(p.path("$ref").asText())) : p;
                        sb.append("<tr><td><code>").append(Http.escapeHtml(param.path("name").asText()))
                                .append("</code></td><td>").append(Http.escapeHtml(param.path("in").asText()))
                                .append("</td><td>").append(Http.escapeHtml(type(param.path("schema"))))
                                .append("</td><td>").append(Http.escapeHtml(param.path("description").asText("")))
                                .append("</td></tr>");
                    }
                    sb.append("</table>");
                }
                List<String> codes = new java.util.ArrayList<>();
                o.path("responses").fieldNames().forEachRemaining(codes::add);
                sb.append("<p>响应: ").append(Http.escapeHtml(String.join(", ", codes))).append("</p>");
            }
        }
        return sb.append("</body></html>").toString();
    }

    private static String last(String ref) {
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    private static String type(JsonNode schema) {
        String t = schema.path("type").asText("");
        if (schema.has("enum")) {
            List<String> values = new java.util.ArrayList<>();
            schema.path("enum").forEach(v -> values.add(v.asText()));
            return t + " (" + String.join(" | ", values) + ")";
        }
        if (schema.has("minimum") || schema.has("maximum")) {
            return t + " " + schema.path("minimum").asText("") + ".." + schema.path("maximum").asText("");
        }
        return t;
    }
}
