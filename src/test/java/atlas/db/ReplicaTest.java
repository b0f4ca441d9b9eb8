package atlas.db;

import atlas.layers.Precomputed;
import atlas.testing.PostgisExtension;
import atlas.testing.TestDatabases;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server reading a real streaming replica uses the precomputed answers the primary built while
 * they are current, and answers live, never stale, once the primary has changed the data.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private LocalCluster replicaCluster;
    private Database replica;
    private TestServer primaryServer;
    private TestServer replicaServer;

    @BeforeAll
    void startAReplica(Database primary) throws Exception {
        primaryServer = new TestServer(primary);   // its refresher builds the precomputed sets
        waitFor("the primary's precomputed sets", () -> current(primary));
        int primaryPort = TestDatabases.get().cluster().runningPort().orElseThrow();
        replicaCluster = new LocalCluster(Files.createTempDirectory("atlas-replica-test").resolve("pg"), true);
        int port = replicaCluster.startAsReplicaOf(primaryPort);
        String url = ((com.zaxxer.hikari.HikariDataSource) primary.dataSource()).getJdbcUrl();
        String name = url.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
        replica = Database.connect(replicaCluster.jdbcUrl(port, name), 4);
        replicaServer = new TestServer(replica);
    }

    @AfterAll
    void stop() {
        if (replicaServer != null) {
            replicaServer.close();
        }
        if (replica != null) {
            replica.close();
        }
        if (primaryServer != null) {
            primaryServer.close();
        }
        if (replicaCluster != null) {
            replicaCluster.destroy();
        }
    }

    @Test
    @Order(1)
    void theReplicaServesThePrimarysPrecomputedAnswers(Database primary) throws Exception {
        try (Connection c = replica.connection()) {
            assertTrue(Database.isHotStandby(c), "the replica is a hot standby");
        }
        // A write after the replica started, and the primary's server rebuilding the sets after it.
        try (Connection c = primary.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE project SET total_investment = total_investment + 1 "
                    + "WHERE id = (SELECT max(id) FROM project WHERE total_investment IS NOT NULL)");
        }
        waitFor("the primary to rebuild its precomputed sets", () -> current(primary));
        waitFor("the rebuilt sets to be current on the replica", () -> current(replica));
        for (String path : new String[] {"/api/stats?groupby=county", "/api/stats?groupby=category", "/tiles/projects/6/53/26.mvt"}) {
            assertEquals(primaryServer.get(path).body(), replicaServer.get(path).body(), path);
        }
    }

    @Test
    @Order(2)
    void afterAChangeOnThePrimaryTheReplicaAnswersLiveNeverStale(Database primary) throws Exception {
        primaryServer.close();   // nobody rebuilds the sets: the replica must not serve them
        primaryServer = null;
        BigDecimal before = total(replicaServer);
        try (Connection c = primary.connection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE project SET total_investment = total_investment + 1000 "
                    + "WHERE id = (SELECT min(id) FROM project WHERE total_investment IS NOT NULL)");
        }
        waitFor("the change to reach the replica", () -> !current(replica));
        assertEquals(before.add(new BigDecimal("1000")).stripTrailingZeros(), total(replicaServer).stripTrailingZeros(),
                "the replica's statistics count the primary's change");
        try (Connection c = replica.connection()) {
            assertFalse(new Precomputed().current(c));
        }
    }

    private static BigDecimal total(TestServer server) throws Exception {
        return JSON.readTree(server.get("/api/stats?groupby=category").body()).path("total").path("total_investment").decimalValue();
    }

    private static boolean current(Database db) throws Exception {
        try (Connection c = db.connection()) {
            return new Precomputed().current(c);
        }
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 120 s for " + what);
            }
            Thread.sleep(200);
        }
    }
}
