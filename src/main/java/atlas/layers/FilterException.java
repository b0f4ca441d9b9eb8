package atlas.layers;

/**
 * A filter value that cannot be used, naming the parameter and what was expected. The API answers it
 * with 400, the CLI with exit code 64.
 */
public final class FilterException extends RuntimeException {
    private final String parameter;
    private final String detail;

    public FilterException(String parameter, String detail) {
        super("parameter '" + parameter + "': " + detail);
        this.parameter = parameter;
        this.detail = detail;
    }

    public String parameter() {
        return parameter;
    }

    public String detail() {
        return detail;
    }
}
