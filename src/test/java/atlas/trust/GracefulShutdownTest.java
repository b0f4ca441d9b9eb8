package atlas.trust;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stopping the server lets the request in flight finish; new requests are refused meanwhile. */
@ExtendWith(PostgisExtension.class)
class GracefulShutdownTest {

    @Test
    void aSnapshotInFlightCompletesWhileTheServerStops(Database db) throws Exception {
        TestServer server = new TestServer(db);
        HttpClient client = HttpClient.newHttpClient();
        // The whole province's snapshot takes a moment to draw: long enough to be in flight.
        CompletableFuture<HttpResponse<byte[]>> export = client.sendAsync(HttpRequest.newBuilder(URI.create(server.url("/api/exports")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"region\":\"330000\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(150);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
        Thread.sleep(50);
        HttpResponse<byte[]> r = export.get(30, TimeUnit.SECONDS);
        assertEquals(200, r.statusCode());
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
            while (zip.getNextEntry() != null) {
                entries++;
            }
        }
        assertTrue(entries >= 7, "a complete snapshot: " + entries + " entries");
        stopping.get(30, TimeUnit.SECONDS);
    }
}
