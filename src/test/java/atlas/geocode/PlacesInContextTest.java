package atlas.geocode;

import atlas.gazetteer.Gazetteer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows as lists we have never seen write them: traditional characters, names inside longer words,
 * towns that several counties share, a road's section, Hangzhou's planning units and well-known sites.
 * The counties are the ones a planner reading the row would give.
 */
@Tag("unit")
class PlacesInContextTest {
    private static Geocoder geocoder;

    @BeforeAll
    static void load() {
        geocoder = new Geocoder(Gazetteer.fromFiles(GeocoderTest.GEODATA),
                PlanAreaKeywords.read(GeocoderTest.GEODATA.resolve("plan-areas.json")));
    }

    private static List<String> counties(String name, String location, String... units) {
        return geocoder.place(new ProjectFacts(1, "k", name, List.of(), location, List.of(units), "")).countyCodes();
    }

    @Test
    void traditionalCharactersFullWidthFormsAndPinyinGlossesReadAsTheGazetteerWritesNames() {
        assertEquals(List.of("331126"), counties("慶元縣城污水處理廠擴建工程", ""));
        assertEquals(List.of("330303"), counties("溫州空港新區(qū)物流園項(xiàng)目", ""));
        // 於潜 and 乾潭 are simplified usage: a row holding them is not converted (於 would become 于).
        assertEquals(List.of("330112"), counties("於潜镇污水管网工程", ""));
        assertEquals(List.of("330182"), counties("乾潭镇农贸市场改造", ""));
        // Full-width planning-unit code and brackets.
        assertEquals(List.of("330105"), counties("申花单元ＧＳ０４０５－Ｂ１２地块幼儿园", ""));
    }

    @Test
    void aTownWinsOnlyWhenNothingInTheRowContradictsIt() {
        // 太阳 (临安区's 太阳镇) inside 太阳能, in a row that names 海盐县.
        assertEquals(List.of("330424"), counties("海盐县某新能源公司年产500兆瓦太阳能组件项目", ""));
        // 梅溪 (安吉县's 梅溪镇) as the name of a river in 庆元县.
        assertEquals(List.of("331126"), counties("庆元县梅溪流域生态修复工程", ""));
        // A town's name inside a common noun is not the town, even when the row names no county (HanLP's words).
        assertEquals(List.of(), counties("某新能源公司年产500兆瓦太阳能组件项目", ""));
        assertEquals(List.of(), counties("某水厂取水口上移工程", ""));
        // Without a county in the row, the town still places it.
        assertEquals(List.of("330523"), counties("梅溪镇污水零直排区建设", ""));
        // A town of another county in the same city is contradicted by the county the row names.
        assertEquals(List.of("330113"), counties("临平区良渚文化遗址保护展示工程", ""));
    }

    @Test
    void aTownNameSeveralCountiesShareIsTheOneInTheCityTheRowNames() {
        // 溪口: 奉化区 (宁波) and 龙游县 (衢州).
        assertEquals(List.of("330213"), counties("宁波市溪口旅游集散中心", ""));
        assertEquals(List.of("330825"), counties("衢州市溪口老街保护利用", ""));
        // 丁桥: 上城区's area (the old 丁桥镇 of 江干区) and 海宁市's 丁桥镇.
        assertEquals(List.of("330102"), counties("杭州市丁桥单元社区养老中心", ""));
        assertEquals(List.of("330481"), counties("海宁市丁桥镇工业园区道路", ""));
    }

    @Test
    void aCountyShortNameGluedInsideAWordIsNotThatCounty() {
        // 浦江 (金华) inside the river name 小浦江, in a row that names 永嘉县 (温州).
        assertEquals(List.of("330324"), counties("永嘉县小浦江河道综合整治工程", ""));
        // Written as a list, both counties stand.
        assertEquals(List.of("330324", "330726"), counties("永嘉县、浦江县山区河道整治工程", "").stream().sorted().toList());
    }

    @Test
    void theClausesNamingASitesNeighboursAreNotPlaces() {
        // 路南 (路桥区's street) in '…路南至…' is the south side of a road.
        assertEquals(List.of("330402"), counties("南湖新区商业综合体",
                "位于建设街道，东至中环东路，南至广益路，西至昌盛南路，北至纺工路"));
    }

    @Test
    void aUnitWrittenAsATownOrStreetPlacesTheRow() {
        assertEquals(List.of("330302"), counties("总部经济园二期", "", "温州市鹿城区双屿街道办事处"));
        assertEquals(List.of("330302"), counties("总部经济园二期", "", "双屿街道"));
    }

    @Test
    void aSectionIsPlacedOnTheCountyItsNamedPlacesLieIn() {
        // The road runs 龙泉–丽水–温州; this project is its stretch between two towns of 文成县.
        Placement p = geocoder.place(new ProjectFacts(1, "k", "龙丽温高速公路文成县南田至二源段", List.of(), "", List.of(), ""));
        assertEquals(List.of("330328"), p.countyCodes());
        assertEquals("county", p.precision());
        assertTrue(p.counties().get(0).evidence().contains("南田、二源"), p.counties().get(0).evidence());
        // 建设地点 names where this part of the line lies.
        assertEquals(List.of("330109"), counties("杭州至绍兴城际铁路", "萧山区"));
    }

    @Test
    void hangzhouPlanningUnitCodesNameTheirDistrict() {
        assertEquals(List.of("330105"), counties("申花单元GS0403-A33-31地块九年一贯制学校", ""));
        assertEquals(List.of("330102"), counties("四堡七堡单元JG1402-49地块社区中心", ""));
        assertEquals(List.of("330109"), counties("蜀山单元(XSCQ27)规划道路", ""));
        // A code-like word outside a unit or plot is not read ('GS0403' alone could be anything).
        assertEquals(List.of(), counties("GS0403型设备采购", ""));
        // A row in another city is not moved to Hangzhou by a code of the same shape.
        assertEquals(List.of("330502"), counties("湖州市吴兴区单元GS0101-02地块", ""));
    }

    @Test
    void wellKnownSitesAndZonesPlaceTheRow() {
        assertEquals(List.of("330411"), counties("嘉兴机场航站楼配套工程", ""));
        assertEquals(List.of("330112"), counties("吴越国王陵保护提升", ""));
        assertEquals(List.of("330402"), counties("梅花洲景区提升工程", ""));
        assertEquals(List.of("330113"), counties("玉架山遗址公园二期", ""));
        assertEquals(List.of("330127"), counties("杭州市特别生态功能区生态补偿项目", ""));
        assertEquals(List.of("330106"), counties("中国美术学院象山校区改造", ""));
        // A site's longer name wins over a street's short name inside it (状元岙 is 洞头区, 状元 a street of 龙湾区).
        assertEquals(List.of("330305"), counties("温州港状元岙港区二期工程", ""));
    }
}
