package atlas.web;

import atlas.testing.TestDatabases;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless chromium driven through Debian's chromedriver. Selenium Manager never runs
 * (the driver path is given), so nothing is downloaded; a missing browser fails the test.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of(System.getProperty("atlas.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("atlas.chromedriver", "/usr/bin/chromedriver"));
    static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    /** Selenium warns on every start that it has no CDP classes for this chromium; we use none. */
    private static final java.util.logging.Logger QUIET_DEVTOOLS = quiet("org.openqa.selenium.devtools");
    private static final java.util.logging.Logger QUIET_CHROMIUM = quiet("org.openqa.selenium.chromium");

    private final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    /** Fails (does not skip) when the browser is not installed: CI must install it. */
    static void requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        }
        if (!missing.isEmpty()) {
            fail("The web map's browser tests need Debian's chromium and chromedriver; missing: "
                    + String.join(", ", missing)
                    + ". Install them:  sudo apt-get install -y chromium chromium-driver fonts-noto-cjk"
                    + "  (./atlas test installs them when run as root).");
        }
    }

    /**
     * A screen to test on: its size in device pixels and the browser's zoom (2 = 200%: the page sees a
     * viewport half as wide and high, drawn at twice the pixels).
     */
    record Screen(String name, int width, int height, double zoom, boolean touch) {
        static final Screen PHONE = new Screen("390x844", 390, 844, 1, true);
        static final Screen LAPTOP = new Screen("1366x768", 1366, 768, 1, false);
        static final Screen DESKTOP = new Screen("1400x900", 1400, 900, 1, false);
        static final Screen LAPTOP_ZOOMED = new Screen("1366x768-200pct", 1366, 768, 2, false);

        /** Chromium's windows are at least 500 px wide; a phone or a zoomed page is emulated instead. */
        boolean emulated() {
            return touch || zoom != 1;
        }

        int cssWidth() {
            return (int) Math.round(width / zoom);
        }

        int cssHeight() {
            return (int) Math.round(height / zoom);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Browser start() {
        return start(Screen.DESKTOP);
    }

    static Browser start(Screen screen) {
        requireInstalled();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("atlas-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--lang=zh-CN", screen.emulated() ? "--window-size=1400,900"
                        : "--window-size=" + screen.cssWidth() + "," + screen.cssHeight());
        if (screen.emulated()) {
            options.setExperimentalOption("mobileEmulation", java.util.Map.of("deviceMetrics", java.util.Map.of(
                    "width", screen.cssWidth(), "height", screen.cssHeight(), "pixelRatio", screen.zoom(),
                    "touch", screen.touch())));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return new Browser(driver, service, profile);
        } catch (RuntimeException e) {
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits for body[data-ready=true] (the first render); fails with the page's error if it set one. */
    void waitReady() {
        try {
            new WebDriverWait(driver, READY_TIMEOUT).pollingEvery(Duration.ofMillis(50)).until(d -> {
                Object state = js("return [document.body && document.body.dataset.ready, document.body && document.body.dataset.error]");
                List<?> s = (List<?>) state;
                if (s.get(1) != null) {
                    fail("the page reported an error: " + s.get(1) + "; console: " + consoleMessages());
                }
                return "true".equals(s.get(0));
            });
        } catch (TimeoutException e) {
            fail("body[data-ready=true] did not appear within " + READY_TIMEOUT.toSeconds() + " s; status: "
                    + text("#status") + "; console: " + consoleMessages(), e);
        }
    }

    /** Polls until the condition holds (or the timeout passes); the caller asserts afterwards. */
    void waitFor(Duration timeout, Supplier<Boolean> condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException ignored) {
                // e.g. a stale element while the list redraws
            }
            sleep(100);
        }
    }

    /** The page has no project request in flight. */
    boolean idle() {
        return Boolean.TRUE.equals(js("return document.body.dataset.ready === 'true' && !document.querySelector('#status').textContent"));
    }

    /**
     * What the project tile layer holds for the tiles on screen: the URL it draws from, the map's zoom,
     * and per feature its geometry type, category, count, id and screen position (decoded by
     * protomaps-leaflet from our MVT answers). No layer: url null and no features.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> drawnTiles() {
        return (Map<String, Object>) js("""
                const tiles = window.atlas.projectTiles.tiles;
                if (!tiles || !window.atlas.map.hasLayer(tiles)) return { url: null, features: [] };
                const view = [...tiles.views.values()][0];
                const map = window.atlas.map;
                const size = map.getSize();
                const features = [];
                const seen = new Set();
                for (const key of Object.keys(tiles._tiles)) {
                  const c = tiles._tiles[key].coords;
                  // The data tile a display tile is drawn from (one of a lower level may serve several).
                  const t = view.dataTileForDisplayTile(c);
                  const dataKey = `${t.dataTile.x}:${t.dataTile.y}:${t.dataTile.z}`;
                  const entry = view.tileCache.cache.get(dataKey);
                  if (!entry || seen.has(dataKey)) continue;
                  seen.add(dataKey);
                  for (const f of entry.data.get('projects') ?? []) {
                    const g = f.geom[0][0];
                    const at = map.unproject([t.origin.x + g.x * t.scale, t.origin.y + g.y * t.scale], c.z);
                    const px = map.latLngToContainerPoint(at);
                    const inside = px.x > 30 && px.y > 30 && px.x < size.x - 30 && px.y < size.y - 30;
                    features.push({ type: f.geomType, category: f.props.category ?? null, count: f.props.count ?? 1,
                                    id: f.props.id ?? null, x: px.x, y: px.y, inside });
                  }
                }
                return { url: tiles.url, features, zoom: map.getZoom() };""");
    }

    /** The features of drawnTiles(). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tileFeatures(Map<String, Object> drawn) {
        return (List<Map<String, Object>>) drawn.get("features");
    }

    /** Waits until the page has drawn its answer: status line empty, no request in flight, every tile in view drawn. */
    void settle(Duration timeout) {
        waitFor(timeout, () -> idle() && "".equals(text("#status"))
                && Boolean.FALSE.equals(js("return window.atlas.projectTiles.loading")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String text(String css) {
        List<WebElement> found = driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    /** data-id of every row in the list, in list order. */
    List<String> listIds() {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) js(
                "return [...document.querySelectorAll('#project-list .project-row')].map(r => r.dataset.id)");
        return ids;
    }

    Set<String> listIdSet() {
        return new LinkedHashSet<>(listIds());
    }

    /** The form's filter values by input name (empty values left out). */
    @SuppressWarnings("unchecked")
    Map<String, String> filterValues() {
        return (Map<String, String>) js("""
                const out = {};
                for (const el of document.querySelector('#filters').elements) {
                  if (el.name && el.name !== 'format' && el.value) out[el.name] = el.value;
                }
                return out;""");
    }

    /** Browser console messages at warning level or above (for failure messages). */
    List<String> consoleMessages() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::toString).toList();
        } catch (RuntimeException e) {
            return List.of("(console log unavailable: " + e.getMessage() + ")");
        }
    }

    /** Console errors (SEVERE) since the last call. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    /** Saves a PNG under target/screenshots/ for people to look at; returns its path. */
    Path screenshot(String name) {
        Path dir = TestDatabases.home().resolve("target/screenshots");
        try {
            Files.createDirectories(dir);
            File png = driver.getScreenshotAs(OutputType.FILE);
            Path to = dir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            Files.copy(png.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(png.toPath());
            return to;
        } catch (IOException | RuntimeException e) {
            System.err.println("screenshot " + name + " failed: " + e);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteTree(profile);
        }
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
