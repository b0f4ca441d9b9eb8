package atlas.testing;

import atlas.db.Database;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class its own database (schema + bundled data) on the run's real PostGIS:
 * declare a Database parameter in a constructor, @BeforeAll or test method; a TestServer parameter
 * gives the real server over that database, shared by the class.
 */
public final class PostgisExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgisExtension.class);

    private record Holder(Database db) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            TestDatabases.get().drop(db);
        }
    }

    private record ServerHolder(TestServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() || classContext.getParent().isPresent()
                && classContext.getTestClass().isPresent() && classContext.getParent().get().getTestClass().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext;
    }

    private static Database database(ExtensionContext context) {
        return classContext(context).getStore(NS).getOrComputeIfAbsent("db",
                k -> new Holder(TestDatabases.get().newDatabase()), Holder.class).db();
    }

    /** The real server over the class's database, started once per class and stopped after it. */
    private static TestServer server(ExtensionContext context) {
        Database db = database(context);
        return classContext(context).getStore(NS).getOrComputeIfAbsent("server",
                k -> new ServerHolder(new TestServer(db)), ServerHolder.class).server();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Database.class || p.getParameter().getType() == TestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestServer.class ? server(e) : database(e);
    }
}
