package atlas.cli;

/** A command used wrongly: printed without a stack trace, exit code 64. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
