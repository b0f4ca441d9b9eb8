package atlas.api;

import io.javalin.Javalin;

import java.nio.file.Path;

/** What the routes need besides the database; registers every route group. */
public interface ApiContext {
    Path webDir();

    void register(Javalin app);

    /** Stops whatever register started besides the routes (background work); the server calls it on close. */
    default void close() {
    }
}
