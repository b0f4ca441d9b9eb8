package atlas.db;

/** A backup or restore that could not be done, with what the operator needs to know (the file, why). */
public final class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
