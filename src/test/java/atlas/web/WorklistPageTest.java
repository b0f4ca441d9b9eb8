package atlas.web;

import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The 清单 page in a real browser against the real server and the bundled documents: an official picks their
 * unit and a deadline range and sees what the unit leads and joins, overdue first, and the placed items on the map.
 */
@Tag("browser")
@ExtendWith(PostgisExtension.class)
class WorklistPageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void screenshotAndClose(TestInfo info) {
        if (browser != null) {
            browser.screenshot("WorklistPageTest-" + info.getTestMethod().map(m -> m.getName()).orElse("test"));
            browser.close();
        }
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> api(String query) throws Exception {
        HttpResponse<String> r = server.get("/collections/work-items/items?limit=10000" + (query.isEmpty() ? "" : "&" + query));
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.body()).get("features").forEach(out::add);
        return out;
    }

    private static Set<String> ids(List<JsonNode> features) {
        Set<String> out = new TreeSet<>();
        features.forEach(f -> out.add(f.get("id").asText()));
        return out;
    }

    private List<String> shown(String listCss) {
        List<String> out = new ArrayList<>();
        for (WebElement li : browser.driver().findElements(By.cssSelector(listCss + " > li"))) {
            out.add(li.getAttribute("data-id"));
        }
        return out;
    }

    private boolean overdueFirst(String listCss) {
        boolean seenOnTime = false;
        for (WebElement li : browser.driver().findElements(By.cssSelector(listCss + " > li"))) {
            boolean late = li.getAttribute("class").contains("overdue");
            if (late && seenOnTime) {
                return false;
            }
            seenOnTime |= !late;
        }
        return true;
    }

    @Test
    void aUnitsPageListsWhatItLeadsAndJoinsOverdueFirst() throws Exception {
        browser.open(server.url("/web/worklist.html?unit=" + q("省发改委")));
        browser.waitReady();
        Set<String> lead = ids(api("lead_unit=" + q("省发改委")));
        Set<String> any = ids(api("unit=" + q("省发改委")));
        Set<String> join = new TreeSet<>(any);
        join.removeAll(lead);
        assertFalse(lead.isEmpty());
        assertFalse(join.isEmpty());
        assertEquals(lead, new TreeSet<>(shown("#wl-lead-list")));
        assertEquals(join, new TreeSet<>(shown("#wl-join-list")));
        assertTrue(overdueFirst("#wl-lead-list"));
        assertTrue(overdueFirst("#wl-join-list"));
        assertTrue(browser.text("#wl-lead-list").contains("已逾期"), "the 2021 and 2023 deadlines have passed");
        long placed = api("unit=" + q("省发改委")).stream().filter(f -> !f.get("geometry").isNull()).count();
        assertEquals(String.valueOf(placed), browser.js("return document.querySelector('#map').dataset.drawn"));
        assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
    }

    @Test
    void filteringByUnitAndDeadlineInTheFormShowsTheApisItems() throws Exception {
        browser.open(server.url("/web/worklist.html"));
        browser.waitReady();
        assertEquals(api("").size(), shown("#wl-item-list").size());
        browser.js("""
                const f = document.querySelector('#wl-filters');
                f.elements.unit.value = '市建委';
                f.elements.from.value = '2021-01';
                f.elements.to.value = '2021-06';
                f.dispatchEvent(new Event('change'));""");
        Set<String> expected = ids(api("unit=" + q("市建委") + "&deadline=2021-01-01/2021-06-30"));
        assertFalse(expected.isEmpty());
        browser.waitFor(Duration.ofSeconds(15), () -> {
            List<String> all = new ArrayList<>(shown("#wl-lead-list"));
            all.addAll(shown("#wl-join-list"));
            return expected.equals(new TreeSet<>(all));
        });
        List<String> all = new ArrayList<>(shown("#wl-lead-list"));
        all.addAll(shown("#wl-join-list"));
        assertEquals(expected, new TreeSet<>(all));
        assertEquals("市建委", browser.text("#wl-unit-name"));
        String url = (String) browser.js("return location.search");
        assertTrue(url.contains("unit=") && url.contains("from=2021-01"), url);
    }

    @Test
    void theMapLinksToTheListPage() {
        browser.open(server.url("/map"));
        browser.waitReady();
        assertEquals("/web/worklist.html", browser.js("return document.querySelector('#worklist-link').getAttribute('href')"));
    }
}
