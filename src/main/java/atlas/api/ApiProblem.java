package atlas.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 7807 problem: thrown by request parsing, answered as application/problem+json. */
public final class ApiProblem extends RuntimeException {
    private final int status;
    private final String title;
    private final String parameter;

    private ApiProblem(int status, String title, String detail, String parameter) {
        super(detail);
        this.status = status;
        this.title = title;
        this.parameter = parameter;
    }

    public static ApiProblem of(int status, String title, String detail) {
        return new ApiProblem(status, title, detail, null);
    }

    public static ApiProblem badParameter(String parameter, String detail) {
        return new ApiProblem(400, "Bad Request", "parameter '" + parameter + "': " + detail, parameter);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail, null);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", getMessage());
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        body.put("instance", instance);
        return body;
    }
}
