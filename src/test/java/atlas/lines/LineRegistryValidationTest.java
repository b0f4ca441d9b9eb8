package atlas.lines;

import atlas.gazetteer.CsvTable;
import atlas.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A registry with a fault is refused as a whole, and the error names the line and what is wrong. */
class LineRegistryValidationTest {
    private static final String LINES_HEADER = "line_id,kind,name,aliases,source_title,source_publisher,source_date,source_url,note\n";
    private static final String NODES_HEADER = "line_id,seq,node,county_code,outside,lon,lat,source_note\n";
    private static final String SECTIONS_HEADER = "line_id,section,aliases,from_node,to_node,source_note\n";

    /** Today's county codes, from the bundled gazetteer. */
    private static Set<String> counties() {
        return CsvTable.read(TestDatabases.home().resolve("geodata/gazetteer/divisions.csv")).stream()
                .filter(r -> "county".equals(r.get("level")) && CsvTable.value(r, "valid_to") == null)
                .map(r -> r.get("code")).collect(Collectors.toSet());
    }

    private static Path folder(Path root, String name, String lines, String nodes, String sections) throws IOException {
        Path f = Files.createDirectories(root.resolve(name));
        Files.writeString(f.resolve("lines.csv"), LINES_HEADER + lines);
        Files.writeString(f.resolve("nodes.csv"), NODES_HEADER + nodes);
        Files.writeString(f.resolve("sections.csv"), SECTIONS_HEADER + sections);
        return f;
    }

    private static final String GOOD_LINE = "t1,rail,测试铁路,测铁|测试线,某某铁路开通,某某报,2024-01-01,https://example.org/a,\n";
    private static final String GOOD_NODES = """
            t1,1,甲站,330110,,,,
            t1,2,乙站,330521,,,,
            t1,3,丙站,,江苏省,,,
            """;

    private static LineRegistryException refused(Path root) {
        return assertThrows(LineRegistryException.class, () -> LineRegistryFiles.read(root, counties()));
    }

    @Test
    void aGoodRegistryReadsItsLinesNodesAndSections(@TempDir Path root) throws IOException {
        folder(root, "rail", GOOD_LINE, GOOD_NODES, "t1,甲至乙段,,甲站,乙站,\n");
        LineRegistry r = LineRegistryFiles.read(root, counties());
        Line l = r.line("rail/t1").orElseThrow();
        assertEquals(List.of("测试铁路", "测铁", "测试线"), l.names());
        assertEquals(List.of("330110", "330521"), l.counties());
        assertEquals("江苏省", l.nodes().get(2).outside());
        assertEquals("某某铁路开通，某某报，2024-01-01", l.source().cite());
        assertEquals(1, l.sections().size());
    }

    @Test
    void anUnknownCountyCodeNamesTheLineAndTheNode(@TempDir Path root) throws IOException {
        folder(root, "rail", GOOD_LINE, GOOD_NODES + "t1,4,丁站,330199,,,,\n", "");
        String m = refused(root).getMessage();
        assertTrue(m.contains("line t1") && m.contains("丁站") && m.contains("unknown county code 330199"), m);
    }

    @Test
    void aNodeOutsideTheProvinceMustBeMarked(@TempDir Path root) throws IOException {
        folder(root, "rail", GOOD_LINE, GOOD_NODES + "t1,4,上海南站,310104,,,,\nt1,5,无名站,,,,,\n", "");
        LineRegistryException e = refused(root);
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("line t1") && p.contains("上海南站")
                && p.contains("outside the province but the node is not marked")), e.getMessage());
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("无名站") && p.contains("not marked as outside")), e.getMessage());
    }

    @Test
    void aNameUsedByTwoLinesIsRefusedNamingBoth(@TempDir Path root) throws IOException {
        folder(root, "rail", GOOD_LINE, GOOD_NODES, "");
        // The other folder (another helper's) gives its line an alias that is already t1's name.
        folder(root, "roads", "r1,expressway,测试高速,测试线,某某高速通车,某某报,2024,,\n",
                "r1,1,甲互通,330110,,,,\nr1,2,乙互通,330521,,,,\n", "");
        String m = refused(root).getMessage();
        assertTrue(m.contains("line r1") && m.contains("'测试线' is already a name of line rail/t1"), m);
    }

    @Test
    void aSectionWhoseEndIsNotANodeNamesTheLine(@TempDir Path root) throws IOException {
        folder(root, "rail", GOOD_LINE, GOOD_NODES, "t1,甲至戊段,,甲站,戊站,\n");
        String m = refused(root).getMessage();
        assertTrue(m.contains("line t1") && m.contains("to_node '戊站' is not a node of line t1"), m);
    }

    @Test
    void everyProblemIsListedAndNothingIsReturned(@TempDir Path root) throws IOException {
        folder(root, "rail", GOOD_LINE + "t2,ship,坏线,,,,,,\n",
                GOOD_NODES + "t2,x,甲,330110,,,,\nt3,1,乙,330110,,,,\nt1,1,重复,330110,,,,\nt1,9,坐标,330110,,30.2,120.1,\n", "");
        List<String> problems = refused(root).problems();
        for (String expected : List.of("kind 'ship'", "no source", "seq 'x' is not a number", "line t3 is not in",
                "seq 1 is used twice", "lon/lat swapped", "line t2 (坏线): 0 node(s)")) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), expected + " not in " + problems);
        }
    }

    @Test
    void aMissingColumnOrBrokenFileIsReported(@TempDir Path root) throws IOException {
        Path f = folder(root, "rail", GOOD_LINE, GOOD_NODES, "");
        Files.writeString(f.resolve("nodes.csv"), "line_id,seq,node\nt1,1,甲站\n");
        String m = refused(root).getMessage();
        assertTrue(m.contains("rail/nodes.csv: missing column(s) [county_code, outside, lon, lat, source_note]"), m);
    }
}
