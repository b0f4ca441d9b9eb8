package atlas.api;

import io.javalin.Javalin;

import java.nio.file.Path;

/** What the routes need besides the database; registers every route group. */
public interface ApiContext {
    Path webDir();

    void register(Javalin app);
}
