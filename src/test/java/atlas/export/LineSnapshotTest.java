package atlas.export;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A snapshot of any county a railway has a station in holds the railway (金甬铁路: 东阳, 嵊州, 新昌, 奉化 …). */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LineSnapshotTest {
    private ExportServer server;

    @BeforeAll
    void start(Database db) {
        server = new ExportServer(db);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void theSnapshotOfEveryCountyOnTheLineHoldsIt() throws Exception {
        for (String county : List.of("330783", "330683", "330624", "330213")) {
            HttpResponse<byte[]> r = server.post("/api/exports", "{\"region\": \"" + county + "\", \"formats\": [\"csv\"]}");
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            Map<String, byte[]> zip = ExportServer.unzip(r.body());
            String csv = new String(zip.get("projects.csv"), StandardCharsets.UTF_8);
            assertTrue(csv.contains("金甬铁路（金华至宁波铁路）"), county + " snapshot lacks 金甬铁路");
        }
    }
}
