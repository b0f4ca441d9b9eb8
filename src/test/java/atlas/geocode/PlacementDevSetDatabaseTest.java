package atlas.geocode;

import atlas.db.Database;
import atlas.gazetteer.Gazetteer;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * './atlas geocode --eval bench/placement-dev.tsv' scores the rows with the gazetteer the server
 * stored (sites and planning-unit prefixes included): the same figures as the unit test's files. And
 * the bundled lists' labelled rows, as stored and placed, lose nothing to the rules for new lists.
 */
@ExtendWith(PostgisExtension.class)
class PlacementDevSetDatabaseTest {
    @Test
    void theStoredGazetteerPlacesTheDevSetAsTheFilesDo(Database db) throws Exception {
        Path tsv = GeocoderTest.GEODATA.getParent().resolve("bench/placement-dev.tsv");
        RowEvaluation.Result stored;
        try (Connection c = db.connection()) {
            stored = RowEvaluation.evaluate(c, tsv);
        }
        Gazetteer fromFiles = Gazetteer.fromFiles(GeocoderTest.GEODATA);
        RowEvaluation.Result files = RowEvaluation.evaluate(new Geocoder(fromFiles,
                PlanAreaKeywords.read(GeocoderTest.GEODATA.resolve("plan-areas.json")),
                atlas.lines.LineRegistryFiles.fromGeodata(GeocoderTest.GEODATA)), new ListContext(fromFiles), RowEvaluation.read(tsv));
        assertEquals(files.fromRow(), stored.fromRow());
        assertEquals(files.labelled(), stored.labelled());
        for (int i = 0; i < files.outcomes().size(); i++) {
            assertEquals(files.outcomes().get(i).placed(), stored.outcomes().get(i).placed(), files.outcomes().get(i).row().name());
        }
    }

    @Test
    void theBundledListsLabelledRowsLoseNothing(Database db) throws Exception {
        Evaluation.Result r;
        try (Connection c = db.connection()) {
            r = Evaluation.evaluate(c, GeocoderTest.GEODATA.getParent().resolve("bench/geocode-eval.csv"));
        }
        assertEquals(r.labelled(), r.found());
        // 0.957 before the rules for new lists (normalised text, names in context, sections, sites).
        assertTrue(r.f1() >= 0.957, "bench/geocode-eval.csv F1 " + r.f1() + "; misses " + r.misses());
    }
}
