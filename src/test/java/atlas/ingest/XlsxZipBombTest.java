package atlas.ingest;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A workbook whose sheet inflates a thousandfold is refused with a clear message, not read into memory. */
@Tag("unit")
class XlsxZipBombTest {

    @Test
    void aSheetThatInflatesAThousandfoldIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 60; i++) {   // 60 MB of one character: compresses about 1000:1
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(bytes.size() < 1_000_000, "the bomb is small on disk: " + bytes.size());
        DocumentException e = assertThrows(DocumentException.class, () -> DocumentReader.read("bomb.xlsx", bytes.toByteArray()));
        assertTrue(e.getMessage().contains("bomb.xlsx"), e.getMessage());
    }
}
