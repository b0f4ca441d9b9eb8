package atlas.web;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import atlas.web.Browser.Screen;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The three users' journeys, end to end in Chromium on a phone (390×844), a laptop (1366×768, also at
 * 200% zoom) and a desktop (1400×900), with axe-core (npm) checking each page for serious or critical
 * accessibility violations. Screenshots of every step are kept in target/screenshots/.
 */
@Tag("browser")
@ExtendWith(PostgisExtension.class)
class JourneysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration UPDATE = Duration.ofSeconds(20);
    private static final String HUZHOU = "330500";
    private static final Path AXE = atlas.testing.TestDatabases.home().resolve("web/node_modules/axe-core/axe.min.js");

    private static TestServer server;
    private static Database database;
    private Browser browser;
    private Screen screen;

    static Stream<Screen> screens() {
        return Stream.of(Screen.PHONE, Screen.LAPTOP, Screen.LAPTOP_ZOOMED, Screen.DESKTOP);
    }

    @BeforeAll
    static void startServer(Database db) {
        Browser.requireInstalled();
        assertTrue(Files.isRegularFile(AXE), "axe-core is installed from npm (web/package.json): " + AXE);
        server = new TestServer(db);
        database = db;
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    private void open(Screen s, String path) {
        screen = s;
        browser = Browser.start(s);
        browser.open(server.url(path));
        browser.waitReady();
        browser.waitFor(UPDATE, browser::idle);
        Number width = (Number) browser.js("return window.innerWidth");
        assertEquals(s.cssWidth(), width.intValue(), 2, "the page sees the screen's width in CSS pixels");
    }

    private void shot(String journey, String step) {
        browser.screenshot("JourneysTest-" + journey + "-" + screen.name() + "-" + step);
    }

    // ------------------------------------------------------------------ the API (what the page must show)

    private static JsonNode api(String path) {
        HttpResponse<String> r = server.get(path, "Accept", "application/geo+json, application/json");
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> apiIds(String query) {
        Set<String> ids = new TreeSet<>();
        api("/collections/projects/items?limit=10000&" + query).get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ page helpers

    private boolean narrow() {
        return Boolean.TRUE.equals(browser.js("return window.atlas.tabs.narrow()"));
    }

    /** On a narrow screen, show a tab (地图/筛选/列表/统计); wide screens show every panel. */
    private void tab(String name) {
        if (narrow()) {
            browser.driver().findElement(By.cssSelector("#tabs button[data-tab='" + name + "']")).click();
        }
    }

    private void select(String name, String value) {
        new Select(browser.driver().findElement(By.cssSelector("#filters select[name='" + name + "']"))).selectByValue(value);
    }

    private void waitForList(Set<String> expected) {
        browser.waitFor(UPDATE, () -> browser.idle() && browser.listIdSet().equals(expected));
        assertEquals(expected, browser.listIdSet(), "the list shows what the API answers");
    }

    /** Elements inside the viewport without scrolling (the page and its panels scrolled to the top). */
    private boolean inViewport(String css) {
        return Boolean.TRUE.equals(browser.js("""
                const r = document.querySelector(arguments[0]).getBoundingClientRect();
                return r.width > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth;""", css));
    }

    /** axe-core on the page as it is: serious and critical violations, each with a few of its elements. */
    @SuppressWarnings("unchecked")
    private List<String> axeViolations() {
        try {
            if (!Boolean.TRUE.equals(browser.js("return typeof window.axe === 'object'"))) {
                browser.js(Files.readString(AXE));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then((r) => done(r.violations
                    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)),
                  (e) => done([`axe failed: ${e}`]));""");
    }

    private void assertAccessible(String where) {
        // A popup fading in (or the map still moving) reads as low contrast: wait until it has settled.
        browser.waitFor(Duration.ofSeconds(3), () -> Boolean.TRUE.equals(browser.js("""
                const p = document.querySelector('.leaflet-popup');
                return (!p || getComputedStyle(p).opacity === '1') && !document.querySelector('.leaflet-zoom-anim');""")));
        List<String> violations = axeViolations();
        assertTrue(violations.isEmpty(), "axe-core, " + where + " at " + screen + ": " + violations);
    }

    /** The open popup lies inside the map, its title and × under no control, not wider than the map. */
    @SuppressWarnings("unchecked")
    private void assertPopupFits(String what) {
        // autoPan is animated, and a popup opened during a flight is fitted again when it ends: judge the
        // settled popup (fitting at two looks half a second apart), not a frame in between.
        browser.waitFor(Duration.ofSeconds(10), () -> {
            if (!popupProblems().isEmpty()) {
                return false;
            }
            Browser.sleep(500);
            return popupProblems().isEmpty();
        });
        List<String> problems = popupProblems();
        assertTrue(problems.isEmpty(), what + " at " + screen + ": " + problems);
    }

    @SuppressWarnings("unchecked")
    private List<String> popupProblems() {
        return (List<String>) browser.js("""
                const out = [];
                const popup = document.querySelector('.leaflet-popup');
                if (!popup) return ['no popup open'];
                const m = document.querySelector('#map').getBoundingClientRect();
                const p = popup.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
                const title = popup.querySelector('.leaflet-popup-content h3').getBoundingClientRect();
                const close = popup.querySelector('.leaflet-popup-close-button').getBoundingClientRect();
                if (p.width > m.width) out.push(`popup ${p.width} px wider than the map ${m.width} px`);
                if (p.left < m.left - 1 || p.right > m.right + 1) out.push(`popup ${p.left}-${p.right} beyond the map ${m.left}-${m.right}`);
                if (title.top < m.top - 1 || title.bottom > m.bottom + 1) out.push(`title ${title.top}-${title.bottom} outside the map ${m.top}-${m.bottom}`);
                const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
                for (const c of document.querySelectorAll('#map .leaflet-control')) {
                  const r = c.getBoundingClientRect();
                  if (r.width === 0) continue;
                  if (hit(r, title)) out.push(`a control (${c.className}) covers the title`);
                  if (hit(r, close)) out.push(`a control (${c.className}) covers the ×`);
                }
                return out;""");
    }

    private String popupText() {
        return (String) browser.js("return document.querySelector('.leaflet-popup-content')?.textContent ?? null");
    }

    /** Clicks a list row (on a phone: in the 列表 tab) and waits for its popup on the shown map. */
    private void openFromList(String id, String name) {
        tab("list");
        WebElement row = browser.driver().findElement(By.cssSelector("#project-list .project-row[data-id='" + id + "']"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", row);
        row.click();
        browser.waitFor(Duration.ofSeconds(10), () -> {
            String t = popupText();
            return t != null && t.contains(name);
        });
        assertNotNull(popupText(), "a popup opened for " + name);
        assertTrue(browser.driver().findElement(By.cssSelector("#map")).isDisplayed(), "the map is shown with the popup");
        assertEquals("map", browser.js("return document.body.dataset.tab"), "a row tap shows the map");
    }

    private static long count(String sql, Object... params) throws SQLException {
        try (Connection c = database.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    // ------------------------------------------------------------------ the official

    /** A county of Huzhou with placed projects, and its projects (from the API). */
    private static Map.Entry<String, Set<String>> countyWithProjects() {
        for (JsonNode g : api("/api/stats?groupby=county&city=" + HUZHOU).get("groups")) {
            if (g.get("key").asText().startsWith("3305") && g.get("count").asInt() >= 2) {
                String code = g.get("key").asText();
                return Map.entry(code, apiIds("county=" + code));
            }
        }
        throw new AssertionError("no 湖州 county with two projects in the seed data");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("screens")
    void officialFiltersToACountyOpensAProjectReportsAWrongPlaceAndSharesTheLink(Screen s) throws Exception {
        open(s, "/");
        tab("filters");
        assertTrue(inViewport("#total-count"), "the totals are visible without scrolling");
        assertAccessible("the first page");
        shot("official", "1-start");

        Map.Entry<String, Set<String>> county = countyWithProjects();
        select("city", HUZHOU);
        browser.waitFor(UPDATE, browser::idle);
        select("county", county.getKey());
        waitForList(county.getValue());
        assertEquals(String.valueOf(county.getValue().size()), browser.text("#total-count"), "the totals follow the filter");
        shot("official", "2-county");

        String id = (String) browser.js("return document.querySelector('#project-list .project-row:not(.unmapped)')?.dataset.id");
        assertNotNull(id, "a placed project in the county");
        JsonNode p = api("/collections/projects/items/" + q(id)).get("properties");
        String name = p.get("name").asText();
        openFromList(id, name);
        assertPopupFits("the project's popup");
        String source = (String) browser.js("return document.querySelector('.leaflet-popup-content .source').textContent");
        assertTrue(source.contains("《" + p.get("source_title").asText() + "》") && source.contains(p.get("source_number").asText()),
                "the popup names its document by title and 文号: " + source);
        assertAccessible("a project's popup");
        shot("official", "3-popup");

        // 定位依据 opens inside the popup: the popup scrolls inside itself, its title stays in the map.
        browser.js("document.querySelector('.leaflet-popup-content .evidence-list summary')?.click()");
        assertPopupFits("the popup with 定位依据 open");

        long before = count("SELECT count(*) FROM review_item r JOIN project p ON p.project_key = r.project_key WHERE p.fid = ?", id);
        browser.driver().findElement(By.cssSelector(".leaflet-popup-content .review-open")).click();
        assertPopupFits("the popup with the report form open");
        WebElement comment = browser.driver().findElement(By.cssSelector(".leaflet-popup-content textarea[name=comment]"));
        comment.sendKeys("应在吴兴区织里镇 +-");
        browser.driver().findElement(By.cssSelector(".leaflet-popup-content .review-form button[type=submit]")).click();
        browser.waitFor(UPDATE, () -> browser.text(".leaflet-popup-content .review-result").contains("感谢"));
        assertTrue(browser.text(".leaflet-popup-content .review-result").contains("感谢"), "the report is thanked");
        assertEquals(before + 1, count("SELECT count(*) FROM review_item r JOIN project p ON p.project_key = r.project_key WHERE p.fid = ?", id),
                "one review item filed for the project");
        shot("official", "4-reported");

        // Sharing: the link opens the same county, list and totals in a new page.
        browser.js("window.atlas.map.closePopup()");
        tab("filters");
        browser.driver().findElement(By.id("copy-link-button")).click();
        browser.waitFor(Duration.ofSeconds(3), () -> browser.text("#status").contains("链接"));
        assertTrue(browser.text("#status").matches(".*(链接已复制|复制浏览器地址栏中的链接).*"), "told in Chinese: " + browser.text("#status"));
        String link = browser.driver().getCurrentUrl();
        browser.open(link);
        browser.waitReady();
        waitForList(county.getValue());
        assertEquals(county.getKey(), browser.filterValues().get("county"));
        shot("official", "5-shared-link");
    }

    // ------------------------------------------------------------------ the planner

    @ParameterizedTest(name = "{0}")
    @MethodSource("screens")
    void plannerSwitchesLayersOpensAnAreaFiltersByItAndSorts(Screen s) {
        open(s, "/");
        // The layer switch: on narrow screens it opens when tapped.
        WebElement control = browser.driver().findElement(By.cssSelector(".leaflet-control-layers"));
        if (!control.getAttribute("class").contains("expanded")) {
            browser.driver().findElement(By.cssSelector(".leaflet-control-layers-toggle")).click();
        }
        WebElement sciences = browser.driver().findElements(By.cssSelector(".leaflet-control-layers-overlays label")).stream()
                .filter(l -> l.getText().contains("科创走廊")).findFirst().orElseThrow();
        WebElement box = sciences.findElement(By.tagName("input"));
        boolean wasOn = box.isSelected();
        String layersBefore = String.valueOf(browser.js("return new URL(location.href).searchParams.get('layers')"));
        box.click();
        browser.waitFor(Duration.ofSeconds(3), () -> !layersBefore.equals(String.valueOf(browser.js("return new URL(location.href).searchParams.get('layers')"))));
        assertEquals(!wasOn, box.isSelected(), "科创走廊 switched");
        assertFalse(layersBefore.equals(String.valueOf(browser.js("return new URL(location.href).searchParams.get('layers')"))),
                "the layers are in the link");
        shot("planner", "1-layers");
        browser.js("document.querySelector('.leaflet-control-layers').classList.remove('leaflet-control-layers-expanded')");

        // An area: its popup explains how it was drawn, in Chinese, and fits the map.
        String areaId = "corridor-jinliwen";
        browser.js("""
                const has = (layer) => layer.feature?.properties?.id === arguments[0] || (layer.getLayers?.() ?? []).some(has);
                const group = [...window.atlas.layers.values()].find(has);
                if (!window.atlas.map.hasLayer(group)) group.addTo(window.atlas.map);
                const area = group.getLayers().find(has);
                area.openPopup(area.getBounds().getCenter());""", areaId);
        browser.waitFor(Duration.ofSeconds(5), () -> popupText() != null && popupText().contains("金丽温"));
        String text = popupText();
        assertTrue(text.contains("划定依据"), "the area says how it was drawn: " + text);
        assertFalse(text.matches("(?s).*[A-Za-z]{4,}\\s+[A-Za-z]{3,}.*"), "no English notes in the area popup: " + text);
        assertPopupFits("the area's popup");
        assertAccessible("an area's popup");
        shot("planner", "2-area");

        browser.driver().findElement(By.cssSelector(".leaflet-popup-content .pick")).click();
        waitForList(apiIds("area=" + areaId));
        assertEquals(areaId, browser.filterValues().get("area"));

        tab("list");
        browser.driver().findElement(By.cssSelector(".list-columns .sort[data-sort=total_investment]")).click();
        browser.waitFor(Duration.ofSeconds(3), () -> browser.driver().findElement(
                By.cssSelector(".list-columns .sort[data-sort=total_investment]")).getAttribute("aria-label").contains("升序"));
        @SuppressWarnings("unchecked")
        List<String> amounts = (List<String>) browser.js(
                "return [...document.querySelectorAll('#project-list .project-row .investment')].map((e) => e.textContent.replace(/,/g, ''))");
        List<Double> values = amounts.stream().filter(a -> a.matches("[0-9.]+")).map(Double::valueOf).toList();
        for (int i = 1; i < values.size(); i++) {
            assertTrue(values.get(i - 1) <= values.get(i), "ascending by 总投资: " + values);
        }
        assertTrue(browser.driver().getCurrentUrl().contains("sort=total_investment"), "the sort is in the link");
        assertAccessible("the sorted list");
        shot("planner", "3-sorted");
    }

    // ------------------------------------------------------------------ the analyst

    @ParameterizedTest(name = "{0}")
    @MethodSource("screens")
    void analystExportsACityWithFiltersAndChecksNamesAndColumns(Screen s) throws Exception {
        open(s, "/");
        tab("filters");
        select("city", HUZHOU);
        browser.waitFor(UPDATE, browser::idle);
        WebElement min = browser.driver().findElement(By.name("min_investment"));
        WebElement max = browser.driver().findElement(By.name("max_investment"));
        // A reversed range is marked as it is typed, said in Chinese, and no request is sent.
        min.sendKeys("100");
        min.sendKeys(Keys.TAB);
        browser.waitFor(UPDATE, browser::idle);
        long requests = requestsSent();
        max.sendKeys("10");
        max.sendKeys(Keys.TAB);
        browser.waitFor(Duration.ofSeconds(3), () -> browser.driver().findElement(By.id("investment-error")).isDisplayed());
        assertTrue(browser.text("#investment-error").contains("不能大于"), browser.text("#investment-error"));
        assertEquals("true", max.getAttribute("aria-invalid"));
        assertEquals(requests, requestsSent(), "no project request for a reversed range");
        assertTrue((Boolean) browser.js("return document.body.classList.contains('stale')"), "the old result is greyed out");
        assertTrue(browser.text("#status").contains("筛选条件有误"), browser.text("#status"));
        assertFalse(browser.text("#status").matches(".*(HTTP|/collections|status).*"), "no HTTP status shown: " + browser.text("#status"));
        shot("analyst", "1-reversed-range");

        max.clear();
        max.sendKeys(Keys.TAB);
        min.clear();
        min.sendKeys("1");
        min.sendKeys(Keys.TAB);
        Set<String> expected = apiIds("city=" + HUZHOU + "&min_investment=1");
        waitForList(expected);
        assertFalse((Boolean) browser.js("return document.body.classList.contains('stale')"), "a current result is not greyed");

        tab("stats");
        String summary = browser.text("#export-summary");
        assertTrue(summary.contains("湖州市（地级市）") && summary.contains("总投资 1—不限 亿元"),
                "the panel names the region and the filters before the click: " + summary);
        browser.js("""
                window.__exported = [];
                const original = URL.createObjectURL;
                URL.createObjectURL = (blob) => { window.__exported.push(blob); return original(blob); };""");
        browser.driver().findElement(By.id("export-button")).click();
        browser.waitFor(Duration.ofSeconds(60), () -> browser.js("return document.querySelector('#export-status').dataset.filename ?? null") != null);
        String filename = (String) browser.js("return document.querySelector('#export-status').dataset.filename");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertTrue(filename != null && filename.matches("atlas-330500-湖州市-筛选[0-9a-f]{6}-" + today + "\\.zip"),
                "region name, filter hash and Beijing date in the file name: " + filename);
        assertTrue(browser.text("#export-status").contains("北京时间"), browser.text("#export-status"));
        shot("analyst", "2-exported");

        String base64 = (String) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const reader = new FileReader();
                reader.onload = () => done(reader.result.split(',')[1]);
                reader.readAsDataURL(window.__exported[window.__exported.length - 1]);""");
        Map<String, byte[]> zip = unzip(Base64.getDecoder().decode(base64));
        String csv = new String(zip.get("projects.csv"), StandardCharsets.UTF_8).substring(1);
        List<String> lines = csv.lines().toList();
        assertEquals("编号,名称,项目代码,类别,建设性质,总投资(亿元),年度计划投资(亿元),起始年,结束年,区县,地级市,定位精度,定位依据,"
                + "规划区域,来源文件,文号,文件名,表,序号,历次清单条目", lines.get(0));
        assertEquals(expected.size(), lines.size() - 1, "one row per project of the filtered city");
        Set<String> ids = new TreeSet<>();
        lines.stream().skip(1).forEach(l -> ids.add(l.substring(0, l.indexOf(','))));
        assertEquals(expected, ids, "the 编号 column holds the API's ids");
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains("工作要点,浙四大建设办〔")), "each row names its document by title and 文号");
        assertNotNull(zip.get("projects.xlsx"), "the workbook is in the zip");
        String readme = new String(zip.get("README.txt"), StandardCharsets.UTF_8);
        assertTrue(readme.contains("《浙江省大湾区建设2023年工作要点》"), "README names the documents by title");
    }

    private long requestsSent() {
        return ((Number) browser.js(
                "return performance.getEntriesByType('resource').filter((e) => e.name.includes('/collections/projects/items')).length")).longValue();
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ keyboard

    @Test
    void keyboardSkipsToTheListAndEnterMovesFocusIntoThePopupAndEscBack() {
        open(Screen.DESKTOP, "/?city=" + HUZHOU);
        WebElement body = browser.driver().findElement(By.tagName("body"));
        body.sendKeys(Keys.TAB);
        assertEquals("跳到地图", activeText());
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertEquals("跳到列表", activeText());
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        String row = (String) browser.js("return document.activeElement.classList.contains('project-row') ? document.activeElement.dataset.id : null");
        assertNotNull(row, "three keys reach the first row of the list");
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.waitFor(Duration.ofSeconds(10), () -> Boolean.TRUE.equals(browser.js("return !!document.activeElement.closest('.leaflet-popup')")));
        assertTrue((Boolean) browser.js("return !!document.activeElement.closest('.leaflet-popup')"), "Enter moves focus into the popup");
        List<String> reached = new ArrayList<>();
        for (int i = 0; i < 15 && !reached.contains("位置有误"); i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            reached.add(activeText());
        }
        assertTrue(reached.contains("位置有误"), "位置有误 is reached by Tab from the popup: " + reached);
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.waitFor(Duration.ofSeconds(3), () -> row.equals(browser.js("return document.activeElement.dataset?.id ?? null")));
        assertEquals(row, browser.js("return document.activeElement.dataset?.id ?? null"), "Esc closes the popup and returns focus to the row");
        // Clustered in the browser (?render=geojson), the bubbles are named for screen readers.
        browser.open(server.url("/?render=geojson&city=" + HUZHOU));
        browser.waitReady();
        browser.waitFor(UPDATE, browser::idle);
        @SuppressWarnings("unchecked")
        List<String> clusters = (List<String>) browser.js(
                "return [...document.querySelectorAll('.marker-cluster')].map((c) => c.getAttribute('aria-label'))");
        assertFalse(clusters.isEmpty(), "clusters on the map");
        assertTrue(clusters.stream().allMatch(l -> l != null && l.matches("\\d+ 个项目，总投资 [0-9,.]+ 亿元.*")), "clusters are named: " + clusters);
    }

    private String activeText() {
        return (String) browser.js("return (document.activeElement.textContent || '').trim()");
    }
}
