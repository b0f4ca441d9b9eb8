package atlas.api;

import atlas.db.Database;
import atlas.gazetteer.GazetteerLoader;
import atlas.geocode.GeocodeStore;
import atlas.ingest.ImportService;
import atlas.planareas.PlanAreaLoader;
import atlas.testing.PostgisExtension;
import atlas.testing.TestDatabases;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A shared link to a project keeps working after the database is rebuilt: ids come from the
 * project itself, not from load order or sequences.
 */
@ExtendWith(PostgisExtension.class)
class StableIdsTest {

    private static Map<String, String> idsToNames(TestServer server) {
        JsonNode fc = GeoJsonChecks.parse(server.get("/collections/projects/items?limit=10000").body(), "projects");
        Map<String, String> m = new TreeMap<>();
        fc.path("features").forEach(f -> m.put(f.path("id").asText(), f.path("properties").path("source").asText()
                + "#" + f.path("properties").path("seq").asText() + " " + f.path("properties").path("name").asText()));
        return m;
    }

    /** Builds a database from nothing, importing the bundled lists in reverse order. */
    private static Database rebuiltFromScratch() throws Exception {
        TestDatabases dbs = TestDatabases.get();
        String name = "atlas_test_rebuilt_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        Database.createDatabaseIfMissing(dbs.jdbcUrl("postgres"), name, null);
        Database db = Database.connect(dbs.jdbcUrl(name), 4);
        db.migrate();
        Path geodata = TestDatabases.home().resolve("geodata");
        try (Connection c = db.connection()) {
            new GazetteerLoader(geodata).load(c);
            new PlanAreaLoader().load(c, geodata.resolve("plan-areas.json"));
            List<Path> lists;
            try (var files = Files.list(geodata.resolve("lists"))) {
                lists = new ArrayList<>(files.sorted().toList());
            }
            Collections.reverse(lists);
            ImportService imports = new ImportService();
            for (Path list : lists) {
                imports.importFile(c, list, s -> { });
            }
            new GeocodeStore().run(c, true);
        }
        return db;
    }

    @Test
    void projectIdsSurviveARebuildAndAReimport(Database db) throws Exception {
        Database rebuilt = rebuiltFromScratch();
        try (TestServer a = new TestServer(db); TestServer b = new TestServer(rebuilt)) {
            Map<String, String> before = idsToNames(a);
            Map<String, String> after = idsToNames(b);
            assertTrue(before.size() > 250, "projects: " + before.size());
            assertEquals(before, after, "the same projects have the same ids in a database rebuilt in another order");
            // a project link from the first server opens the same project on the rebuilt one
            String id = before.keySet().iterator().next();
            JsonNode one = GeoJsonChecks.feature(a.get("/collections/projects/items/" + id).body(), id);
            JsonNode two = GeoJsonChecks.feature(b.get("/collections/projects/items/" + id).body(), id);
            assertEquals(one.path("properties").path("name"), two.path("properties").path("name"));
            assertEquals(one.path("geometry"), two.path("geometry"));
            assertEquals(one.path("properties").path("county_codes"), two.path("properties").path("county_codes"));

            // importing a list again (same file) changes no id
            Path list;
            try (var files = Files.list(TestDatabases.home().resolve("geodata/lists"))) {
                list = files.sorted().findFirst().orElseThrow();
            }
            try (Connection c = rebuilt.connection()) {
                new ImportService().importFile(c, list, s -> { });
                new GeocodeStore().run(c, false);
            }
            assertEquals(before, idsToNames(b), "re-import keeps ids");
        } finally {
            TestDatabases.get().drop(rebuilt);
        }
    }
}
