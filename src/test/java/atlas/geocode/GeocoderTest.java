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
 * Each evidence level of the geocoder on rows written like the seed lists', with the bundled gazetteer
 * read from geodata/ (no database): what a planner would see as the project's counties and why.
 */
@Tag("unit")
class GeocoderTest {
    static final Path GEODATA = Path.of(System.getProperty("atlas.home", "."), "geodata");
    private static Geocoder geocoder;

    @BeforeAll
    static void load() {
        geocoder = new Geocoder(Gazetteer.fromFiles(GEODATA), PlanAreaKeywords.read(GEODATA.resolve("plan-areas.json")));
    }

    private static Placement place(String name, List<String> codes, String location, List<String> units) {
        return geocoder.place(new ProjectFacts(1, "k", name, codes, location, units, ""));
    }

    private static List<String> methods(Placement p) {
        return p.counties().stream().map(Placement.PlacedCounty::method).toList();
    }

    @Test
    void theDivisionCodeInsideTheProjectCodeWinsOverTheNameAndSaysSo() {
        // 柯桥区's code on a road named after 上虞: the code places it, the name is reported as a disagreement.
        Placement p = place("329国道上虞至临安公路柯桥钱清至萧山界段改建工程", List.of("2019-330603-54-01-008104-000"), "",
                List.of("绍兴市政府"));
        assertEquals(List.of("330603"), p.countyCodes());
        assertEquals(List.of("code"), methods(p));
        assertEquals("disagreement", p.review().orElseThrow().kind());
        assertTrue(p.review().get().reason().contains("上虞区"), p.review().get().reason());
    }

    @Test
    void aCodeIssuedBeforeTheSplitOfYuhangFollowsTheRowThatNamesLinping() {
        Placement linping = place("杭州临平鼎湖社区", List.of("2105-330110-04-01-544556"), "", List.of("杭州市政府"));
        assertEquals(List.of("330113"), linping.countyCodes());
        assertTrue(linping.review().isEmpty());
        // Nothing in the row names a part: the code's own county, with the doubt sent to review.
        Placement unsure = place("某社区改造", List.of("2105-330110-04-01-544556"), "", List.of());
        assertEquals(List.of("330110"), unsure.countyCodes());
        assertEquals("ambiguous", unsure.review().orElseThrow().kind());
    }

    @Test
    void theConstructionSiteColumnPlacesARowWithoutACode() {
        Placement p = place("科创中心项目", List.of(), "杭州市萧山区、余杭区", List.of());
        assertEquals(List.of("330109", "330110"), p.countyCodes());
        assertEquals("counties", p.precision());
        assertEquals(List.of("330100"), p.cityCodes());
        assertEquals(List.of("location", "location"), methods(p));
    }

    @Test
    void aCountyInTheNameCountsOnlyInsideTheRowsCity() {
        // 祥符 is also a street of 拱墅区 (杭州): read as a place only while the row names no city.
        Placement anywhere = place("嘉善县祥符荡科创绿谷项目", List.of(), "", List.of());
        assertEquals(List.of("330421", "330105"), anywhere.countyCodes());
        Placement inJiaxing = place("嘉善县祥符荡科创绿谷项目", List.of(), "", List.of("嘉兴市人民政府"));
        assertEquals(List.of("330421"), inJiaxing.countyCodes());
        assertEquals(List.of("name"), methods(inJiaxing));
    }

    @Test
    void aRouteKeepsTheOrderOfItsEndsAndASegmentPlacesOneCounty() {
        Placement line = place("杭州至温州铁路", List.of(), "", List.of());
        assertEquals("route", line.precision());
        assertEquals("330100", line.cityCodes().get(0));
        assertEquals("330300", line.cityCodes().get(line.cityCodes().size() - 1));
        Placement segment = place("青田至文成高速公路(文成段)", List.of(), "", List.of("温州市政府"));
        assertEquals(List.of("330328"), segment.countyCodes());
        assertEquals("county", segment.precision());
        assertEquals(List.of("route"), methods(segment));
    }

    @Test
    void theResponsibleUnitPlacesARowThatNamesNoPlaceElsewhere() {
        Placement p = place("数字经济产业园", List.of(), "", List.of("桐乡市人民政府"));
        assertEquals(List.of("330483"), p.countyCodes());
        assertEquals(List.of("unit"), methods(p));
    }

    @Test
    void anOldDistrictNameGoesToTheCountyThatTookMostOfItWithAReview() {
        Placement p = place("杭州李宁体育公园", List.of(), "杭州市江干区", List.of());
        assertEquals(List.of("330102"), p.countyCodes());
        assertEquals("ambiguous", p.review().orElseThrow().kind());
        assertTrue(p.review().get().reason().contains("钱塘区"), p.review().get().reason());
    }

    @Test
    void rowsWithoutACountyAreProvinceCityOrUnknownAndAllGoToReview() {
        Placement province = place("全省新型基础设施建设", List.of(), "全省", List.of());
        assertEquals("province", province.precision());
        assertEquals("province", province.review().orElseThrow().kind());
        Placement city = place("金华理工学院项目", List.of(), "金华市", List.of());
        assertEquals("city", city.precision());
        assertEquals(List.of("330700"), city.cityCodes());
        assertEquals("city-only", city.review().orElseThrow().kind());
        Placement unknown = place("某某项目", List.of(), "", List.of());
        assertEquals("unknown", unknown.precision());
        assertEquals("unplaced", unknown.review().orElseThrow().kind());
    }

    @Test
    void aPlanAreaNamedInTheRowIsMentioned() {
        Placement p = place("浙南科技城研发中心", List.of(), "温州市浙南科技城", List.of());
        assertTrue(p.areas().stream().anyMatch(a -> a.areaId().equals("sci-dalaoshan")), p.areas().toString());
    }
}
