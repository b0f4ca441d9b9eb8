package atlas.export;

import atlas.api.ApiContext;
import atlas.api.ApiServer;
import atlas.api.ExportRoutes;
import atlas.cli.AtlasRoutes;
import atlas.db.Database;
import atlas.testing.TestDatabases;
import io.javalin.Javalin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real server with the export routes, whether or not AtlasRoutes registers them yet, and a
 * client for GETs, JSON POSTs and zip answers.
 */
final class ExportServer implements AutoCloseable {
    private final ApiServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    ExportServer(Database db) {
        AtlasRoutes routes = new AtlasRoutes(TestDatabases.home(), db);
        this.server = new ApiServer(db, new ApiContext() {
            @Override
            public Path webDir() {
                return routes.webDir();
            }

            @Override
            public void register(Javalin app) {
                routes.register(app);
                try {
                    new ExportRoutes(db, new atlas.layers.Layers()).register(app);
                } catch (RuntimeException alreadyWired) {
                    // AtlasRoutes registers POST /api/exports itself
                }
            }
        }).start("127.0.0.1", 0);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private <T> HttpResponse<T> send(HttpRequest r, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(r, handler);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Entry name -> bytes, in zip order. */
    static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
