package atlas.geocode;

import atlas.gazetteer.Gazetteer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the geocoder does on rows from lists it has never seen (bench/placement-dev.tsv, 23 public
 * pages, labelled by hand): county-level F1 may not fall below what was reached. The bundled lists'
 * labelled rows are held in {@link PlacementDevSetDatabaseTest}, on the stored placements.
 */
@Tag("unit")
class PlacementDevSetTest {
    private static final Path HOME = GeocoderTest.GEODATA.getParent();
    private static Gazetteer gazetteer;
    private static Geocoder geocoder;

    @BeforeAll
    static void load() {
        gazetteer = Gazetteer.fromFiles(GeocoderTest.GEODATA);
        geocoder = new Geocoder(gazetteer, PlanAreaKeywords.read(GeocoderTest.GEODATA.resolve("plan-areas.json")),
                atlas.lines.LineRegistryFiles.fromGeodata(GeocoderTest.GEODATA));
    }

    @Test
    void rowsFromListsWeHaveNeverSeenArePlacedAsTheirReadersPlaceThem() {
        List<RowEvaluation.Row> rows = RowEvaluation.read(HOME.resolve("bench/placement-dev.tsv"));
        assertEquals(193, rows.size());
        RowEvaluation.Result r = RowEvaluation.evaluate(geocoder, new ListContext(gazetteer), rows);
        // Every row came back from the CSV reader and was placed.
        assertEquals(rows.size(), r.outcomes().size());
        assertEquals(109, r.fromRow().rows());
        assertEquals(183, r.labelled().rows());
        System.out.printf("placement dev set: from_row P=%.3f R=%.3f F1=%.3f; all labelled P=%.3f R=%.3f F1=%.3f%n",
                r.fromRow().precision(), r.fromRow().recall(), r.fromRow().f1(),
                r.labelled().precision(), r.labelled().recall(), r.labelled().f1());
        assertTrue(r.fromRow().f1() >= 0.99, "rows readable from themselves: F1 " + r.fromRow().f1() + ", misses "
                + r.misses().stream().filter(o -> o.row().fromRow()).map(o -> o.row().name() + " " + o.placed()).toList());
        assertTrue(r.labelled().f1() >= 0.71, "all labelled rows: F1 " + r.labelled().f1());
    }
}
