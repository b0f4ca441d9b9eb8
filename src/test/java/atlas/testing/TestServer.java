package atlas.testing;

import atlas.api.ApiServer;
import atlas.cli.AtlasRoutes;
import atlas.db.Database;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The real server on a free loopback port, with a small HTTP client for tests. */
public final class TestServer implements AutoCloseable {
    private final ApiServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    public TestServer(Database db) {
        this.server = new ApiServer(db, new AtlasRoutes(TestDatabases.home(), db)).start("127.0.0.1", 0);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
