package atlas.geocode;

import atlas.gazetteer.Gazetteer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A district's list that names the district in most rows places its other rows there, for review. */
@Tag("unit")
class ListContextTest {
    private static Gazetteer gazetteer;
    private static Geocoder geocoder;

    @BeforeAll
    static void load() {
        gazetteer = Gazetteer.fromFiles(GeocoderTest.GEODATA);
        geocoder = new Geocoder(gazetteer, PlanAreaKeywords.read(GeocoderTest.GEODATA.resolve("plan-areas.json")));
    }

    private static List<Placement> placeAsOneList(String... names) {
        List<Placement> placed = new ArrayList<>();
        for (String name : names) {
            placed.add(geocoder.place(new ProjectFacts(placed.size() + 1, "k", name, List.of(), "", List.of(), "")));
        }
        return new ListContext(gazetteer).apply(Collections.nCopies(names.length, 1L), placed,
                Collections.nCopies(names.length, false));
    }

    @Test
    void rowsThatNameNoPlaceTakeTheCountyMostOfTheirListIsIn() {
        List<Placement> p = placeAsOneList("萧山城市文化公园", "萧山亚运社区", "瓜沥七彩社区", "时代大道改建工程",
                "杭州市某医院院区项目");
        assertEquals(List.of("330109"), p.get(3).countyCodes());
        assertEquals("list", p.get(3).counties().get(0).method());
        assertEquals("list-context", p.get(3).review().orElseThrow().kind());
        assertTrue(p.get(3).review().get().reason().contains("3/3"), p.get(3).review().get().reason());
        // A row that names only the county's city is that county's too.
        assertEquals(List.of("330109"), p.get(4).countyCodes());
        // The rows that name their place keep it.
        assertEquals("name", p.get(0).counties().get(0).method());
    }

    @Test
    void aListSpreadOverSeveralCountiesGivesNothing() {
        List<Placement> p = placeAsOneList("萧山城市文化公园", "余杭区良睦路道路工程", "桐庐县第一人民医院迁建工程",
                "萧山亚运社区", "时代大道改建工程");
        assertEquals(List.of(), p.get(4).countyCodes());
        // Nor does a list with too few placed rows.
        assertEquals(List.of(), placeAsOneList("萧山城市文化公园", "萧山亚运社区", "时代大道改建工程").get(2).countyCodes());
    }

    @Test
    void aRowOfAnotherCityIsLeftAlone() {
        List<Placement> p = placeAsOneList("萧山城市文化公园", "萧山亚运社区", "瓜沥七彩社区", "嘉兴市某商贸综合体");
        assertEquals("city", p.get(3).precision());
        assertEquals(List.of("330400"), p.get(3).cityCodes());
    }
}
