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

    /** The real server with a known admin token, for tests of the routes that write. */
    public TestServer(Database db, String adminToken) {
        this.server = new ApiServer(db, new AtlasRoutes(TestDatabases.home(), db,
                new atlas.api.AdminAuth(java.util.Optional.of(adminToken)))).start("127.0.0.1", 0);
    }

    /** A request builder for path with the given headers (name, value, ...). */
    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    /** POST (or PUT) of a UTF-8 body with the given content type and extra headers (name, value, ...). */
    public HttpResponse<String> send(String method, String path, String contentType, byte[] body, String... headers) {
        return send(request(path, headers).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A multipart/form-data upload of files in the field 'file': name -> bytes. */
    public HttpResponse<String> upload(String path, java.util.Map<String, byte[]> files, String... headers) {
        String boundary = "----atlas-test-" + System.nanoTime();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        files.forEach((name, bytes) -> {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(utf8));
            out.writeBytes(bytes);
            out.writeBytes("\r\n".getBytes(utf8));
        });
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(utf8));
        return send("POST", path, "multipart/form-data; boundary=" + boundary, out.toByteArray(), headers);
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
