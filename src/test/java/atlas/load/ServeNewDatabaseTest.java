package atlas.load;

import atlas.testing.PostgisExtension;
import atlas.testing.TestDatabases;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deployment: `./atlas serve` (the real command, in its own JVM) on a new, empty database given by
 * DATABASE_URL, then a list imported over HTTP. The server loads the reference data itself, and the
 * HTTP import places every project exactly as the bundled (CLI) path placed the same list.
 */
@ExtendWith(PostgisExtension.class)
class ServeNewDatabaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "serve-test-token-41d8";
    private static final String LIST = "000_88eec6f24652ebc7.txt";

    @Test
    void serveOnAnEmptyDatabaseLoadsTheReferenceDataAndAnHttpImportPlacesAsTheCliDoes(TestServer bundled) throws Exception {
        String url = TestDatabases.get().newEmptyDatabaseUrl();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("atlas-serve", ".log");
        ProcessBuilder pb = new ProcessBuilder("java", "-Datlas.home=" + TestDatabases.home(), "-cp",
                System.getProperty("java.class.path"), "atlas.cli.Main", "serve", "--port", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DATABASE_URL", url);
        pb.environment().put("ATLAS_ADMIN_TOKEN", TOKEN);
        Process serve = pb.start();
        try {
            HttpClientOn server = new HttpClientOn(port);
            long deadline = System.currentTimeMillis() + 180_000;
            while (!server.up()) {
                assertTrue(serve.isAlive(), "serve exited: " + Files.readString(log));
                assertTrue(System.currentTimeMillis() < deadline, "serve did not answer in 3 min: " + Files.readString(log));
                Thread.sleep(500);
            }
            JsonNode counties = JSON.readTree(server.get("/collections/counties/items?limit=1000").body());
            assertEquals(90, counties.path("numberMatched").asInt(), "counties served by a new database");

            byte[] list = Files.readAllBytes(TestDatabases.home().resolve("geodata/lists").resolve(LIST));
            HttpResponse<String> imported = server.upload(Map.of(LIST, list), "Authorization", "Bearer " + TOKEN);
            assertEquals(200, imported.statusCode(), imported.body());
            JsonNode placed = JSON.readTree(imported.body()).path("placed");
            assertEquals(92, placed.path("projects").asInt(), imported.body());
            assertTrue(placed.path("byPrecision").path("unknown").asInt(0) < 5, imported.body());

            // Every project of the list is the same feature, to the byte, as the bundled path made it.
            Map<String, String> viaHttp = features(server.get("/collections/projects/items?limit=10000&source=" + LIST).body());
            Map<String, String> viaCli = features(bundled.get("/collections/projects/items?limit=10000&source=" + LIST).body());
            assertEquals(92, viaHttp.size());
            assertEquals(viaCli, viaHttp);
        } finally {
            serve.destroy();
            serve.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            serve.destroyForcibly();
            TestDatabases.get().dropDatabase(url);
        }
    }

    private static Map<String, String> features(String page) throws Exception {
        Map<String, String> out = new HashMap<>();
        for (JsonNode f : JSON.readTree(page).path("features")) {
            out.put(f.path("id").asText(), f.toString());
        }
        return out;
    }

    /** The test's client for the server it started itself (TestServer starts one in this JVM). */
    private record HttpClientOn(int port) {
        private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newHttpClient();

        boolean up() {
            try {
                return get("/collections").statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        }

        HttpResponse<String> get(String path) {
            return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).GET().build());
        }

        HttpResponse<String> upload(Map<String, byte[]> files, String... headers) {
            String boundary = "----atlas-serve-test";
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            files.forEach((name, bytes) -> {
                out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.writeBytes(bytes);
                out.writeBytes("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            });
            out.writeBytes(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/imports"))
                    .headers(headers).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
        }

        private HttpResponse<String> send(java.net.http.HttpRequest request) {
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
