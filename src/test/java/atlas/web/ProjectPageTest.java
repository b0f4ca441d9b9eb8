package atlas.web;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A project's own page, read in Chromium as a person would: figures, placement and evidence, map, source, report. */
@Tag("browser")
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProjectPageTest {
    private static final String METRO_LIST = "浙江省大都市区建设 2021 年重大项目清单";
    private TestServer server;
    private Browser browser;
    private String tod;      // 000 附表4 序号 2 绍兴高铁北站 TOD 项目, placed in 越城区
    private String railway;  // 金甬铁路, a line

    @BeforeAll
    void start(Database db, TestServer shared) throws Exception {
        Browser.requireInstalled();
        server = shared;  // the class's real server, started and stopped by PostgisExtension
        try (Connection c = db.connection()) {
            tod = scalar(c, "SELECT fid FROM project WHERE list_title = ? AND seq = '2'", METRO_LIST);
            railway = scalar(c, "SELECT fid FROM project WHERE name LIKE ? AND ST_Dimension(geom) = 1 ORDER BY fid LIMIT 1", "金甬铁路%");
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void screenshotAndClose(TestInfo info) {
        browser.screenshot("ProjectPageTest-" + info.getTestMethod().map(m -> m.getName()).orElse("test"));
        browser.close();
    }

    @Test
    void aProjectPageShowsItsFiguresPlacementEvidenceMapAndSourceRow(Database db) throws Exception {
        browser.open(server.url("/projects/" + tod));
        String h1 = browser.text("h1");
        assertTrue(h1.startsWith("绍兴高铁北站"), h1);
        String evidence = browser.text("table.evidence");
        assertTrue(evidence.contains("越城区") && evidence.contains("定位依据"), evidence);
        String source = browser.text("section.source");
        assertTrue(source.contains("附表4 序号 2"), source);
        assertTrue(browser.text("table.raw").contains("序号"), "the source row's cells by their headers");
        Object placedCounty = browser.js("const p = document.querySelector('svg.small-map path.county.placed title');"
                + " return p && p.textContent");
        assertEquals("越城区", placedCounty, "the small map marks the county the project is placed in");
        assertTrue((Boolean) browser.js("return document.querySelectorAll('svg.small-map .project').length > 0"));
        assertEquals("block", browser.js("return getComputedStyle(document.querySelector('nav')).display"));
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        assertEquals("none", browser.js("return getComputedStyle(document.querySelector('nav')).display"),
                "printed, the page leaves out its links and buttons");
        assertEquals("none", browser.js("return getComputedStyle(document.querySelector('section.report')).display"));
    }

    @Test
    void theReportButtonOnThePageFilesAReviewItem(Database db) throws Exception {
        long before = count(db);
        browser.open(server.url("/projects/" + tod));
        browser.driver().findElement(By.id("report-comment")).sendKeys("站点在柯桥区一侧");
        browser.driver().findElement(By.cssSelector("#report button[type=submit]")).click();
        browser.waitFor(Duration.ofSeconds(10), () -> browser.text("#report-answer").contains("已记录"));
        assertTrue(browser.text("#report-answer").contains("已记录"), browser.text("#report-answer"));
        assertEquals(before + 1, count(db), "one review item more");
    }

    @Test
    void aLineIsDrawnAsALineAndTheItemHtmlIsThePage() throws Exception {
        browser.open(server.url("/collections/projects/items/" + railway + "?f=html"));
        assertTrue(browser.text("h1").startsWith("金甬铁路"), browser.text("h1"));
        assertTrue((Boolean) browser.js("return !!document.querySelector('svg.small-map path.project')"), "a line, not a dot");
        HttpResponse<String> missing = server.get("/projects/ffffffffffff");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().contains("没有编号为 ffffffffffff 的项目"), missing.body());
        assertFalse(missing.body().contains("Exception"));
    }

    @Test
    void thePopupAndTheListRowLinkToThePage() {
        browser.open(server.url("/"));
        browser.waitReady();
        String id = (String) browser.js("return document.querySelector('#project-list .project-row:not(.unmapped)').dataset.id");
        String rowLink = (String) browser.js("return document.querySelector(\"#project-list .project-row[data-id='\" + arguments[0]"
                + " + \"'] a.project-page\").getAttribute('href')", id);
        assertEquals("/projects/" + id, rowLink);
        browser.driver().findElement(By.cssSelector("#project-list .project-row[data-id='" + id + "'] .county")).click();
        browser.waitFor(Duration.ofSeconds(10), () -> browser.js("return document.querySelector('.leaflet-popup-content a.project-page')") != null);
        assertEquals("/projects/" + id, browser.js("return document.querySelector('.leaflet-popup-content a.project-page').getAttribute('href')"),
                "the popup of the clicked row links to that project's page");
    }

    private static long count(Database db) throws Exception {
        try (Connection c = db.connection()) {
            return Long.parseLong(scalar(c, "SELECT count(*) FROM review_item WHERE kind = 'user-report'"));
        }
    }

    private static String scalar(Connection c, String sql, String... args) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getString(1);
            }
        }
    }
}
