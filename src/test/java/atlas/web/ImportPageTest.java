package atlas.web;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestDatabases;
import atlas.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.fingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin import page in a real browser: the dry run shows each table's units, columns and totals (the
 * mismatch with both figures) and writes nothing; 确认导入 then imports the same file.
 */
@ExtendWith(PostgisExtension.class)
class ImportPageTest {
    private static final String TOKEN = "test-token-page-93c1";
    private static final Path FILE = TestDatabases.home().resolve("src/test/resources/ingest/corpus/06-sections-subsections-subtotals.xlsx");
    private static TestServer server;

    @BeforeAll
    static void startServer(Database db) {
        Browser.requireInstalled();
        server = new TestServer(db, TOKEN);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dryRunShowsTheTableReportAndWritesNothingThenTheImportCommits(Database db) throws Exception {
        try (Browser browser = Browser.start(); Connection c = db.connection()) {
            String before = fingerprint(c);
            browser.open(server.url("/web/import.html"));
            browser.waitReady();
            browser.driver().findElement(By.id("import-token")).sendKeys(TOKEN);
            browser.driver().findElement(By.id("import-files")).sendKeys(FILE.toAbsolutePath().toString());
            WebElement commit = browser.driver().findElement(By.id("import-commit"));
            assertFalse(commit.isEnabled(), "nothing to confirm before a dry run");
            browser.driver().findElement(By.id("import-dry-run")).click();
            browser.waitFor(Duration.ofSeconds(20), () -> browser.text(".import-file") != null);
            String report = browser.text("#import-report");
            browser.screenshot("ImportPageTest-dry-run");
            assertTrue(report.contains("试导入：未写入"), report);
            assertTrue(report.contains("新增 7"), report);
            assertTrue(report.contains("总投资（亿元）：亿元（表头注明）"), report);
            List<WebElement> mismatches = browser.driver().findElements(By.cssSelector(".total-mismatch"));
            assertEquals(1, mismatches.size(), report);
            assertTrue(mismatches.get(0).getText().contains("表中 110.4 亿元，7 行合计 106.4 亿元"), mismatches.get(0).getText());
            assertEquals(before, fingerprint(c), "the dry run wrote nothing");
            assertTrue(commit.isEnabled());

            commit.click();
            browser.waitFor(Duration.ofSeconds(30), () -> "imported".equals(
                    browser.js("const a = document.querySelector('.import-file'); return a && a.dataset.status")));
            assertTrue(browser.text("#import-report").contains("已导入"), browser.text("#import-report"));
            assertEquals(7, count(c, "SELECT count(*) FROM project p JOIN source_document d ON d.id = p.document_id WHERE d.file_name = ?",
                    FILE.getFileName().toString()));
            assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
        }
    }

    @Test
    void wrongTokenIsShownAndNothingIsWritten(Database db) throws Exception {
        try (Browser browser = Browser.start(); Connection c = db.connection()) {
            String before = fingerprint(c);
            browser.open(server.url("/web/import.html"));
            browser.waitReady();
            browser.driver().findElement(By.id("import-token")).sendKeys("not-the-token");
            browser.driver().findElement(By.id("import-files")).sendKeys(FILE.toAbsolutePath().toString());
            browser.driver().findElement(By.id("import-dry-run")).click();
            browser.waitFor(Duration.ofSeconds(20), () -> browser.text(".import-error") != null);
            assertTrue(browser.text(".import-error").contains("HTTP 403"), browser.text("#import-report"));
            assertFalse(browser.driver().findElement(By.id("import-commit")).isEnabled());
            assertEquals(before, fingerprint(c));
        }
    }
}
