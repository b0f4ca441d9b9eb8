package atlas.gazetteer;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-added sites and planning-unit prefixes are loaded only with a public source on every row. */
@Tag("unit")
class SiteSourcesTest {
    private static final Path GEODATA = Path.of(System.getProperty("atlas.home", "."), "geodata");

    private static Path copyOfGazetteer(Path dir) throws IOException {
        Path gazetteer = Files.createDirectories(dir.resolve("gazetteer"));
        try (Stream<Path> files = Files.list(GEODATA.resolve("gazetteer"))) {
            for (Path f : files.toList()) {
                Files.copy(f, gazetteer.resolve(f.getFileName()));
            }
        }
        return gazetteer;
    }

    @Test
    void theBundledSitesAndUnitPrefixesAreReadWithTheirCounties() {
        Gazetteer g = Gazetteer.fromFiles(GEODATA);
        assertEquals("330411", g.lookup("嘉兴机场").get(0).code());
        assertEquals("landmark", g.lookup("嘉兴机场").get(0).aliasKind());
        assertEquals("330105", g.planningUnitCounty("GS").orElseThrow());
        assertTrue(g.planningUnitCounty("ZZ").isEmpty());
    }

    @Test
    void aSiteWithoutASourceRefusesTheGazetteerAndNamesTheRow(@TempDir Path dir) throws Exception {
        Path gazetteer = copyOfGazetteer(dir);
        Files.writeString(gazetteer.resolve("sites.csv"), "alias,code,kind,note,source\n"
                + "嘉兴机场,330411,landmark,note,\"嘉兴南湖机场; Wikipedia\"\n"
                + "某某新区,330402,zone,no source here,\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gazetteer.fromFiles(dir));
        assertTrue(e.getMessage().contains("sites.csv row 3 (某某新区): no source"), e.getMessage());
    }

    @Test
    void aPlanningUnitPrefixMustBeUpperCaseLettersWithASource(@TempDir Path dir) throws Exception {
        Path gazetteer = copyOfGazetteer(dir);
        Files.writeString(gazetteer.resolve("planning-units.csv"), "prefix,code,district,note,source\ngs,330105,拱墅区,,scheme\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gazetteer.fromFiles(dir));
        assertTrue(e.getMessage().contains("planning-units.csv row 2 (gs)"), e.getMessage());
    }
}
