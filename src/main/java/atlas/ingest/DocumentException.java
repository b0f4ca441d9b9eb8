package atlas.ingest;

/** A source document that cannot be read: says which file and why. */
public class DocumentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String fileName;

    public DocumentException(String fileName, String message) {
        super(fileName + ": " + message);
        this.fileName = fileName;
    }

    public DocumentException(String fileName, String message, Throwable cause) {
        super(fileName + ": " + message, cause);
        this.fileName = fileName;
    }

    /** The file the problem is in. */
    public String fileName() {
        return fileName;
    }
}
