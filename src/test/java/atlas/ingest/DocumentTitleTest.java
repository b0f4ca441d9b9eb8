package atlas.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A document's title, issuer, 文号 and date, read from its head where it states them. */
@Tag("unit")
class DocumentTitleTest {

    @Test
    void theBundledListsStateTheirTitleNumberIssuerAndDate() throws DocumentException {
        ParsedDocument metro = DocumentReader.read(SeedListsTest.LISTS.resolve("000_88eec6f24652ebc7.txt"));
        assertEquals(new DocumentTitle("浙江省大都市区建设2021年工作要点", "浙江省推进“四大建设”工作联席会议办公室",
                "浙四大建设办〔2021〕6号", LocalDate.of(2021, 4, 2)), metro.title());
        ParsedDocument bay = DocumentReader.read(SeedListsTest.LISTS.resolve("001_30a6bebbb49a94f9.txt"));
        assertEquals(new DocumentTitle("浙江省大湾区建设2023年工作要点", "浙江省推进“四大建设”工作联席会议办公室",
                "浙四大建设办〔2023〕1号", LocalDate.of(2023, 5, 19)), bay.title());
    }

    @Test
    void aNoticeWithoutNamedAttachmentIsKnownByWhatItIssues() {
        DocumentTitle t = DocumentTitle.read(List.of("", "宁波市人民政府文件", "甬政发[2022]15号",
                "宁波市人民政府关于印发宁波市 2022 年重大项目计划的通知", "各区县（市）人民政府：", "现印发给你们。",
                "宁波市人民政府", "2022年 3月 8日", "附件", "序号\t项目名称\t总投资"));
        assertEquals("宁波市2022年重大项目计划", t.title());
        assertEquals("宁波市人民政府", t.issuer());
        assertEquals("甬政发〔2022〕15号", t.number(), "brackets written as the standard 〔〕");
        assertEquals(LocalDate.of(2022, 3, 8), t.date());
    }

    @Test
    void aPlainListIsKnownByItsFirstLineAndStatesNothingElse() {
        DocumentTitle t = DocumentTitle.read(List.of("附件2：", "2024年温州市重点建设项目表", "序号\t项目名称",
                "1\t某项目 2021年4月2日"));
        assertEquals("2024年温州市重点建设项目表", t.title());
        assertNull(t.issuer());
        assertNull(t.number());
        assertNull(t.date(), "a date inside the table is not the document's");
    }

    @Test
    void aTableWithoutHeadHasNoTitle() {
        assertTrue(DocumentTitle.read(List.of("序号\t项目名称", "1\t甲")).isEmpty());
    }

    @Test
    void partsGivenAtImportWinAndTheOthersStay() {
        DocumentTitle read = new DocumentTitle("读出的标题", "某办公室", "浙某〔2020〕1号", LocalDate.of(2020, 1, 2));
        Map<String, String> given = Map.of("title", "给定的标题", "date", "2021年4月2日");
        DocumentTitle t = read.overriddenBy(DocumentTitle.given(k -> Optional.ofNullable(given.get(k))));
        assertEquals(new DocumentTitle("给定的标题", "某办公室", "浙某〔2020〕1号", LocalDate.of(2021, 4, 2)), t);
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> DocumentTitle.given(k -> k.equals("date") ? Optional.of("四月") : Optional.empty()));
        assertTrue(bad.getMessage().contains("四月"), bad.getMessage());
    }
}
