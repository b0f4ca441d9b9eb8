package atlas.cql2;

/** A filter that cannot be read or does not fit the collection; the message names where. */
public final class Cql2Exception extends RuntimeException {
    public Cql2Exception(String at, String message) {
        super(at.isEmpty() ? message : at + ": " + message);
    }
}
