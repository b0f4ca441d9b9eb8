package atlas.web;

import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An official of 嵊州 filters the map to the county and opens 金甬铁路: the railway is in the list, and
 * its popup lists the counties it crosses, each with its station, and where the line's facts come from.
 */
@Tag("browser")
@ExtendWith(PostgisExtension.class)
class LinePopupTest {
    private static TestServer server;
    private Browser browser;

    /** The class's real server, started and stopped by PostgisExtension. */
    @BeforeAll
    static void startServer(TestServer shared) {
        Browser.requireInstalled();
        server = shared;
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.screenshot("LinePopupTest");
            browser.close();
        }
    }

    @Test
    void aRailwayFilteredToOneOfItsCountiesShowsEveryCountyItCrossesWithItsStation() {
        browser.open(server.url("/?county=330683&q=" + URLEncoder.encode("金甬铁路（", StandardCharsets.UTF_8)));
        browser.waitReady();
        browser.waitFor(Duration.ofSeconds(15), browser::idle);
        List<String> ids = browser.listIds();
        assertEquals(1, ids.size(), "金甬铁路 is the one match in 嵊州: " + ids);
        WebElement row = browser.driver().findElement(By.cssSelector("#project-list .project-row[data-id='" + ids.get(0) + "']"));
        row.click();
        browser.waitFor(Duration.ofSeconds(10), () -> browser.js(
                "return document.querySelector('.leaflet-popup-content .line-list') !== null") == Boolean.TRUE);
        String lines = (String) browser.js("return document.querySelector('.leaflet-popup-content .line-list')?.textContent ?? null");
        assertNotNull(lines, "the popup has the line's county list");
        assertTrue(lines.contains("途经区县（6）"), lines);
        for (String countyAndStation : List.of("义乌市", "东阳市", "东阳北", "嵊州市", "嵊州西", "新昌县", "新昌北", "奉化区", "溪口", "鄞州区", "云龙")) {
            assertTrue(lines.contains(countyAndStation), countyAndStation + " not in: " + lines);
        }
        assertTrue(lines.contains("线路来源：") && lines.contains("中国宁波网"), lines);
        assertEquals(List.of(), browser.consoleErrors(), "no console errors");
    }
}
