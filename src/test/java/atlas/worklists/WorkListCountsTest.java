package atlas.worklists;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every list of the bundled documents gives as many items as a reader counts in the text.
 * How they were counted (by eye, checked with grep on the files):
 * <ul>
 *   <li>000 附表1–4 and 001 附1–4: the 序号 column runs 1…n without gaps or unnumbered rows;</li>
 *   <li>000 附表5: 序号 1–70 are printed except 9 (the text goes from 8 to 10): 69 numbered rows, and six rows
 *       without 序号 that carry their own 完成时限 (lines 337, 344, 374, 381, 382, 393): 75 items; the one other
 *       row without 序号 (line 399) has no deadline: the end of row 65 after a page break;</li>
 *   <li>001 附5: 序号 1–154, every row numbered;</li>
 *   <li>004 (杭州): per table, numbered 重点工作任务 (a cell that is only a number, '1*' marks those 杭州 leads) and
 *       细化具体项目任务 (each with its own 完成时间): children numbered '1.', '2.' … (lines starting with a TAB and
 *       'N.'), plus the tasks whose only child has no number (表一 none; 表二 序号 3, 5, 19; 表三 6, 35, 36;
 *       表四 10, 11, 17, 28, 35, 68, 85, 86, 125, 126, 127, 128, 130, 134, 138):
 *       表一 2 tasks / 8 children; 表二 21 / 68 + 3 = 71; 表三 42 / 154 + 3 = 157; 表四 151 / 482 + 15 = 497.</li>
 * </ul>
 */
@Tag("unit")
class WorkListCountsTest {
    static final Path HOME = Path.of(System.getProperty("atlas.home", "."));

    static List<WorkListReader.WorkList> read(String path) throws Exception {
        Path p = HOME.resolve(path);
        return WorkListReader.read(p.getFileName().toString(), Files.readAllBytes(p), 0);
    }

    static Map<String, String> counts(List<WorkListReader.WorkList> lists) {
        Map<String, String> out = new LinkedHashMap<>();
        for (WorkListReader.WorkList l : lists) {
            long numbered = l.items().stream().filter(i -> i.part() == 1).count();
            out.put(l.table(), l.kind() + " " + numbered + "/" + l.items().size());
        }
        return out;
    }

    @Test
    void metropolitanDocumentHasItsFiveListsWithTheCountsOfTheText() throws Exception {
        List<WorkListReader.WorkList> lists = read("geodata/lists/000_88eec6f24652ebc7.txt");
        assertEquals(Map.of("附表1", "reform 10/10", "附表2", "policy 10/10", "附表3", "platform 10/10",
                "附表4", "project 92/92", "附表5", "task 69/75"), counts(lists));
        lists.forEach(l -> assertTrue(l.rejected().isEmpty(), l.rejected().toString()));
        lists.forEach(l -> assertEquals(2021, l.year()));
    }

    @Test
    void bayDocumentHasItsFiveListsWithTheCountsOfTheText() throws Exception {
        List<WorkListReader.WorkList> lists = read("geodata/lists/001_30a6bebbb49a94f9.txt");
        assertEquals(Map.of("附1", "reform 8/8", "附2", "policy 8/8", "附3", "platform 14/14",
                "附4", "project 294/294", "附5", "task 154/154"), counts(lists));
        lists.forEach(l -> assertEquals(2023, l.year()));
    }

