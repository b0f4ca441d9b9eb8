package atlas.identity;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scorer's rules on made-up entries (not the seed rows): what a reader of two lists would say. */
class LinkScorerTest {
    private static final LinkScorer SCORER = new LinkScorer();
    private static long ids = 1;

    private static Entry entry(String list, int year, String name, List<String> codes, String total, List<String> counties) {
        return new Entry(ids++, "k" + ids, "f" + ids, year, Optional.of(year), list, name, codes, Optional.empty(), Optional.empty(),
                Optional.ofNullable(total).map(BigDecimal::new), List.of(), "", counties,
                counties.isEmpty() ? List.of() : List.of(counties.get(0).substring(0, 4) + "00"), Map.of(), true);
    }

    private static Optional<Judgement> judge(Entry a, Entry b) {
        return SCORER.judge(a, b);
    }

    @Test
    void aRenamedProjectInALaterListIsTheSameProject() {
        Judgement j = judge(entry("甲 2022 年清单", 2022, "滨海新城会展中心项目", List.of(), "40", List.of("330206")),
                entry("甲 2024 年清单", 2024, "滨海新城会展中心建设工程", List.of(), "42", List.of("330206"))).orElseThrow();
        assertEquals("same", j.relation());
        assertTrue(j.score() >= LinkScorer.LINK, j.toString());
        assertTrue(j.evidence().contains("名称相近") && j.evidence().contains("总投资相近"), j.evidence());
    }

    @Test
    void aSectionIsPartOfTheWholeAndTwoSectionsAreRelated() {
        Entry whole = entry("乙 2023 年清单", 2023, "温台沿海城际铁路", List.of(), "300", List.of("330304", "331082"));
        Entry north = entry("乙 2024 年清单", 2024, "温台沿海城际铁路(台州段)", List.of(), "120", List.of("331082"));
        Entry south = entry("乙 2024 年清单", 2024, "温台沿海城际铁路(温州段)", List.of(), "180", List.of("330304"));
        Judgement part = judge(whole, north).orElseThrow();
        assertEquals("part", part.relation());
        assertEquals(whole.key(), part.partOf());
        assertEquals("related", judge(north, south).orElseThrow().relation(), "sections of one line in other places");
    }

    @Test
    void aLaterPhaseIsRelatedNotTheSame() {
        assertEquals("related", judge(entry("丙 2021 年清单", 2021, "东湖科学城建设工程", List.of(), "50", List.of("330110")),
                entry("丙 2023 年清单", 2023, "东湖科学城建设工程二期", List.of(), "60", List.of("330110"))).orElseThrow().relation());
    }

    @Test
    void aRouteAbbreviationNamesTheSameLine() {
        Judgement j = judge(entry("丁 2021 年清单", 2021, "宁波至奉化城际铁路", List.of(), "100", List.of("330212", "330213")),
                entry("丁 2023 年清单", 2023, "宁奉市域铁路", List.of(), "95", List.of("330213"))).orElseThrow();
        assertEquals("same", j.relation());
        assertTrue(j.evidence().contains("“宁奉”为线路起讫地的简称"), j.evidence());
    }

    @Test
    void oneCodeDecidesAndOneCodeOnTwoNamesWaitsForReview() {
        String code = "2101-330100-04-01-123456";
        Judgement same = judge(entry("戊 2022 年清单", 2022, "甲乙综合体", List.of(code), "10", List.of()),
                entry("戊 2023 年清单", 2023, "甲乙综合体一期工程", List.of(code), "10", List.of())).orElseThrow();
        assertEquals("same", same.relation());
        assertEquals("code", same.method());
        Judgement odd = judge(entry("戊 2023 年清单", 2023, "城北水厂", List.of(code), "3", List.of()),
                entry("戊 2023 年清单", 2023, "年产十万台电机项目", List.of(code), "8", List.of())).orElseThrow();
        assertTrue(odd.score() < LinkScorer.LINK && odd.score() >= LinkScorer.REVIEW, "grey zone: " + odd);
    }

    @Test
    void differentPlacesNumbersOrEndsAreDifferentProjects() {
        assertTrue(judge(entry("己 2022 年清单", 2022, "国际博览中心", List.of(), "40", List.of("330102")),
                entry("己 2024 年清单", 2024, "国际博览中心", List.of(), "40", List.of("331002"))).isEmpty(), "same name, other city");
        assertTrue(judge(entry("己 2024 年清单", 2024, "市域铁路S2线", List.of(), "40", List.of("330302")),
                entry("己 2024 年清单", 2024, "市域铁路S3线", List.of(), "40", List.of("330302"))).isEmpty(), "S2 is not S3");
        assertTrue(judge(entry("己 2022 年清单", 2022, "杭州至海宁城际铁路", List.of(), "140", List.of("330110")),
                entry("己 2024 年清单", 2024, "杭州至德清城际铁路", List.of(), "196", List.of("330110"))).isEmpty(), "other ends");
        assertTrue(judge(entry("己 2024 年清单", 2024, "测试项目甲", List.of(), "3", List.of("330481")),
                entry("己 2024 年清单", 2024, "测试项目乙", List.of(), "7", List.of("330481"))).isEmpty(), "甲 and 乙 of one list");
    }
}
