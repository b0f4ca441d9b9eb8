package atlas.web;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web map in a real browser (Debian chromium, headless) against the real server and a real
 * PostGIS database with the bundled seed data. Each test leaves a screenshot in target/screenshots/.
 */
@Tag("browser")
@ExtendWith(PostgisExtension.class)
class WebMapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HUZHOU = "330500";
    private static final Duration UPDATE = Duration.ofSeconds(15);

    private static TestServer server;
    private Browser browser;

    @BeforeAll
    static void startServer(Database db) {
        Browser.requireInstalled();
        server = new TestServer(db);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
    }

    @AfterEach
    void screenshotAndClose(TestInfo info) {
        if (browser != null) {
            Path saved = browser.screenshot("WebMapTest-" + info.getTestMethod().map(m -> m.getName()).orElse("test"));
            if (saved != null) {
                System.out.println("screenshot: " + saved);
            }
            browser.close();
        }
    }

    // ------------------------------------------------------------------ API side (the expected values)

    private static JsonNode api(String path) {
        HttpResponse<String> r = server.get(path, "Accept", "application/geo+json, application/json");
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Ids of the projects the API returns for a query string (e.g. "city=330500"). */
    private static Set<String> apiIds(String query) {
        JsonNode fc = api("/collections/projects/items?limit=10000" + (query.isEmpty() ? "" : "&" + query));
        Set<String> ids = new TreeSet<>();
        for (JsonNode f : fc.get("features")) {
            ids.add(f.hasNonNull("id") ? f.get("id").asText() : f.get("properties").get("id").asText());
        }
        if (fc.hasNonNull("numberMatched")) {
            assertEquals(fc.get("numberMatched").asInt(), ids.size(), "API page holds every match for " + query);
        }
        return ids;
    }

    private static int apiCount(String query) {
        return api("/api/stats" + (query.isEmpty() ? "" : "?" + query)).get("total").get("count").asInt();
    }

    private static int shownCount(Browser b) {
        String text = b.text("#total-count");
        String digits = text == null ? "" : text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Integer.parseInt(digits);
    }

    // ------------------------------------------------------------------ the map side

    /** Ids of the projects drawn in the 项目 overlay (markers, clustered or not, and route lines). */
    @SuppressWarnings("unchecked")
    private Set<String> drawnIds() {
        List<String> ids = (List<String>) browser.js("""
                const out = new Set();
                const group = window.atlas.projects.layer;
                if (!window.atlas.map.hasLayer(group)) return [];
                const visit = (layer) => {
                  if (layer.getLayers && !layer.getPopup?.()) { layer.getLayers().forEach(visit); return; }
                  const popup = layer.getPopup?.();
                  if (!popup) return;
                  let content = popup._content;
                  if (typeof content === 'function') content = content(layer);
                  const id = content?.dataset?.id ?? layer.project?.id;
                  if (id != null) out.add(String(id));
                };
                group.eachLayer(visit);
                return [...out];""");
        return new TreeSet<>(ids);
    }

    private long count(String css) {
        return ((Number) browser.js("return document.querySelectorAll(arguments[0]).length", css)).longValue();
    }

    /** Elements the browser actually drew in the projects pane (drawn tiles; with ?render=geojson paths, cluster bubbles). */
    private long projectShapes() {
        return count("#map .leaflet-projects-pane canvas.leaflet-tile-loaded, #map .leaflet-projects-pane path, #map .leaflet-projects-pane .marker-cluster");
    }

    private void select(String name, String value) {
        WebElement el = browser.driver().findElement(By.cssSelector("#filters select[name='" + name + "']"));
        new Select(el).selectByValue(value);
    }

    /** Waits until the list shows exactly these ids and nothing is loading. */
    private void waitForList(Set<String> expected) {
        browser.waitFor(UPDATE, () -> browser.idle() && browser.listIdSet().equals(expected));
    }

    /** The URL once the map has stopped moving (the view is written to it on moveend). */
    private String stableUrl() {
        String[] last = {browser.driver().getCurrentUrl()};
        long[] since = {System.nanoTime()};
        browser.waitFor(Duration.ofSeconds(5), () -> {
            String now = browser.driver().getCurrentUrl();
            if (!now.equals(last[0])) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > 1_200_000_000L;
        });
        return browser.driver().getCurrentUrl();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    // ------------------------------------------------------------------ tests

    @Test
    void pageLoadsWithBoundariesLayersLegendAndTotals() {
        int total = api("/collections/projects/items?limit=1").get("numberMatched").asInt();
        assertTrue(total > 0, "the seed data holds projects");

        browser.open(server.url("/"));
        browser.waitReady();
        browser.waitFor(UPDATE, browser::idle);

        // Base: our own county fill, city and province outlines, labels.
        assertTrue(count("#map .leaflet-land-pane path") >= 80, "county polygons drawn: " + count("#map .leaflet-land-pane path"));
        assertTrue(count("#map .leaflet-borders-pane path") >= 11, "city/province outlines drawn");
        assertTrue(count("#map .leaflet-labels-pane .map-label") >= 11, "region labels drawn");
        // Plan-area overlays that are on by default, and the projects.
        assertTrue(count("#map .leaflet-areas-pane path") > 0, "plan areas drawn");
        assertTrue(projectShapes() > 0, "projects drawn");

        // Layer switch: every overlay listed; the default ones checked and on the map.
        List<WebElement> overlays = browser.driver().findElements(By.cssSelector(".leaflet-control-layers-overlays input[type=checkbox]"));
        assertEquals(7, overlays.size(), "layer control lists 6 plan-area overlays + 项目");
        @SuppressWarnings("unchecked")
        Map<String, Object> layers = (Map<String, Object>) browser.js("""
                const out = {};
                for (const [key, layer] of window.atlas.layers) {
                  out[key] = { on: window.atlas.map.hasLayer(layer), size: layer.getLayers().length };
                }
                return out;""");
        assertEquals(Set.of("constructions", "metros", "coop-zones", "new-districts", "sci-corridors", "corridors", "projects"),
                layers.keySet(), "overlays");
        for (String key : List.of("metros", "new-districts", "sci-corridors", "corridors", "projects")) {
            Map<?, ?> l = (Map<?, ?>) layers.get(key);
            assertEquals(Boolean.TRUE, l.get("on"), key + " is on by default");
        }
        for (Map.Entry<String, Object> e : layers.entrySet()) {
            assertTrue(((Number) ((Map<?, ?>) e.getValue()).get("size")).intValue() > 0, e.getKey() + " overlay has features");
        }
        // Legend with the categories.
        WebElement legend = browser.driver().findElement(By.cssSelector("#map .legend"));
        assertNotNull(legend);
        assertTrue(count("#map .legend ul.categories li") > 0, "legend lists the project categories");

        // Totals and list agree with the API.
        assertEquals(total, shownCount(browser), "#total-count");
        assertEquals(String.valueOf(total), browser.driver().findElement(By.id("project-list")).getAttribute("data-count"));
        assertEquals(apiIds(""), new TreeSet<>(browser.listIds()), "list = all projects");
        assertFalse(browser.text("#total-investment").isBlank());
        assertTrue(browser.driver().getCurrentUrl().contains("map="), "view in the permalink: " + browser.driver().getCurrentUrl());

        List<String> errors = browser.consoleErrors();
        assertTrue(errors.isEmpty(), "no console errors: " + errors);
    }

    @Test
    void filteringToHuzhouShowsExactlyTheApisHuzhouProjects() {
        Set<String> expected = apiIds("city=" + HUZHOU);
        int expectedCount = apiCount("city=" + HUZHOU);
        assertFalse(expected.isEmpty(), "seed data has 湖州 projects");
        assertEquals(expected.size(), expectedCount, "API items and stats agree");
        Set<String> expectedOnMap = new TreeSet<>();
        for (JsonNode f : api("/collections/projects/items?limit=10000&city=" + HUZHOU).get("features")) {
            if (f.hasNonNull("geometry")) {
                expectedOnMap.add(f.get("id").asText());
            }
        }

        browser.open(server.url("/"));
        browser.waitReady();
        select("city", HUZHOU);
        waitForList(expected);

        assertEquals(expected, new TreeSet<>(browser.listIds()), "list rows = API 湖州 projects");
        assertEquals(expected.size(), browser.listIds().size(), "no duplicate rows");
        assertEquals(String.valueOf(expected.size()), browser.driver().findElement(By.id("project-list")).getAttribute("data-count"));
        assertEquals(expectedCount, shownCount(browser), "#total-count = /api/stats count");
        assertEquals(HUZHOU, query(browser.driver().getCurrentUrl()).get("city"), "permalink has the city");

        // On the map (vector tiles by default): the tiles are asked with the city filter and drawn.
        browser.settle(UPDATE);
        assertEquals("tiles", browser.js("return document.body.dataset.render"), "the map draws from vector tiles");
        assertTrue(String.valueOf(browser.drawnTiles().get("url")).contains("city=" + HUZHOU), "tiles asked with the city: " + browser.drawnTiles().get("url"));
        assertTrue(projectShapes() > 0, "project tiles drawn");
        assertTrue(count("#map .leaflet-borders-pane path") > 0, "湖州 outlined");

        // Clustered in the browser instead (?render=geojson): exactly the placed 湖州 projects are drawn.
        browser.open(server.url("/?render=geojson&city=" + HUZHOU));
        browser.waitReady();
        browser.waitFor(UPDATE, () -> drawnIds().equals(expectedOnMap));
        assertEquals(expectedOnMap, drawnIds(), "projects on the map = API 湖州 projects with a geometry");
        assertFalse(expectedOnMap.isEmpty(), "some 湖州 projects are placed");
        browser.waitFor(Duration.ofSeconds(3), () -> projectShapes() > 0);
        assertTrue(projectShapes() > 0, "project markers/paths drawn");

        // The same through the URL.
        browser.open(server.url("/?city=" + HUZHOU));
        browser.waitReady();
        waitForList(expected);
        assertEquals(expected, new TreeSet<>(browser.listIds()), "/?city=330500 lists the 湖州 projects");
        assertEquals(HUZHOU, browser.filterValues().get("city"));
        assertEquals(expectedCount, shownCount(browser));
    }

    @Test
    void theMapDrawsTheSeedProjectsFromTilesAndAClickOpensTheProjectWithALinkToItsPage() {
        // A point project with no other point near it, and the map at zoom 13 over it: single projects, not cells.
        List<JsonNode> points = new java.util.ArrayList<>();
        for (JsonNode f : api("/collections/projects/items?limit=10000").get("features")) {
            if (f.hasNonNull("geometry") && "Point".equals(f.get("geometry").get("type").asText())) {
                points.add(f.get("geometry").get("coordinates"));
            }
        }
        JsonNode at = points.stream().filter(p -> points.stream().noneMatch(o -> o != p
                        && Math.abs(o.get(0).asDouble() - p.get(0).asDouble()) < 0.005 && Math.abs(o.get(1).asDouble() - p.get(1).asDouble()) < 0.005))
                .findFirst().orElse(null);
        assertNotNull(at, "the seed data holds a point project apart from the others");
        browser.open(server.url("/?map=13/" + at.get(1).asDouble() + "/" + at.get(0).asDouble()));
        browser.waitReady();
        browser.settle(UPDATE);
        assertEquals("tiles", browser.js("return document.body.dataset.render"), "the map draws from vector tiles");
        long tileRequests = ((Number) browser.js("return performance.getEntriesByType('resource')"
                + ".filter((e) => Number((/\\/tiles\\/projects\\/(\\d+)\\//.exec(e.name) ?? [])[1]) > 10).length")).longValue();
        assertTrue(tileRequests > 0, "project tiles of single projects (beyond zoom 10) were requested");
        assertTrue(projectShapes() > 0, "project tiles drawn");

        // A drawn single project with no other within the click's reach.
        List<Map<String, Object>> drawn = Browser.tileFeatures(browser.drawnTiles());
        Map<String, Object> alone = drawn.stream()
                .filter(f -> f.get("id") != null && Boolean.TRUE.equals(f.get("inside")) && ((Number) f.get("type")).intValue() == 1)
                .filter(f -> drawn.stream().noneMatch(o -> o != f && !f.get("id").equals(o.get("id")) && distance(f, o) < 14))
                .findFirst().orElseThrow(() -> new AssertionError("no single project drawn apart at zoom 13: " + drawn));
        String id = (String) alone.get("id");
        String name = api("/collections/projects/items/" + id).get("properties").get("name").asText();
        WebElement map = browser.driver().findElement(By.id("map"));
        int x = (int) Math.round(((Number) alone.get("x")).doubleValue());
        int y = (int) Math.round(((Number) alone.get("y")).doubleValue());
        new org.openqa.selenium.interactions.Actions(browser.driver())
                .moveToElement(map, x - map.getSize().getWidth() / 2, y - map.getSize().getHeight() / 2).click().perform();
        browser.waitFor(UPDATE, () -> id.equals(browser.js("return document.querySelector('.leaflet-popup-content .project-popup')?.dataset.id ?? null")));
        assertEquals(id, browser.js("return document.querySelector('.leaflet-popup-content .project-popup')?.dataset.id ?? null"), "the clicked project's popup");
        String popup = (String) browser.js("return document.querySelector('.leaflet-popup-content').textContent");
        assertTrue(popup.contains(name), "the popup names " + name + ": " + popup);
        assertEquals("/projects/" + id, browser.js("return document.querySelector('.leaflet-popup-content a.project-page').getAttribute('href')"),
                "the popup links to the project's page");
        assertEquals(List.of(), browser.consoleErrors(), "no console errors");
    }

    private static double distance(Map<String, Object> a, Map<String, Object> b) {
        return Math.hypot(((Number) a.get("x")).doubleValue() - ((Number) b.get("x")).doubleValue(),
                ((Number) a.get("y")).doubleValue() - ((Number) b.get("y")).doubleValue());
    }

    @Test
    void permalinkRestoresTheStateInANewPageAndBackForwardWork() {
        // A category with 湖州 projects, but not all of them (so the filter visibly narrows the list).
        JsonNode huzhou = api("/collections/projects/items?limit=10000&city=" + HUZHOU).get("features");
        Map<String, Integer> byCategory = new HashMap<>();
        for (JsonNode f : huzhou) {
            JsonNode c = f.get("properties").get("category");
            if (c != null && !c.isNull() && !c.asText().isEmpty()) {
                byCategory.merge(c.asText(), 1, Integer::sum);
            }
        }
        String category = byCategory.entrySet().stream()
                .filter(e -> e.getValue() < huzhou.size())
                .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElseThrow();
        Set<String> cityIds = apiIds("city=" + HUZHOU);
        Set<String> bothIds = apiIds("city=" + HUZHOU + "&category=" + q(category));
        assertFalse(bothIds.isEmpty());
        assertTrue(bothIds.size() < cityIds.size());

        browser.open(server.url("/"));
        browser.waitReady();
        Set<String> allIds = browser.listIdSet();
        select("city", HUZHOU);
        waitForList(cityIds);
        assertEquals(cityIds, browser.listIdSet());
        select("category", category);
        waitForList(bothIds);
        assertEquals(bothIds, browser.listIdSet(), "city + category");
        String permalink = stableUrl();
        Map<String, String> params = query(permalink);
        assertEquals(HUZHOU, params.get("city"), permalink);
        assertEquals(category, params.get("category"), permalink);
        assertTrue(params.containsKey("layers") && params.containsKey("map"), "layers and view in " + permalink);
        List<String> order = browser.listIds();
        Map<String, String> filters = browser.filterValues();

        // A fresh browser (new profile, no history) opening the copied link.
        try (Browser other = Browser.start()) {
            other.open(permalink);
            other.waitReady();
            other.waitFor(UPDATE, () -> other.idle() && other.listIdSet().equals(bothIds));
            assertEquals(bothIds, other.listIdSet(), "same projects in the new page");
            assertEquals(order, other.listIds(), "same order");
            assertEquals(filters, other.filterValues(), "same filter values");
            Map<String, String> reopened = query(other.driver().getCurrentUrl());
            assertEquals(params.get("layers"), reopened.get("layers"), "same layers");
            assertEquals(params.get("map"), reopened.get("map"), "same view");
            assertEquals(params, reopened, "the page keeps the URL it was opened with");
            other.screenshot("WebMapTest-permalinkReopened");
        }

        // Back: city only; back again: everything; forward twice: city + category.
        browser.driver().navigate().back();
        waitForList(cityIds);
        assertEquals(cityIds, browser.listIdSet(), "back -> 湖州 only");
        assertEquals(HUZHOU, browser.filterValues().get("city"));
        assertEquals(null, browser.filterValues().get("category"), "back clears the category");
        browser.driver().navigate().back();
        waitForList(allIds);
        assertEquals(allIds, browser.listIdSet(), "back again -> all projects");
        assertEquals(Map.of(), browser.filterValues(), "no filters");
        browser.driver().navigate().forward();
        waitForList(cityIds);
        assertEquals(cityIds, browser.listIdSet(), "forward -> 湖州");
        browser.driver().navigate().forward();
        waitForList(bothIds);
        assertEquals(bothIds, browser.listIdSet(), "forward -> 湖州 + category");
        assertEquals(filters, browser.filterValues(), "forward restores the filter values");
    }

    @Test
    void aLongListIsDrawnFiveHundredRowsAtATimeAndShowsMoreFromTheKeyboard() {
        browser.open(server.url("/"));
        browser.waitReady();
        browser.waitFor(UPDATE, browser::idle);
        // 1,200 projects in the list (the seed has fewer): copies of the loaded ones under new ids.
        browser.js("""
                const base = window.atlas.features;
                const many = [];
                for (let i = 0; i < 1200; i++) {
                  const f = base[i % base.length];
                  many.push({ ...f, id: 'copy-' + i, properties: { ...f.properties, id: 'copy-' + i } });
                }
                window.__many = many;
                window.atlas.list.render(many);""");
        assertEquals(500, browser.listIds().size(), "first 500 rows drawn");
        assertEquals("1200", browser.driver().findElement(By.id("project-list")).getAttribute("data-count"));
        WebElement more = browser.driver().findElement(By.cssSelector("#project-list .list-more"));
        assertTrue(more.getText().contains("显示更多"), more.getText());

        // Keyboard: focus the button, Enter draws the next 500 and moves focus to the first new row.
        browser.js("arguments[0].focus()", more);
        more.sendKeys(Keys.ENTER);
        assertEquals(1000, browser.listIds().size(), "500 more rows after Enter");
        assertEquals(browser.listIds().get(500), browser.js("return document.activeElement.dataset.id"),
                "focus on the first new row");
        browser.driver().findElement(By.cssSelector("#project-list .list-more")).click();
        assertEquals(1200, browser.listIds().size(), "all rows");
        assertEquals(1200, browser.listIdSet().size(), "no row twice");
        assertEquals(0L, count("#project-list .list-more"), "no button once all rows are drawn");

        // A project picked on the map whose row is not drawn yet: the list draws up to it.
        browser.js("window.atlas.list.render(window.__many)");
        Set<String> drawn = browser.listIdSet();
        assertEquals(500, drawn.size());
        @SuppressWarnings("unchecked")
        List<String> all = (List<String>) browser.js("return window.__many.map(f => f.id)");
        String hidden = all.stream().filter(id -> !drawn.contains(id)).findFirst().orElseThrow();
        browser.js("window.atlas.list.highlight(arguments[0])", hidden);
        assertEquals(1L, count("#project-list .project-row.selected[data-id='" + hidden + "']"), "picked row drawn and selected");
        assertEquals(List.of(), browser.consoleErrors(), "no console errors");
    }

    @Test
    void clickingAListRowOpensAPopupWithTheSourceLine() {
        browser.open(server.url("/?city=" + HUZHOU));
        browser.waitReady();
        browser.waitFor(UPDATE, browser::idle);
        // A placed project (flies there, opens the marker's popup) and, if any, an unplaced one.
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) browser.js("""
                const mapped = document.querySelector('#project-list .project-row:not(.unmapped)');
                const unmapped = document.querySelector('#project-list .project-row.unmapped');
                return [mapped?.dataset.id ?? null, unmapped?.dataset.id ?? null];""");
        assertNotNull(ids.get(0), "a placed 湖州 project in the list");
        checkPopup(ids.get(0), "popup-placed", true);
        if (ids.get(1) != null) {
            browser.js("window.atlas.map.closePopup()");
            checkPopup(ids.get(1), "popup-unplaced", false);
        }
    }

    @Test
    void aProjectListedInTwoYearsShowsBothEntriesAndTheTotalsSayHowTheyCount() {
        JsonNode college = api("/collections/projects/items?q=" + q("金华理工学院")).get("features");
        assertEquals(1, college.size(), "one project for the two entries: " + college);
        String id = college.get(0).get("id").asText();
        browser.open(server.url("/?city=330700"));
        browser.waitReady();
        browser.waitFor(UPDATE, browser::idle);
        String note = browser.text("#totals-note");
        assertTrue(note.contains("按项目计数") && note.contains("清单条目共"), "the panel states the counting: " + note);
        WebElement row = browser.driver().findElement(By.cssSelector("#project-list .project-row[data-id='" + id + "']"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", row);
        row.click();
        browser.waitFor(Duration.ofSeconds(10), () -> {
            String t = popupText();
            return t != null && t.contains("历次清单条目");
        });
        String text = popupText();
        assertNotNull(text);
        assertTrue(text.contains("历次清单条目（2）"), text);
        assertTrue(text.contains("附表4 序号 87") && text.contains("金华理工学院项目") && text.contains("同一项目"), text);
        assertTrue(text.contains("附4 序号 149") && text.contains("本条"), text);
        browser.screenshot("WebMapTest-popup-entries");
    }

    /** Top and bottom of the open popup's title, then of the map, in the viewport. */
    @SuppressWarnings("unchecked")
    private List<Number> popupTitleAndMapRects() {
        return (List<Number>) browser.js("""
                const h = document.querySelector('.leaflet-popup-content h3').getBoundingClientRect();
                const m = document.querySelector('#map').getBoundingClientRect();
                return [h.top, h.bottom, m.top, m.bottom];""");
    }

    private boolean popupTitleInsideMap() {
        List<Number> r = popupTitleAndMapRects();
        return r.get(0).doubleValue() >= r.get(2).doubleValue() - 1 && r.get(1).doubleValue() <= r.get(3).doubleValue() + 1;
    }

    /** The open popup's text (all of it, also what is scrolled out of view), or null. */
    private String popupText() {
        return (String) browser.js("return document.querySelector('.leaflet-popup-content')?.textContent ?? null");
    }

    private void checkPopup(String id, String shot, boolean placed) {
        JsonNode p = api("/collections/projects/items/" + q(id)).get("properties");
        String name = p.get("name").asText();
        String source = p.get("source").asText();
        String table = p.path("table").asText("");
        String seq = p.path("seq").asText("");
        assertTrue(source.matches("\\d{3}_.*"), "source is a file name like 000_…: " + source);

        WebElement row = browser.driver().findElement(By.cssSelector("#project-list .project-row[data-id='" + id + "']"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", row);
        row.click();
        browser.waitFor(Duration.ofSeconds(10), () -> {
            String t = popupText();
            return t != null && t.contains(name);
        });
        String text = popupText();
        assertNotNull(text, "a popup opened for " + id + " (" + name + ")");
        assertTrue(text.contains(name), "popup names the project: " + text);
        assertTrue(row.getAttribute("class").contains("selected"), "the clicked row is selected");
        String line = (String) browser.js("return document.querySelector('.leaflet-popup-content .source')?.textContent ?? ''");
        // The popup fades in (after the flight, for projects without a place): wait until it is visible.
        browser.waitFor(Duration.ofSeconds(5), () -> browser.driver().findElement(By.cssSelector(".leaflet-popup-content .source")).isDisplayed());
        assertTrue(browser.driver().findElement(By.cssSelector(".leaflet-popup-content .source")).isDisplayed(), "source line shown");
        assertTrue(line.contains(source), "source file " + source + " in: " + line);
        if (!table.isEmpty()) {
            assertTrue(line.contains(table), "table " + table + " in: " + line);
        }
        assertFalse(seq.isEmpty(), "the seed project has a 序号");
        assertTrue(line.contains("序号 " + seq), "序号 " + seq + " in: " + line);
        // The popup's title comes to lie inside the map (autoPan, an animation that may still be running
        // when the text shows); a project without a place opens its popup once the flight to its city has ended.
        browser.waitFor(Duration.ofSeconds(3), this::popupTitleInsideMap);
        assertTrue(popupTitleInsideMap(), "popup title inside the map" + (placed ? "" : " (project without a place)")
                + ": " + popupTitleAndMapRects());
        browser.screenshot("WebMapTest-" + shot);
    }
}
