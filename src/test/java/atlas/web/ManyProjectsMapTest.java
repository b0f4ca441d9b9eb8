package atlas.web;

import atlas.db.Database;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web map with 100,000 projects more than the seed, in Chromium: projects come as vector tiles
 * (aggregated cells at small zooms, single projects beyond zoom 10), the list pages through the API
 * and the totals count everything. A filter changes what the tiles draw, a click on a drawn project
 * opens that project, and the permalink (with the year range and the legend) reproduces the view.
 */
@Tag("browser")
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManyProjectsMapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SYNTHETIC = 100_000;
    private static final String[] CATEGORIES = {"合成甲类工程", "合成乙类工程", "合成丙类工程"};
    private static final Duration UPDATE = Duration.ofSeconds(30);
    private TestServer server;
    private Browser browser;

    @BeforeAll
    void load(Database db, TestServer shared) throws Exception {
        Browser.requireInstalled();
        server = shared;
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            // 100k points spread over the province's box (deterministic), three categories, 2016-2027.
            st.executeUpdate("""
                    INSERT INTO project (project_key, document_id, list_title, table_title, seq, name, category, nature,
                                         start_year, end_year, total_investment, raw, content_hash, precision, geom)
                    SELECT 'many-' || i, (SELECT min(id) FROM source_document), '合成清单', '附表1', i::text, '合成项目' || i,
                           (ARRAY['%s', '%s', '%s'])[1 + i %% 3], CASE WHEN i %% 2 = 0 THEN '新建' ELSE '续建' END,
                           2016 + i %% 10, 2018 + i %% 10, 1 + i %% 97, '{}'::jsonb, 'x', 'county',
                           ST_SetSRID(ST_MakePoint(118.6 + (i::bigint * 7919 %% 100000) / 100000.0 * 3.0,
                                                   27.6 + (i::bigint * 104729 %% 99991) / 99991.0 * 3.0), 4326)
                    FROM generate_series(1, %d) i""".formatted(CATEGORIES[0], CATEGORIES[1], CATEGORIES[2], SYNTHETIC));
            st.executeUpdate("UPDATE project SET properties = project_feature_properties(id) WHERE properties IS NULL");
            st.execute("VACUUM ANALYZE project");
        }
        // After a data change the server rebuilds its precomputed tiles and totals in the background (as
        // after an import): wait for that, as a person would see the map once the import is through.
        long end = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            while (System.nanoTime() < end) {
                try (var rs = st.executeQuery("SELECT count(*) FROM serving_state WHERE version = "
                        + "(SELECT version::text FROM version_counter WHERE name = 'serving_input')")) {
                    rs.next();
                    if (rs.getInt(1) == 2) {
                        break;
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void screenshotAndClose(TestInfo info) {
        browser.screenshot("ManyProjectsMapTest-" + info.getTestMethod().map(m -> m.getName()).orElse("test"));
        browser.close();
    }

    private JsonNode api(String path) {
        HttpResponse<String> r = server.get(path, "Accept", "application/geo+json, application/json");
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private int apiCount(String query) {
        return api("/api/stats?groupby=category" + (query.isEmpty() ? "" : "&" + query)).get("total").get("count").asInt();
    }

    private int shownCount() {
        String digits = browser.text("#total-count").replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Integer.parseInt(digits);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private void settle() {
        browser.settle(UPDATE);
    }

    private Map<String, Object> drawn() {
        return browser.drawnTiles();
    }

    private static List<Map<String, Object>> features(Map<String, Object> drawn) {
        return Browser.tileFeatures(drawn);
    }

    @Test
    void theMapDrawsTilesTheTotalsCountEverythingAndACategoryFilterChangesWhatIsDrawn() {
        int all = apiCount("");
        assertTrue(all > SYNTHETIC, "seed + synthetic: " + all);
        browser.open(server.url("/"));
        browser.waitReady();
        settle();
        assertEquals("tiles", browser.js("return document.body.dataset.render"), "many projects are drawn from vector tiles");
        assertEquals(all, shownCount(), "#total-count counts every project (from /api/stats)");
        assertEquals(String.valueOf(all), browser.driver().findElement(By.id("project-list")).getAttribute("data-count"));
        assertEquals(500, browser.listIds().size(), "the list shows its first page");
        // The list pages through the API: 显示更多 fetches the next 500 rows.
        WebElement more = browser.driver().findElement(By.cssSelector("#project-list .list-more"));
        browser.js("arguments[0].scrollIntoView()", more);
        more.click();
        browser.waitFor(UPDATE, () -> browser.listIds().size() == 1000);
        assertEquals(1000, browser.listIdSet().size(), "1,000 different rows after one more page");

        Map<String, Object> before = drawn();
        List<Map<String, Object>> cells = features(before);
        assertFalse(cells.isEmpty(), "tiles in view hold features");
        long mixedOrOther = cells.stream().filter(f -> f.get("type").equals(1L) || f.get("type").equals(1))
                .filter(f -> !CATEGORIES[0].equals(f.get("category"))).count();
        assertTrue(mixedOrOther > 0, "unfiltered, cells of other or several categories are drawn");
        assertTrue(cells.stream().anyMatch(f -> ((Number) f.get("count")).intValue() > 1), "at zoom " + before.get("zoom") + ", cells aggregate");

        new Select(browser.driver().findElement(By.id("filter-category"))).selectByValue(CATEGORIES[0]);
        int filtered = apiCount("category=" + q(CATEGORIES[0]));
        browser.waitFor(UPDATE, () -> shownCount() == filtered);
        settle();
        Map<String, Object> after = drawn();
        assertTrue(String.valueOf(after.get("url")).contains("category=" + q(CATEGORIES[0]).replace("+", "%20"))
                || String.valueOf(after.get("url")).contains("category=" + q(CATEGORIES[0])), "tiles asked with the filter: " + after.get("url"));
        List<Map<String, Object>> points = features(after).stream().filter(f -> ((Number) f.get("type")).intValue() == 1).toList();
        assertFalse(points.isEmpty(), "the filtered projects are drawn");
        for (Map<String, Object> f : points) {
            assertEquals(CATEGORIES[0], f.get("category"), "after the filter every drawn cell holds only " + CATEGORIES[0] + ": " + f);
        }
        assertEquals(filtered, shownCount(), "#total-count follows the filter");
        assertEquals(String.valueOf(filtered), browser.driver().findElement(By.id("project-list")).getAttribute("data-count"));
        assertEquals(List.of(), browser.consoleErrors(), "no console errors");
    }

    @Test
    void clickingADrawnProjectOpensThatProject() {
        // Zoom 12 over a part of the province with synthetic projects: single projects, not cells.
        browser.open(server.url("/?map=12/29.1/120.1"));
        browser.waitReady();
        settle();
        Map<String, Object> now = drawn();
        Map<String, Object> target = features(now).stream()
                .filter(f -> f.get("id") != null && Boolean.TRUE.equals(f.get("inside")) && ((Number) f.get("count")).intValue() == 1)
                .findFirst().orElseThrow(() -> new AssertionError("no single project drawn at zoom 12: " + now.get("features")));
        String id = (String) target.get("id");
        JsonNode properties = api("/collections/projects/items/" + id).get("properties");
        String name = properties.get("name").asText();
        String seq = properties.get("seq").asText();
        WebElement map = browser.driver().findElement(By.id("map"));
        int x = (int) Math.round(((Number) target.get("x")).doubleValue());
        int y = (int) Math.round(((Number) target.get("y")).doubleValue());
        new Actions(browser.driver()).moveToElement(map, x - map.getSize().getWidth() / 2, y - map.getSize().getHeight() / 2).click().perform();
        browser.waitFor(UPDATE, () -> id.equals(browser.js("return document.querySelector('.leaflet-popup-content .project-popup')?.dataset.id ?? null")));
        String text = (String) browser.js("return document.querySelector('.leaflet-popup-content').textContent");
        assertNotNull(text);
        assertTrue(text.contains(name), "the popup shows the clicked project " + name + ": " + text);
        assertTrue(text.contains("序号 " + seq), "and its row in the source: " + text);
    }

    @Test
    void thePermalinkReproducesTheViewWithTheYearRangeAndTheLegend() {
        browser.open(server.url("/?map=9/29.5/120.3"));
        browser.waitReady();
        settle();
        boolean legendOpen = (Boolean) browser.js("return document.querySelector('#legend').open");
        // The year slider: move both handles as a person drags them (input while moving, change on release).
        browser.js("""
                const set = (el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true })); };
                set(document.querySelector('#year-slider .year-from'), 2019);
                set(document.querySelector('#year-slider .year-to'), 2021);""");
        int years = apiCount("datetime=2019/2021");
        assertTrue(years < apiCount(""), "the year range narrows the projects");
        browser.waitFor(UPDATE, () -> shownCount() == years);
        settle();
        assertEquals(years, shownCount(), "#total-count follows the year range");
        assertEquals(String.valueOf(years), browser.driver().findElement(By.id("project-list")).getAttribute("data-count"), "the list follows it");
        assertTrue(String.valueOf(drawn().get("url")).contains("datetime=2019%2F2021"), "the tiles follow it: " + drawn().get("url"));
        assertEquals("2019 — 2021 年", browser.text(".year-scale .year-label"));
        // Fold the legend (or open it), as a person clicks its summary.
        browser.driver().findElement(By.cssSelector("#legend summary")).click();
        browser.waitFor(Duration.ofSeconds(5), () -> query(browser.driver().getCurrentUrl()).get("legend") != null
                && query(browser.driver().getCurrentUrl()).get("legend").equals(legendOpen ? "closed" : "open"));
        browser.js("window.atlas.map.setView([29.6, 120.5], 10, { animate: false })");
        browser.waitFor(Duration.ofSeconds(5), () -> query(browser.driver().getCurrentUrl()).getOrDefault("map", "").startsWith("10/"));
        String permalink = browser.driver().getCurrentUrl();
        Map<String, String> params = query(permalink);
        assertEquals("2019", params.get("year_from"), permalink);
        assertEquals("2021", params.get("year_to"), permalink);
        assertEquals(legendOpen ? "closed" : "open", params.get("legend"), permalink);

        try (Browser other = Browser.start()) {
            other.open(permalink);
            other.waitReady();
            other.waitFor(UPDATE, () -> other.idle() && "".equals(other.text("#status"))
                    && Boolean.FALSE.equals(other.js("return window.atlas.projectTiles.loading")));
            assertEquals(String.valueOf(years), other.text("#total-count").replaceAll("[^0-9]", ""), "same totals");
            assertEquals(!legendOpen, other.js("return document.querySelector('#legend').open"), "same legend state");
            assertEquals(List.of("2019", "2021"), other.js("return [...document.querySelectorAll('#year-slider input')].map(i => i.value)"), "same slider");
            assertEquals("2019", other.filterValues().get("year_from"));
            assertEquals("2021", other.filterValues().get("year_to"));
            assertEquals(params.get("map"), query(other.driver().getCurrentUrl()).get("map"), "same view");
            assertEquals(params, query(other.driver().getCurrentUrl()), "the page keeps the URL it was opened with");
            @SuppressWarnings("unchecked")
            String url = (String) ((Map<String, Object>) other.js("return { url: window.atlas.projectTiles.tiles?.url ?? null }")).get("url");
            assertNotNull(url);
            assertTrue(url.contains("datetime=2019%2F2021"), "the tiles drawn with the year range: " + url);
            assertEquals(browser.listIds(), other.listIds(), "same list rows in the same order");
            other.screenshot("ManyProjectsMapTest-permalinkReopened");
        }
    }
}
