package atlas.trust;

import atlas.db.Database;
import atlas.db.LocalCluster;
import atlas.testing.TestDatabases;
import atlas.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database goes away mid-traffic and comes back: 503 with Retry-After meanwhile, recovery without a restart. */
class DatabaseOutageTest {

    @Test
    void serverAnswers503WhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        // A cluster of its own, so stopping it does not disturb the other test classes.
        LocalCluster cluster = new LocalCluster(TestDatabases.home().resolve("target/outage-pg-" + ProcessHandle.current().pid()), true);
        try {
            int port = cluster.ensureRunning();
            Database.createDatabaseIfMissing(cluster.jdbcUrl(port, "postgres"), "atlas", null);
            try (Database db = Database.connect(cluster.jdbcUrl(port, "atlas") + "&connectTimeout=2", 4);
                 TestServer server = new TestServer(db)) {
                db.migrate();
                assertEquals(200, server.get("/readyz").statusCode());
                assertEquals(200, server.get("/collections/counties/items?limit=1").statusCode());

                cluster.stop();
                HttpResponse<String> down = server.get("/collections/counties/items?limit=1");
                assertEquals(503, down.statusCode(), down.body());
                assertEquals("5", down.headers().firstValue("Retry-After").orElse(""));
                assertTrue(!down.body().contains("Exception") && !down.body().contains("SQL"), down.body());
                assertEquals(503, server.get("/readyz").statusCode());
                assertEquals(200, server.get("/healthz").statusCode(), "the process itself stays up");

                assertEquals(port, cluster.ensureRunning(), "the cluster comes back on its port");
                int status = 0;
                for (int i = 0; i < 20 && status != 200; i++) {
                    status = server.get("/collections/counties/items?limit=1").statusCode();
                    if (status != 200) {
                        Thread.sleep(500);
                    }
                }
                assertEquals(200, status, "recovered without a restart");
                assertEquals(200, server.get("/readyz").statusCode());
            }
        } finally {
            cluster.destroy();
        }
    }
}
