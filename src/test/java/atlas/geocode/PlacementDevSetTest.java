package atlas.geocode;

import atlas.gazetteer.CsvTable;
import atlas.gazetteer.Gazetteer;
import atlas.ingest.DocumentReader;
import atlas.ingest.ParsedTable;
import atlas.ingest.ProjectRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the geocoder does on rows from lists it has never seen (bench/placement-dev.tsv, 23 public
 * pages, labelled by hand) and on the labelled rows of the bundled lists (bench/geocode-eval.csv):
 * county-level F1 may not fall below what was reached.
 */
@Tag("unit")
class PlacementDevSetTest {
    private static final Path HOME = GeocoderTest.GEODATA.getParent();
    private static Geocoder geocoder;

    @BeforeAll
    static void load() {
        geocoder = new Geocoder(Gazetteer.fromFiles(GeocoderTest.GEODATA),
                PlanAreaKeywords.read(GeocoderTest.GEODATA.resolve("plan-areas.json")));
    }

    @Test
    void rowsFromListsWeHaveNeverSeenArePlacedAsTheirReadersPlaceThem() {
        List<RowEvaluation.Row> rows = RowEvaluation.read(HOME.resolve("bench/placement-dev.tsv"));
        assertEquals(193, rows.size());
        RowEvaluation.Result r = RowEvaluation.evaluate(geocoder, rows);
        // Every row came back from the CSV reader and was placed.
        assertEquals(rows.size(), r.outcomes().size());
        assertEquals(109, r.fromRow().rows());
        assertEquals(183, r.labelled().rows());
        System.out.printf("placement dev set: from_row P=%.3f R=%.3f F1=%.3f; all labelled P=%.3f R=%.3f F1=%.3f%n",
                r.fromRow().precision(), r.fromRow().recall(), r.fromRow().f1(),
                r.labelled().precision(), r.labelled().recall(), r.labelled().f1());
        assertTrue(r.fromRow().f1() >= 0.99, "rows readable from themselves: F1 " + r.fromRow().f1() + ", misses "
                + r.misses().stream().filter(o -> o.row().fromRow()).map(o -> o.row().name() + " " + o.placed()).toList());
        assertTrue(r.labelled().f1() >= 0.64, "all labelled rows: F1 " + r.labelled().f1());
    }

    @Test
    void theBundledListsLabelledRowsLoseNothing() throws Exception {
        Path geodata = GeocoderTest.GEODATA;
        Map<String, ProjectRecord> records = new HashMap<>();
        for (String list : List.of("000_88eec6f24652ebc7.txt", "001_30a6bebbb49a94f9.txt")) {
            for (ParsedTable t : DocumentReader.read(geodata.resolve("lists").resolve(list)).tables()) {
                for (ProjectRecord p : t.projects()) {
                    records.put(list + "|" + t.title() + "|" + p.seq(), p);
                }
            }
        }
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int n = 0;
        for (Map<String, String> label : CsvTable.read(HOME.resolve("bench/geocode-eval.csv"))) {
            ProjectRecord p = records.get(label.get("source") + "|" + label.get("table") + "|" + label.get("seq"));
            assertNotNull(p, "labelled row not in the bundled lists: " + label);
            Placement placed = geocoder.place(new ProjectFacts(++n, "k" + n, p.name(), p.projectCodes(), p.locationText(),
                    p.responsibleUnits(), p.content() + " " + p.progress()));
            Set<String> expected = new TreeSet<>();
            String codes = CsvTable.value(label, "expected_counties");
            for (String c : codes == null ? new String[0] : codes.split(";")) {
                expected.add(c.trim());
            }
            Set<String> hit = new TreeSet<>(placed.countyCodes());
            hit.retainAll(expected);
            tp += hit.size();
            fp += placed.countyCodes().size() - hit.size();
            fn += expected.size() - hit.size();
        }
        assertEquals(266, n);
        double precision = (double) tp / (tp + fp);
        double recall = (double) tp / (tp + fn);
        double f1 = 2 * precision * recall / (precision + recall);
        System.out.printf("geocode-eval: P=%.3f R=%.3f F1=%.3f%n", precision, recall, f1);
        assertTrue(f1 >= 0.957, "bench/geocode-eval.csv F1 " + f1 + " (TP " + tp + ", FP " + fp + ", FN " + fn + ")");
    }
}
