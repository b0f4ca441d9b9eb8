package atlas.geocode;

import atlas.gazetteer.Gazetteer;
import atlas.lines.LineRegistryFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows naming a line of the registry, whole or a stretch of it, land on the counties the line's public
 * source puts its stations or interchanges in. Each expected set is written from the cited source's
 * station list (in the comment: the source, then station → county as the source states it or as the
 * station's town lies), not from the geocoder's answer.
 */
@Tag("unit")
class LineCountiesTest {
    private static Geocoder geocoder;

    @BeforeAll
    static void load() {
        Path g = GeocoderTest.GEODATA;
        geocoder = new Geocoder(Gazetteer.fromFiles(g), PlanAreaKeywords.read(g.resolve("plan-areas.json")),
                LineRegistryFiles.fromGeodata(g));
    }

    private static Placement place(String name) {
        return geocoder.place(new ProjectFacts(1, "k", name, List.of(), "", List.of(), ""));
    }

    private static void assertCounties(String name, String... expected) {
        Placement p = place(name);
        assertEquals(new TreeSet<>(List.of(expected)), new TreeSet<>(p.countyCodes()), name + ": " + p.counties());
        assertTrue(p.counties().stream().allMatch(c -> c.method().equals("line") && c.evidence().contains("来源：")),
                name + ": every county from the registry, with its source: " + p.counties());
        assertTrue(!p.lines().isEmpty(), name + " follows a registry line");
    }

    @Test
    void hangzhouWenzhouRailway() {
        // 杭温高铁将于9月6日开通 (澎湃新闻, 2024-09-05) and the field notes' station list: 桐庐东 (桐庐),
        // 浦江, 义乌, 横店 (东阳), 磐安, 仙居, 楠溪江 (永嘉枫林), 温州北 (永嘉黄田), 温州南 (瓯海).
        assertCounties("杭温铁路", "330122", "330726", "330782", "330783", "330727", "331024", "330324", "330304");
        // 一期 义乌至温州: 义乌 then 横店, 磐安, 仙居, 楠溪江, 温州北, 温州南 (温州日报, 一期站房).
        assertCounties("杭温铁路义乌至温州段", "330782", "330783", "330727", "331024", "330324", "330304");
    }

    @Test
    void jinhuaNingboRailway() {
        // 甬金铁路定名 沿线车站定名 (中国宁波网, 2023-08-01): 云龙 (鄞州), 奉化, 溪口 (奉化), 新昌北, 嵊州新昌
        // (嵊州三江街道), 嵊州西, 东阳北, 苏溪 (义乌), 义乌.
        assertCounties("金甬铁路（金华至宁波铁路）", "330212", "330213", "330624", "330683", "330783", "330782");
        // 奉化境内设奉化和溪口2个车站 (宁波日报 2018).
        assertCounties("金甬铁路奉化段", "330213");
    }

    @Test
    void hangzhouQuzhouRailway() {
        // 杭衢高铁开始试运行 (人民网, 2025-11-20): 建德, 建德南, 龙游北, 衢江, 衢州西 (柯城), 江山.
        assertCounties("杭衢铁路", "330182", "330825", "330803", "330802", "330881");
        // 建德至衢州段 = the whole built line (浙江在线 2018-10-09, 可研批复: 建德 to 江山, 6 stations).
        assertCounties("杭衢铁路建德至衢州段", "330182", "330825", "330803", "330802", "330881");
        assertCounties("杭衢铁路衢州段", "330825", "330803", "330802", "330881");
    }

    @Test
    void shanghaiSuzhouHuzhouRailway() {
        // 沪苏湖高速铁路定名 (中国铁路上海局集团, 2024-05): in Zhejiang 湖州南浔 (南浔), 湖州东 and 湖州 (吴兴).
        assertCounties("沪苏湖铁路", "330503", "330502");
        assertCounties("沪苏湖铁路（浙江段）", "330503", "330502");
    }

    @Test
    void hangzhouTaizhouRailwayToYuhuan() {
        // 温岭至玉环段可研批复 (浙江省发展改革委, 2018-11-06): 温岭境内 and 玉环境内.
        assertCounties("杭绍台铁路温岭至玉环段", "331081", "331083");
        // 杭台高铁站点定名 (浙江日报, 2021-06-03): 绍兴北 (越城), 上虞南, 嵊州北, 嵊州新昌 (at the 嵊州/新昌
        // border), 天台山 (天台); the 2018 route list: 经绍兴市越城、上虞、嵊州、新昌.
        assertCounties("杭台高铁绍兴段", "330602", "330604", "330683", "330624");
    }

    @Test
    void ningboXiangshanSuburbanRailway() {
        // 宁波至象山市域(郊)铁路工程规划选址批前公示 (宁波市自然资源和规划局, 2022-08-04): 位于鄞州区、象山县.
        assertCounties("宁波至象山市域(郊)铁路工程项目", "330212", "330225");
        assertCounties("宁波至象山市域铁路象山段", "330225");
    }

    @Test
    void wenzhouS2Line() {
        // 温州S2线一期站点名称公布 (温州晚报, 2023-04-15): 清东路 … 柳市东 in 乐清, 灵昆 (洞头), 机场 … 海城 in
        // 龙湾, 鲍田 … 东山 in 瑞安; 温州商报 2022-05-15: 横跨洞头、龙湾、乐清、瑞安.
        assertCounties("温州市域铁路S2线", "330382", "330305", "330303", "330381");
        assertCounties("温州市域铁路S2线瑞安段", "330381");
    }

    @Test
    void wenzhouS1Line() {
        // 市域铁路S1线21个车站有了"大名" (温州网, 2017-07-26): 桐岭, 潘桥, 动车南, 新桥 in 瓯海; 德政, 惠民 in 鹿城;
        // 瑶溪, 永中, 机场 in 龙湾; 灵昆, 双瓯大道 in 洞头.
        assertCounties("温州市域铁路S1线一期工程", "330304", "330302", "330303", "330305");
        assertCounties("温州市域铁路S1线桐岭至德政段", "330304", "330302");
    }

    @Test
    void liuhengBridgeHasBothEnds() {
        // 六横疏港高速公路 (维基百科): 柴桥, 昆亭, 梅山 in 北仑区; 佛渡, 六横 in 普陀区.
        assertCounties("宁波舟山港六横公路大桥", "330206", "330903");
        // 一期 柴桥枢纽至梅山互通 (中国宁波网 2023-03-24: 一期 梅山水道桥).
        assertCounties("宁波舟山港六横公路大桥一期工程", "330206");
    }

    @Test
    void hangzhouShaoxingNingboExpressway() {
        // 杭绍甬高速公路杭州至绍兴段今日通车 (杭州网, 2024-01-19): 起于萧山南阳, 经萧山区、钱塘区、柯桥区、
        // 上虞区, 终于上虞、余姚交界.
        assertCounties("杭绍甬智慧高速公路杭绍段", "330109", "330114", "330603", "330604");
    }

    @Test
    void cangnanTaishunExpressway() {
        // 苍泰高速公路项目获省发改委核准 (浙江之声, 2022-08-16): 沿浦, 岱岭, 桥墩 … in 苍南; 彭溪, 泗溪 … 罗阳 in 泰顺.
        assertCounties("苍南至泰顺高速公路", "330327", "330329");
        assertCounties("苍南至泰顺高速公路泰顺段", "330329");
    }

    @Test
    void ruianCangnanExpressway() {
        // 瑞苍高速通车 (温州日报): 起于瑞安市高楼镇, 终至苍南县钱库镇, 串联瑞安、平阳、龙港、苍南.
        assertCounties("瑞苍高速公路(龙丽温至甬台温复线联络线)工程", "330381", "330326", "330383", "330327");
        assertCounties("瑞苍高速公路平阳段", "330326");
    }

    @Test
    void ningboTaizhouWenzhouExpresswaySections() {
        // 甬台温高速公路改扩建台州段 (今日黄岩, 2022-04-06): 起于三门县麻岙岭, 临海南 (青岭); 青岭至大溪岭 via 院桥 (黄岩).
        assertCounties("甬台温高速公路改扩建工程台州段(三门麻岙岭至临海青岭)", "331022", "331082");
        assertCounties("甬台温高速公路改扩建工程台州段(临海青岭至温岭大溪岭)", "331082", "331003", "331081");
        // 宁波段 (中国宁波网 2024-08-05, 浙江交投 2023-02-06): 姜山 (鄞州), 西坞 (奉化), 黄坛 (宁海).
        assertCounties("甬台温高速公路改扩建工程宁波段(奉化西坞至麻岙岭)", "330213", "330226");
    }

    @Test
    void suzhouTaizhouExpresswayAndItsLink() {
        // 苏台高速公路南浔至桐乡段及桐乡至德清联络线(一期)申请报告核准 (浙江省交通运输厅, 2020-12-11): 南浔 to
        // 桐乡 骑塘; the link 凤鸣 (桐乡) to 新市枢纽 (德清).
        assertCounties("苏台高速公路南浔至桐乡段", "330503", "330483");
        assertCounties("苏台高速公路南浔至桐乡段及桐乡至德清联络线工程(一期)", "330503", "330483", "330521");
    }

    @Test
    void ningboJinhuaQuzhouShangraoExpressway() {
        // 甬金衢上高速公路金华婺城至浙赣界项目初步设计获批 (旅游导报, 2025-01-25): 婺城区汤溪 上镜, 龙游县,
        // 衢江区, 柯城区, 江山市 to the 浙赣界.
        assertCounties("甬金衢上高速金华婺城至浙赣界", "330702", "330825", "330803", "330802", "330881");
    }

    @Test
    void jinhuaJiandeRailway() {
        // 金建高铁兰建段开通运营 (新华社, 2026-02-14): 兰溪东 (兰溪) to 建德; 金华 (婺城) to 兰溪东 opens later.
        assertCounties("金建铁路", "330702", "330781", "330182");
        assertCounties("金建高铁兰建段", "330781", "330182");
    }

    @Test
    void rudongNantongSuzhouHuzhouIntercity() {
        // 苏浙皖三省铁路工作对接会 (南太湖号, 2021-06): 南浔 to 长兴 via 织里, 八里店 (吴兴).
        assertCounties("如通经南通苏州至湖州城际铁路(南浔至长兴段)", "330503", "330502", "330522");
    }

    @Test
    void aStationOrALinkIsNotTheWholeLine() {
        // A freight yard on the line is a site in 义乌 (苏溪镇), not the line from 义乌 to 宁波.
        Placement yard = place("金甬铁路苏溪集装箱办理站");
        assertEquals(List.of("330782"), yard.countyCodes());
        assertTrue(yard.lines().isEmpty());
        // A link between two expressways is not either expressway: here it is a line of its own in 三门.
        Placement link = place("甬台温高速至沿海高速三门联络线(上三高速东延)");
        assertEquals(List.of("331022"), link.countyCodes());
        assertTrue(link.lines().stream().noneMatch(l -> l.lineId().equals("roads/g15_ytw")), link.toString());
        // A road that ends at a national road, and a museum named after the canal, are not those lines.
        assertTrue(place("崇超路(康桥路—320国道)道路工程项目").lines().isEmpty());
        assertTrue(place("中国京杭大运河博物院").lines().isEmpty());
        assertTrue(place("瓯江实验室").lines().isEmpty());
    }

    @Test
    void aCitysTransitProgrammeTakesTheLinesItNamesElseItsNetworkForReview() {
        // Named in the name, by their numbers ('13号线' is not '3号线').
        Placement two = place("杭州地铁3号线、10号线");
        assertEquals(Set.of("rail/hzm3", "rail/hzm10"), lineIds(two));
        // Named in the 建设内容 (the seed's 宁波市城市轨道交通工程).
        Placement ningbo = geocoder.place(new ProjectFacts(1, "k", "宁波市城市轨道交通工程", List.of(), "宁波市", List.of(),
                "轨道交通2号线二期工程、轨道交通4号线、轨道交通5号线一期工程、轨道交通3号线二期工程"));
        assertEquals(Set.of("rail/nbm2", "rail/nbm3", "rail/nbm4", "rail/nbm5"), lineIds(ningbo));
        assertTrue(ningbo.review().isEmpty());
        // Not named at all: the city's metro network as the registry has it, and a review item saying so.
        Placement network = place("宁波市城市轨道交通建设工程");
        assertTrue(lineIds(network).containsAll(Set.of("rail/nbm1", "rail/nbm2", "rail/nbm3", "rail/nbm4", "rail/nbm5")), network.toString());
        assertEquals("line-network", network.review().orElseThrow().kind());
    }

    private static Set<String> lineIds(Placement p) {
        return p.lines().stream().map(Placement.LineCourse::lineId).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void theConstructionSiteNarrowsALineToItsCounties() {
        Placement p = geocoder.place(new ProjectFacts(1, "k", "杭温铁路", List.of(), "金华市义乌市、东阳市", List.of(), ""));
        assertEquals(Set.of("330782", "330783"), Set.copyOf(p.countyCodes()));
    }
}