    @Test
    void hangzhouBreakdownKeepsTasksAndTheirChildrenInFourTables() throws Exception {
        List<WorkListReader.WorkList> lists = read("geodata/worklists/004_d54811d5deb4fa21.txt");
        assertEquals(List.of("task 2/8", "task 21/71", "task 42/157", "task 151/497"),
                List.copyOf(counts(lists).values()));
        WorkListReader.WorkList second = lists.get(1);
        assertEquals("省政府工作报告2021年重点工作涉杭任务责任分解具体项目清单", second.table());
        // 序号 1* (杭州 leads it): five children, the units printed once for all of them.
        List<WorkItem> first = second.items().stream().filter(i -> i.groupSeq().equals("1*")).toList();
        assertEquals(5, first.size());
        assertEquals("大力推进杭州城西科创大走廊建设。", first.get(4).title());
        assertTrue(first.get(4).content().startsWith("5.加快杭州云城建设"), first.get(4).content());
        assertEquals("9月", first.get(4).deadline().text());
        assertEquals(java.time.LocalDate.of(2021, 9, 30), first.get(4).deadline().date().orElseThrow());
        assertEquals(List.of("杭州城西科创产业集聚区管委会"), first.get(4).units().lead());
        assertTrue(first.get(4).units().others().contains("市建委"));
        assertTrue(first.get(4).unitsInherited());
        // 序号 2: 省牵头单位 kept apart from 杭州's own units.
        WorkItem business = second.items().stream().filter(i -> i.groupSeq().equals("2")).findFirst().orElseThrow();
        assertEquals("省发展改革委", business.units().provinceLead());
        assertEquals(List.of("市发改委"), business.units().all());
        // Line numbers are the original file's, not the reader's.
        assertEquals(" 1.研究提出2021年优化营商环境工作任务清单。".strip(),
                Files.readAllLines(HOME.resolve("geodata/worklists/004_d54811d5deb4fa21.txt"))
                        .get(business.firstLine() + 1).strip());
    }

    @Test
    void anUnnumberedRowWithItsOwnDeadlineIsAnItemAndOneWithoutContinuesTheRowAbove() throws Exception {
        WorkListReader.WorkList tasks = read("geodata/lists/000_88eec6f24652ebc7.txt").get(4);
        List<WorkItem> silkRoad = tasks.items().stream().filter(i -> i.groupSeq().equals("26")).toList();
        assertEquals(2, silkRoad.size());
        assertEquals("", silkRoad.get(1).seq());
        assertTrue(silkRoad.get(1).content().contains("义新欧"), silkRoad.get(1).content());
        assertEquals(List.of("省商务厅"), silkRoad.get(1).units().lead());
        assertEquals(List.of("金华市政府"), silkRoad.get(1).units().others());
        WorkItem culture = tasks.items().stream().filter(i -> i.groupSeq().equals("65")).findFirst().orElseThrow();
        assertTrue(culture.content().endsWith("探索制订宋韵文化研究、保护和利用专项方案。"), culture.content());
        assertEquals(1, tasks.items().stream().filter(i -> i.groupSeq().equals("65")).count());
    }

    @Test
    void badRowsAreKeptWithTheirReason() {
        String text = String.join("\n",
                "附表 5", "", "某市 2022 年重大任务清单", "",
                "序号\t任务名称\t重点工作及具体任务\t完成时限（月份）\t责任单位",
                "\t\t没有序号也没有上一行的内容\t12月\t省发展改革委",
                "1\t任务一\t具体任务\t6 月\t省建设厅、市政府牵头",
                "2\t\t\t\t",
                "3\t任务三\t内容\t视情况\t");
        WorkListReader.WorkList list = WorkListReader.read("bad.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0).get(0);
        assertEquals("task", list.kind());
        assertEquals(2022, list.year());
        assertEquals(List.of("row has no 序号 and there is no numbered row above it", "row has neither a name nor content"),
                list.rejected().stream().map(WorkListReader.Rejected::reason).toList());
        assertEquals(6, list.rejected().get(0).line());
        assertEquals(2, list.items().size(), "row 2 has neither name nor content: not an item");
        WorkItem one = list.items().get(0);
        assertEquals(List.of("市政府"), one.units().lead());
        assertEquals(java.time.LocalDate.of(2022, 6, 30), one.deadline().date().orElseThrow());
        WorkItem three = list.items().get(1);
        assertTrue(three.deadline().date().isEmpty());
        assertTrue(three.warnings().contains("完成时限 '视情况' names no month or year"), three.warnings().toString());
        assertTrue(three.warnings().contains("责任单位 is empty"), three.warnings().toString());
    }
}
