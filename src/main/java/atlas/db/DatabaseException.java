package atlas.db;

/** A database or cluster failure, with a message a user can act on. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
