package atlas.export;

/** A snapshot request that cannot be served: names the field (region, filters.city, formats...) and why. */
public final class SnapshotException extends RuntimeException {
    private final String field;

    public SnapshotException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
