package atlas.layers;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Filters parsed without a server: what a planner may ask, and the parameter named when a value is wrong. */
@Tag("unit")
class ProjectFilterTest {
    private static ProjectFilter parse(String... pairs) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return ProjectFilter.parse(query);
    }

    @Test
    void aPlannersQuestionBecomesOneFilter() {
        ProjectFilter f = parse("city", "330500", "category", "交通节点新城开发工程", "min_investment", "10",
                "datetime", "2021/2023", "bbox", "119.5,29.8,120.5,30.6");
        assertEquals(Optional.of("330500"), f.city());
        assertEquals(Optional.of(new BigDecimal("10")), f.minInvestment());
        assertEquals(Optional.of(2021), f.yearFrom());
        assertEquals(Optional.of(2023), f.yearTo());
        assertArrayEquals(new double[]{119.5, 29.8, 120.5, 30.6}, f.bbox().orElseThrow());
        assertEquals("city=330500&category=交通节点新城开发工程&min_investment=10&datetime=2021/2023&bbox=119.5,29.8,120.5,30.6",
                String.join("&", f.asParameters().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
    }

    @Test
    void aBadValueNamesItsParameterAndWhatWasExpected() {
        FilterException city = assertThrows(FilterException.class, () -> parse("city", "330110"));
        assertEquals("city", city.parameter());
        assertEquals("a city code like 330500 (湖州市), got '330110'", city.detail());
        assertEquals("min_investment", assertThrows(FilterException.class,
                () -> parse("min_investment", "50", "max_investment", "5")).parameter());
        assertEquals("datetime", assertThrows(FilterException.class, () -> parse("datetime", "2023/2021")).parameter());
        assertEquals("bbox", assertThrows(FilterException.class, () -> parse("bbox", "120,31,121,30")).parameter());
        FilterException twice = assertThrows(FilterException.class, () -> parse("county", "330110", "county", "330102"));
        assertEquals("parameter 'county': given 2 times; give it once", twice.getMessage());
    }
}
