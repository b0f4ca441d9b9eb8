package atlas.worklists;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 完成时限 becomes a date; 责任单位 splits into the lead and the others; short unit names find their full name. */
@Tag("unit")
class DeadlineAndUnitsTest {
    static Optional<LocalDate> date(String cell, int year) {
        return Deadline.parse(cell, year).date();
    }

    @Test
    void aMonthIsItsLastDayAndTheDocumentYearFillsAMissingYear() {
        assertEquals(Optional.of(LocalDate.of(2021, 12, 31)), date("12月", 2021));
        assertEquals(Optional.of(LocalDate.of(2021, 12, 31)), date("12 月", 2021));
        assertEquals(Optional.of(LocalDate.of(2022, 2, 28)), date("2022年2月", 2021));
        assertEquals(Optional.of(LocalDate.of(2021, 9, 30)), date("9 月底报送省政府", 2021));
        assertEquals(Optional.of(LocalDate.of(2023, 9, 30)), date("7月、9月", 2023));
        assertEquals(Optional.of(LocalDate.of(2021, 6, 30)), date("二季度", 2021));
        assertEquals(Optional.of(LocalDate.of(2023, 12, 31)), date("全年", 2023));
        assertEquals(Optional.of(LocalDate.of(2021, 12, 31)), date("全年持续推进。", 2021));
        assertEquals(Optional.of(LocalDate.of(2024, 12, 31)), date("2024年", 2021));
        assertEquals(Optional.empty(), date("根据省统一安排", 2021));
        assertEquals(Optional.empty(), date("", 2021));
        assertEquals("12 月", Deadline.parse("12 月", 2021).text());
    }

    @Test
    void theFirstUnitLeadsUnlessUnitsAreMarked牵头() {
        Responsibility r = Responsibility.parse("省发展改革委，有关设区市政府");
        assertEquals(List.of("省发展改革委"), r.lead());
        assertEquals(List.of("有关设区市政府"), r.others());
        Responsibility both = Responsibility.parse("省自然资源厅、省财政厅分别牵头");
        assertEquals(List.of("省自然资源厅", "省财政厅"), both.lead());
        assertTrue(both.others().isEmpty());
        Responsibility marked = Responsibility.parse("省交通运输厅、省发展改革委牵头、有关市政府");
        assertEquals(List.of("省发展改革委"), marked.lead());
        assertEquals(List.of("省交通运输厅", "有关市政府"), marked.others());
    }

    @Test
    void aPlaceBeforeAGovernmentSharesItsWordAndParenthesesStayWhole() {
        Responsibility r = Responsibility.parse("嘉兴、湖州市政府，省农业农村厅");
        assertEquals(List.of("嘉兴市政府"), r.lead());
        assertEquals(List.of("湖州市政府", "省农业农村厅"), r.others());
        assertEquals(List.of("杭州市政府", "绍兴市政府", "省发展改革委"),
                Responsibility.parse("杭州市、绍兴市政府,省发展改革委").all());
        assertEquals(List.of("市商务局(市粮食和物资储备局)", "市发改委"),
                Responsibility.parse("市商务局（市粮食和物资储备局）、市发改委").all());
        assertEquals(List.of("萧山区政府", "桐庐县政府", "建德市政府"), Responsibility.parse("萧山区、桐庐县、建德市政府").all());
        assertEquals(List.of("市发改委", "市经信局", "市数据资源局"),
                Responsibility.parse("市发改委、市经信局、市数据资源局配合落实").all());
        Responsibility province = Responsibility.parse("市发改委、市建委 省牵头单位:省发展改革委");
        assertEquals("省发展改革委", province.provinceLead());
        assertEquals(List.of("市发改委", "市建委"), province.all());
    }

    @Test
    void unitsFindTheirFullNameAndACitysShortNamesAreThatCitys() {
        UnitGazetteer units = UnitGazetteer.load(Path.of(System.getProperty("atlas.home", "."), "geodata/units/units.csv"));
        assertEquals("浙江省发展和改革委员会", units.resolve("省发展改革委", "", "").name());
        assertEquals("浙江省发展和改革委员会", units.resolve("省发改委", "", "").name());
        UnitGazetteer.Resolved jianwei = units.resolve("市建委", "杭州", "330100");
        assertEquals("杭州市城乡建设委员会", jianwei.name());
        assertEquals("330100", jianwei.cityCode());
        assertTrue(jianwei.known());
        UnitGazetteer.Resolved unknown = units.resolve("市园文局", "杭州", "330100");
        assertEquals("杭州市园文局", unknown.name());
        assertFalse(unknown.known());
        assertEquals("市建委", units.resolve("市建委", "", "").name());
        assertEquals("杭州西湖风景名胜区管理委员会", units.resolve("杭州西湖风景名胜区管委会(杭州西溪国家湿地公园管委会)", "杭州", "330100").name());
    }
}
