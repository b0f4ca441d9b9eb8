package atlas.api;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgisExtension.class)
class HealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readyWhenDatabaseIsMigratedAndReportsPostgis3(Database db) throws Exception {
        try (TestServer server = new TestServer(db)) {
            HttpResponse<String> health = server.get("/healthz");
            assertEquals(200, health.statusCode());
            HttpResponse<String> ready = server.get("/readyz");
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode body = JSON.readTree(ready.body());
            assertEquals("ready", body.get("status").asText());
            assertTrue(body.get("postgis").asText().startsWith("3."), body.toString());
        }
    }

    @Test
    void notReadyWithRetryAfterWhenDatabaseIsUnreachable() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (Database nowhere = Database.connect("jdbc:postgresql://127.0.0.1:" + closedPort + "/atlas?user=atlas&connectTimeout=1", 1);
             TestServer server = new TestServer(nowhere)) {
            HttpResponse<String> ready = server.get("/readyz");
            assertEquals(503, ready.statusCode());
            assertEquals("5", ready.headers().firstValue("Retry-After").orElse(""));
            assertEquals("not ready", JSON.readTree(ready.body()).get("status").asText());
            assertEquals(200, server.get("/healthz").statusCode());
        }
    }
}
