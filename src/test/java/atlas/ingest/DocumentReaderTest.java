package atlas.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files that are not lists fail with a message naming the file. */
@Tag("unit")
class DocumentReaderTest {
    @TempDir
    Path dir;

    private DocumentException failure(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        DocumentException e = assertThrows(DocumentException.class, () -> DocumentReader.read(file));
        assertEquals(name, e.fileName());
        assertTrue(e.getMessage().startsWith(name + ": "), e.getMessage());
        return e;
    }

    @Test
    void emptyFileIsAnError() throws Exception {
        assertTrue(failure("empty.txt", new byte[0]).getMessage().contains("empty"));
        assertTrue(failure("empty.csv", new byte[0]).getMessage().contains("empty"));
        assertTrue(failure("empty.xlsx", new byte[0]).getMessage().contains("empty"));
    }

    @Test
    void binaryFileNamedXlsxIsAnError() throws Exception {
        byte[] junk = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3, 4, 5};
        assertTrue(failure("picture.xlsx", junk).getMessage().contains("ZIP signature"));
    }

    @Test
    void zipThatIsNotAWorkbookIsAnError() throws Exception {
        byte[] zip = {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0};
        assertTrue(failure("broken.xlsx", zip).getMessage().contains("cannot read as an .xlsx workbook"));
    }

    @Test
    void unknownTypeAndLegacyXlsAreErrors() throws Exception {
        assertTrue(failure("list.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)).getMessage().contains("unsupported file type"));
        assertTrue(failure("list.xls", new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0}).getMessage().contains(".xlsx"));
    }

    @Test
    void textWithoutATableIsAnError() throws Exception {
        String text = "浙江省大都市区建设 2021 年工作要点\n\n一、总体要求\n正文……\n";
        assertTrue(failure("notes.txt", text.getBytes(StandardCharsets.UTF_8)).getMessage().contains("no table found"));
    }

    @Test
    void binaryContentInATextFileIsAnError() throws Exception {
        assertTrue(failure("zip.csv", new byte[]{'P', 'K', 3, 4, 1, 2}).getMessage().contains("binary"));
    }

    @Test
    void gbkTextExportIsReadLikeUtf8() throws Exception {
        String text = "附表 4\n\n浙江省重大项目清单\n\n序号\t项目名称\t总投资(亿元)\n1\t杭州西站\t94.5\n\n序号\t项目名称\t总投资(亿元)\n\t枢纽\t\n2\t宁波国际会议中心\t70.5\n";
        Path file = dir.resolve("gbk.txt");
        Files.write(file, text.getBytes("GBK"));
        ParsedTable t = DocumentReader.read(file).table("附表4").orElseThrow();
        assertEquals(2, t.projects().size());
        assertEquals("杭州西站枢纽", t.projects().get(0).name());
        assertEquals(9, t.projects().get(0).source().lastLine());
    }
}
