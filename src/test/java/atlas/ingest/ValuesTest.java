package atlas.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cell value parsing: years, amounts, units, headers, sections. */
@Tag("unit")
class ValuesTest {
    @Test
    void yearRangesInTheirPrintedForms() {
        assertArrayEquals(new int[]{2019, 2022}, Values.years("2019-2022").orElseThrow());
        assertArrayEquals(new int[]{2020, 2025}, Values.years("2020—2025").orElseThrow());
        assertArrayEquals(new int[]{2019, 2022}, Values.years("2019-2022 年").orElseThrow());
        assertArrayEquals(new int[]{2019, 2022}, Values.years("2019年～2022年").orElseThrow());
        assertArrayEquals(new int[]{2021, 2021}, Values.years("2021").orElseThrow());
        assertArrayEquals(new int[]{2019, 0}, Values.years("2019-").orElseThrow());
        assertTrue(Values.years("近期").isEmpty());
    }

    @Test
    void amountsAndPlaceholders() {
        assertEquals(Optional.of(new BigDecimal("94.5")), Values.amount("94.5", false));
        assertEquals(Optional.of(new BigDecimal("1234.5")), Values.amount("１,２３４.５ 亿元", false));
        assertTrue(Values.amount("约30亿", false).isEmpty());
        for (String p : List.of("待核定", "--", "/", "", "—", "－－")) {
            assertTrue(Values.isPlaceholder(p), p);
        }
        assertFalse(Values.isPlaceholder("约30亿"));
    }

    @Test
    void unitsAreSplitOnChinesePunctuation() {
        assertEquals(List.of("杭州市", "嘉兴市", "绍兴市政府", "省交通集团"), Values.units("杭州市、嘉兴市、绍兴市政府，省交通集团"));
        assertEquals(List.of("省科技厅", "杭州市政府"), Values.units("省科技厅, 杭州市政府"));
        assertEquals(List.of("市交通运输局-市港航管理服务中心"), Values.units("市交通运输局-市港航管理服务中心"));
    }

    @Test
    void sectionRowsNameACategory() {
        assertEquals(Optional.of("交通节点新城开发工程"), Values.sectionName("一、交通节点新城开发工程。"));
        assertEquals(Optional.of("统筹推进"), Values.sectionName("（十二）统筹推进"));
        assertTrue(Values.sectionName("1、不是分类").isEmpty());
    }

    @Test
    void headersAreMatchedByNameWithSynonyms() {
        ColumnMap m = ColumnMap.match(List.of("序号", "重点实施项目名称", "项目代码", "建设性质", "总投资 （亿元）",
                "2023 年计划投资\n(亿元)", "2023年形象进度", "责任单位"));
        assertEquals(Optional.of(1), Optional.ofNullable(m.columns().get(ColumnMap.Field.NAME)));
        assertEquals(Optional.of("总投资 （亿元）"), m.header(ColumnMap.Field.TOTAL_INVESTMENT));
        assertEquals(Optional.of("2023 年计划投资\n(亿元)"), m.header(ColumnMap.Field.PLANNED_INVESTMENT));
        assertEquals(Optional.of("2023年形象进度"), m.header(ColumnMap.Field.PROGRESS));
        ColumnMap metro = ColumnMap.match(List.of("序号", "项目名称", "建设规模和内容", "建设地点", "项目起止年限",
                "总投资(亿元)", "年度计划投资(亿元)", "形象进度", "实施单位", "项目进度"));
        assertEquals(Optional.of("形象进度"), metro.header(ColumnMap.Field.PROGRESS), "形象进度 wins over 项目进度");
        assertEquals(Optional.of("实施单位"), metro.header(ColumnMap.Field.UNITS));
        assertEquals(Optional.of("建设规模和内容"), metro.header(ColumnMap.Field.CONTENT));
        assertEquals(Optional.of("项目起止年限"), metro.header(ColumnMap.Field.YEARS));
        assertFalse(ColumnMap.match(List.of("序号", "政策名称", "责任单位")).has(ColumnMap.Field.NAME));
    }
}
