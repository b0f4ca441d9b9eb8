package atlas.geocode;

import atlas.db.Database;
import atlas.gazetteer.CsvTable;
import atlas.gazetteer.Gazetteer;
import atlas.ingest.DocumentReader;
import atlas.ingest.ParsedTable;
import atlas.ingest.ProjectRecord;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The unit tests' gazetteer and plan areas, read from geodata/ files, are the ones the server stores
 * and reads back from PostGIS: same lookups, same placements of every row of the bundled lists.
 */
@ExtendWith(PostgisExtension.class)
class GazetteerFilesTest {
    private static final Path GEODATA = GeocoderTest.GEODATA;

    @Test
    void filesAndDatabaseGiveTheSameLookupsAndPlacements(Database db) throws Exception {
        Gazetteer stored;
        List<PlanAreaKeywords> storedAreas = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            stored = Gazetteer.load(c);
            try (ResultSet rs = st.executeQuery("SELECT id, members, keywords FROM plan_area ORDER BY id")) {
                while (rs.next()) {
                    storedAreas.add(new PlanAreaKeywords(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()),
                            List.of((String[]) rs.getArray(3).getArray())));
                }
            }
        }
        Gazetteer files = Gazetteer.fromFiles(GEODATA);
        List<PlanAreaKeywords> fileAreas = PlanAreaKeywords.read(GEODATA.resolve("plan-areas.json"));
        assertEquals(storedAreas, fileAreas);

        int lookups = 0;
        for (String file : List.of("aliases.csv", "divisions.csv")) {
            for (Map<String, String> r : CsvTable.read(GEODATA.resolve("gazetteer").resolve(file))) {
                for (String text : new String[] {r.get("alias"), r.get("name"), r.get("short_name"), r.get("code")}) {
                    if (text != null && !text.isBlank()) {
                        assertEquals(stored.lookup(text), files.lookup(text), text);
                        assertEquals(stored.currentCountiesFor(text, Optional.of(2019)), files.currentCountiesFor(text, Optional.of(2019)));
                        lookups++;
                    }
                }
            }
        }
        assertTrue(lookups > 1000, "only " + lookups + " lookups compared");

        Geocoder fromDatabase = new Geocoder(stored, storedAreas);
        Geocoder fromFiles = new Geocoder(files, fileAreas);
        int rows = 0;
        for (String list : List.of("000_88eec6f24652ebc7.txt", "001_30a6bebbb49a94f9.txt")) {
            for (ParsedTable t : DocumentReader.read(GEODATA.resolve("lists").resolve(list)).tables()) {
                for (ProjectRecord r : t.projects()) {
                    ProjectFacts facts = new ProjectFacts(++rows, r.seq(), r.name(), r.projectCodes(), r.locationText(),
                            r.responsibleUnits(), r.content() + " " + r.progress());
                    assertEquals(fromDatabase.place(facts), fromFiles.place(facts), r.name());
                }
            }
        }
        assertTrue(rows > 300, "only " + rows + " rows placed");
    }
}
