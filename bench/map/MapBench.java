// Browser benchmark of the web map (bench/map/run): first meaningful render, filter updates and
// responsiveness during pan/zoom, measured in Debian's headless chromium through Debian's chromedriver
// (Selenium from the project's test classpath; nothing is downloaded).
//
//   java -cp <test classpath> bench/map/MapBench.java BASE_URL LABEL OUT.md [RUNS]
//
// Appends one markdown section (LABEL) with every sample and its median to OUT.md.
// Each figure is taken RUNS times (default 3); a "cold" load is a new browser with an empty profile
// (empty HTTP cache), a "warm" load is the next navigation in the same browser.

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.Stream;

public class MapBench {
    /**
     * Runs before any page script. Records when body gets data-ready, when markercluster has added its
     * last chunk (its chunkProgress callback), every long task, and exposes __bench.settled(): a promise
     * for the first animation frame after the page has nothing left to draw.
     */
    static final String RECORDER = """
            (() => {
              const b = window.__bench = { readyAt: null, clusterDoneAt: null, clusterPending: false, longtasks: [] };
              try {
                new PerformanceObserver((list) => {
                  for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration });
                }).observe({ type: 'longtask', buffered: true });
              } catch (e) { b.noLongtasks = String(e); }
              new MutationObserver((records, observer) => {
                if (document.body && document.body.dataset.ready === 'true' && b.readyAt == null) {
                  b.readyAt = performance.now();
                }
              }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
              // Hook markercluster's progress callback as soon as the app has made its cluster group.
              const hook = setInterval(() => {
                const projects = window.atlas && window.atlas.projects;
                const cluster = projects && projects.cluster;
                if (!cluster || !cluster.options) return;
                clearInterval(hook);
                if ('drawing' in projects) return; // the app says itself when its markers are all added
                const original = cluster.options.chunkProgress;
                const addLayers = cluster.addLayers;
                cluster.addLayers = function (layers, skip) {
                  b.clusterPending = true;
                  return addLayers.call(this, layers, skip);
                };
                cluster.options.chunkProgress = (done, total, elapsed) => {
                  if (done >= total) { b.clusterPending = false; b.clusterDoneAt = performance.now(); }
                  if (original) original(done, total, elapsed);
                };
              }, 5);
              // When each tile canvas is handed to Leaflet as drawn (for MAP_BENCH_ONLY=trace).
              b.tilesDrawn = [];
              new MutationObserver((records) => {
                for (const r of records) {
                  const el = r.target;
                  if (el.tagName === 'CANVAS' && el.classList.contains('leaflet-tile-loaded') && !el.__traced) {
                    el.__traced = true;
                    b.tilesDrawn.push({ at: performance.now(), key: el.key ?? '' });
                  }
                }
              }).observe(document, { subtree: true, attributes: true, attributeFilter: ['class'] });
              const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
              const busy = () => {
                const status = document.querySelector('#status');
                const drawing = window.atlas && window.atlas.projects && window.atlas.projects.drawing;
                return document.body.dataset.ready !== 'true' || b.clusterPending || drawing === true
                  || (status && status.textContent !== '');
              };
              b.settled = async (timeoutMs) => {
                const end = performance.now() + (timeoutMs || 30000);
                while (busy() && performance.now() < end) await new Promise((r) => setTimeout(r, 5));
                await frame();
                return frame();
              };
            })();""";

    static final String[] CHROME_ARGS = {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--window-size=1400,900", "--lang=zh-CN"};

    final String base;
    final int runs;
    final StringBuilder out = new StringBuilder();
    final List<String> errors = new ArrayList<>();

    final String path;

    MapBench(String base, int runs, String path) {
        this.base = base;
        this.runs = runs;
        this.path = path;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: MapBench BASE_URL LABEL OUT.md [RUNS [PATH]]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "");
        if (!base.matches("http://(127\\.0\\.0\\.1|localhost)(:\\d+)?")) {
            System.err.println("MapBench: loopback only, got " + base);
            System.exit(2);
        }
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
        MapBench bench = new MapBench(base, args.length > 3 ? Integer.parseInt(args[3]) : 3, args.length > 4 ? args[4] : "/");
        bench.run(args[1]);
        Files.writeString(Path.of(args[2]), bench.out.toString(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(bench.out);
    }

    // ------------------------------------------------------------------ the browser

    record Session(ChromeDriver driver, ChromeDriverService service, Path profile) implements AutoCloseable {
        Object js(String script, Object... args) {
            return ((JavascriptExecutor) driver).executeScript(script, args);
        }

        Object async(String script, Object... args) {
            return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
        }

        @Override
        public void close() {
            try {
                driver.quit();
            } finally {
                service.stop();
                try (Stream<Path> paths = Files.walk(profile)) {
                    paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                } catch (IOException ignored) {
                    // a temp dir left behind is harmless
                }
            }
        }
    }

    static Session browser() throws IOException {
        Path profile = Files.createTempDirectory("atlas-mapbench-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File(System.getProperty("atlas.chromium", "/usr/bin/chromium")));
        options.addArguments(CHROME_ARGS);
        options.addArguments("--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("atlas.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
        return new Session(driver, service, profile);
    }

    // ------------------------------------------------------------------ measurements

    /** One navigation to the map; returns the timings of its first meaningful render. */
    @SuppressWarnings("unchecked")
    Map<String, Object> load(Session s, String path) {
        s.driver().get("about:blank");
        s.driver().get(base + path);
        return (Map<String, Object>) s.async("""
                const done = arguments[arguments.length - 1];
                const wait = async () => {
                  const end = performance.now() + 45000;
                  while (!window.__bench || window.__bench.readyAt == null) {
                    if (document.body && document.body.dataset.error) return { error: document.body.dataset.error };
                    if (performance.now() > end) return { error: 'no data-ready within 45 s' };
                    await new Promise((r) => setTimeout(r, 10));
                  }
                  const b = window.__bench;
                  const painted = await b.settled(45000);
                  const res = performance.getEntriesByType('resource');
                  const items = res.filter((r) => r.name.includes('/collections/projects/items'));
                  const tiles = res.filter((r) => r.name.includes('/tiles/projects/'));
                  const last = items[items.length - 1];
                  const lt = b.longtasks.filter((t) => t.start <= painted);
                  const nav = performance.getEntriesByType('navigation')[0];
                  return {
                    ready: b.readyAt, clustered: b.clusterDoneAt, painted,
                    html: nav ? nav.responseEnd : null,
                    projectsFetchEnd: last ? last.responseEnd : null,
                    projectsBytes: last ? (last.encodedBodySize || last.transferSize) : null,
                    projectsDecoded: last ? last.decodedBodySize : null,
                    fromCache: last ? last.transferSize === 0 : null,
                    longtasks: lt.length,
                    longestTask: lt.reduce((m, t) => Math.max(m, t.duration), 0),
                    blocked: lt.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
                    rows: document.querySelectorAll('#project-list .project-row').length,
                    render: document.body.dataset.render,
                    tiles: tiles.length,
                    tileBytes: tiles.reduce((s, r) => s + (r.encodedBodySize || r.transferSize || 0), 0),
                    listCount: document.querySelector('#project-list').dataset.count,
                    totalCount: document.querySelector('#total-count').textContent,
                    domNodes: document.getElementsByTagName('*').length,
                    heapMB: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null,
                  };
                };
                wait().then(done, (e) => done({ error: String(e) }));""");
    }

    /** Change one filter select and time it until map, list and totals show the new answer. */
    @SuppressWarnings("unchecked")
    Map<String, Object> filter(Session s, String selectId, String value) {
        return (Map<String, Object>) s.async("""
                const [id, value, done] = arguments;
                const b = window.__bench;
                const run = async () => {
                  await b.settled(30000);
                  const before = b.longtasks.length;
                  const select = document.getElementById(id);
                  const countBefore = document.querySelector('#total-count').textContent;
                  const t0 = performance.now();
                  select.value = value;
                  select.dispatchEvent(new Event('change', { bubbles: true }));
                  const painted = await b.settled(30000);
                  const lt = b.longtasks.slice(before);
                  return {
                    ms: painted - t0,
                    longtasks: lt.length,
                    longestTask: lt.reduce((m, t) => Math.max(m, t.duration), 0),
                    blocked: lt.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
                    countBefore,
                    countAfter: document.querySelector('#total-count').textContent,
                    rows: document.querySelectorAll('#project-list .project-row').length,
                  };
                };
                run().then(done, (e) => done({ error: String(e) }));""", selectId, value);
    }

    /**
     * A scripted sequence of pans and zooms (animated, as a user's drags and wheel steps end up),
     * with a pause after each move for the work the map does on moveend/zoomend. Counts animation
     * frames and long tasks over the whole sequence.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> panZoom(Session s) {
        return (Map<String, Object>) s.async("""
                const done = arguments[arguments.length - 1];
                const b = window.__bench;
                const map = window.atlas.map;
                const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
                const moved = () => Promise.race([new Promise((r) => map.once('moveend', r)), sleep(4000)]);
                const run = async () => {
                  await b.settled(30000);
                  map.closePopup();
                  const before = b.longtasks.length;
                  let frames = 0, running = true, last = performance.now(), worstGap = 0;
                  const tick = (t) => {
                    frames += 1; worstGap = Math.max(worstGap, t - last); last = t;
                    if (running) requestAnimationFrame(tick);
                  };
                  requestAnimationFrame(tick);
                  const t0 = performance.now();
                  const steps = [
                    () => map.setView([30.25, 120.17], 8, { animate: true }),
                    () => map.panBy([350, 0]),
                    () => map.panBy([-250, 220]),
                    () => map.zoomIn(1),
                    () => map.zoomIn(1),
                    () => map.panBy([0, -300]),
                    () => map.panBy([300, 150]),
                    () => map.zoomIn(1),
                    () => map.zoomOut(1),
                    () => map.flyTo([29.1, 120.1], 9, { duration: 1 }),
                    () => map.zoomOut(1),
                    () => map.fitBounds([[27.0, 118.0], [31.3, 123.2]], { animate: true }),
                  ];
                  for (const step of steps) {
                    const m = moved();
                    step();
                    await m;
                    await sleep(200);
                  }
                  await b.settled(30000);
                  running = false;
                  const seconds = (performance.now() - t0) / 1000;
                  const lt = b.longtasks.slice(before);
                  return {
                    seconds, frames, fps: frames / seconds, worstGap,
                    longtasks: lt.length,
                    longestTask: lt.reduce((m, t) => Math.max(m, t.duration), 0),
                    blocked: lt.reduce((s, t) => s + Math.max(0, t.duration - 50), 0),
                    over200: lt.filter((t) => t.duration > 200).length,
                    heapMB: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null,
                    domNodes: document.getElementsByTagName('*').length,
                  };
                };
                run().then(done, (e) => done({ error: String(e) }));""");
    }

    /**
     * Runs one step and prints what the page did meanwhile: the result, every request that ended
     * (start, first byte, end, bytes), every tile canvas drawn and every long task, in ms from the step's start.
     */
    @SuppressWarnings("unchecked")
    void trace(Session s, String name, java.util.function.Supplier<Map<String, Object>> step) {
        Object from = s.js("return document.readyState === 'complete' && window.__bench ? performance.now() : 0");
        Map<String, Object> result = step.get();
        Map<String, Object> t = (Map<String, Object>) s.js("""
                const from = arguments[0];
                const b = window.__bench;
                const r = (x) => Math.round(x - from);
                return {
                  zoom: window.atlas.map.getZoom(),
                  requests: performance.getEntriesByType('resource').filter((e) => e.responseEnd >= from)
                    .map((e) => `${r(e.startTime)}..${r(e.responseStart)}..${r(e.responseEnd)} ${Math.round(e.encodedBodySize / 1024)}KB ${e.name.replace(location.origin, '').replace(/(category=)[^&]*/, '$1…').slice(0, 90)}`),
                  drawn: b.tilesDrawn.filter((d) => d.at >= from).map((d) => `${r(d.at)} ${d.key}`),
                  longtasks: b.longtasks.filter((l) => l.start >= from).map((l) => `${r(l.start)}+${Math.round(l.duration)}`),
                };""", from);
        System.out.println("=== " + name + " (map zoom " + t.get("zoom") + "): " + result);
        for (String k : List.of("requests", "drawn", "longtasks")) {
            System.out.println("  " + k + ":");
            for (Object line : (List<Object>) t.get(k)) {
                System.out.println("    " + line);
            }
        }
    }

    /** The functions the page's thread spent most samples in (self time), from a CDP CPU profile. */
    @SuppressWarnings("unchecked")
    static void printProfile(Map<String, Object> stopped) {
        Map<String, Object> profile = (Map<String, Object>) stopped.get("profile");
        Map<String, Long> self = new java.util.HashMap<>();
        long total = 0;
        for (Map<String, Object> node : (List<Map<String, Object>>) profile.get("nodes")) {
            Map<String, Object> frame = (Map<String, Object>) node.get("callFrame");
            long hits = ((Number) node.getOrDefault("hitCount", 0)).longValue();
            String url = String.valueOf(frame.get("url"));
            String name = frame.get("functionName") + " " + url.substring(url.lastIndexOf('/') + 1) + ":" + frame.get("lineNumber");
            self.merge(name, hits, Long::sum);
            total += hits;
        }
        System.out.println("  profile, self samples (of " + total + "):");
        long all = total;
        self.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(25)
                .forEach(e -> System.out.printf("    %5.1f%% %s%n", 100.0 * e.getValue() / all, e.getKey()));
    }

    /** The category with the most projects (from the page's own stats), for the filter figure. */
    String biggestCategory(Session s) {
        return (String) s.async("""
                const done = arguments[arguments.length - 1];
                fetch('/api/stats?groupby=category').then((r) => r.json()).then((st) => {
                  const g = [...st.groups].sort((a, b) => b.count - a.count)[0];
                  done(g ? (g.key ?? g.name) : '');
                }, () => done(''));""");
    }

    // ------------------------------------------------------------------ the run

    void run(String label) throws IOException {
        if ("trace".equals(System.getenv("MAP_BENCH_ONLY"))) { // where the time goes: a timeline of a cold load and a filter change
            try (Session s = browser()) {
                trace(s, "cold load", () -> load(s, path));
                String category = biggestCategory(s);
                trace(s, "filter → " + category, () -> filter(s, "filter-category", category));
                trace(s, "filter → all", () -> filter(s, "filter-category", ""));
                s.driver().executeCdpCommand("Profiler.enable", Map.of());
                s.driver().executeCdpCommand("Profiler.setSamplingInterval", Map.of("interval", 500));
                s.driver().executeCdpCommand("Profiler.start", Map.of());
                trace(s, "pan/zoom", () -> panZoom(s));
                printProfile(s.driver().executeCdpCommand("Profiler.stop", Map.of()));
            }
            return;
        }
        if ("pan".equals(System.getenv("MAP_BENCH_ONLY"))) { // quick look while changing the map: load + pan/zoom only
            try (Session s = browser()) {
                load(s, path);
                Map<String, Object> warm = load(s, path);
                System.out.println("warm load " + warm + "\npan/zoom " + panZoom(s));
            }
            return;
        }
        List<Map<String, Object>> cold = new ArrayList<>();
        List<Map<String, Object>> warm = new ArrayList<>();
        List<Map<String, Object>> narrow = new ArrayList<>();
        List<Map<String, Object>> widen = new ArrayList<>();
        List<Map<String, Object>> pans = new ArrayList<>();
        String category = "";
        // Bounded: after the first run, no new run starts once the phase's time budget is spent.
        long budgetNanos = Long.parseLong(System.getenv().getOrDefault("MAP_BENCH_BUDGET", "75")) * 1_000_000_000L;
        long started = System.nanoTime();
        for (int i = 0; i < runs && (i == 0 || System.nanoTime() - started < budgetNanos); i++) {
            try (Session s = browser()) {
                cold.add(load(s, path));
                warm.add(load(s, path));
                if (i == 0) {
                    category = biggestCategory(s);
                }
                narrow.add(filter(s, "filter-category", category));
                widen.add(filter(s, "filter-category", ""));
                pans.add(panZoom(s));
                collectErrors(s);
            }
        }
        out.append("\n## ").append(label).append("\n\n");
        Map<String, Object> first = cold.get(0);
        out.append(String.format("Page `%s`, projects drawn as **%s**. Projects matching: %s (list rows in the DOM: %s); the list's project answer %s KB on the wire, %s KB decoded; %s vector tiles, %s KB on the wire.%n%n",
                path, "tiles".equals(first.get("render")) ? "vector tiles" : "GeoJSON clustered in the browser",
                first.get("totalCount"), first.get("rows"), kb(first.get("projectsBytes")), kb(first.get("projectsDecoded")),
                first.get("tiles"), kb(first.get("tileBytes"))));
        out.append("| figure | median | samples |\n|---|---:|---|\n");
        row("first meaningful render, cold (new browser, empty cache) — ms", cold, "painted");
        row("  of which: data-ready set (projects handed to map/list) — ms", cold, "ready");
        row("  of which: projects answer received — ms", cold, "projectsFetchEnd");
        row("  long tasks during cold load — count", cold, "longtasks");
        row("  longest task during cold load — ms", cold, "longestTask");
        row("first meaningful render, warm (same browser, HTTP cache) — ms", warm, "painted");
        row("  longest task during warm load — ms", warm, "longestTask");
        row("  total blocking time during warm load — ms", warm, "blocked");
        row("filter change → map + list + totals updated: all → largest category — ms", narrow, "ms");
        row("  longest task — ms", narrow, "longestTask");
        row("filter change back: largest category → all — ms", widen, "ms");
        row("  longest task — ms", widen, "longestTask");
        row("pan/zoom sequence (12 animated moves) — frames per second", pans, "fps");
        row("  worst gap between frames — ms", pans, "worstGap");
        row("  long tasks — count", pans, "longtasks");
        row("  long tasks over 200 ms — count", pans, "over200");
        row("  longest task — ms", pans, "longestTask");
        row("  total blocking time (sum of task time over 50 ms) — ms", pans, "blocked");
        row("  sequence duration — s", pans, "seconds");
        row("DOM elements after load (warm)", warm, "domNodes");
        row("JS heap used after load (warm) — MB", warm, "heapMB");
        row("JS heap used after the pan/zoom sequence — MB", pans, "heapMB");
        row("DOM elements after the pan/zoom sequence", pans, "domNodes");
        out.append(String.format("%nFilter: 项目类别 = %s (%s → %s projects).%n", category,
                narrow.get(0).get("countBefore"), narrow.get(0).get("countAfter")));
        List<Object> failures = Stream.of(cold, warm, narrow, widen, pans).flatMap(List::stream)
                .map(m -> m.get("error")).filter(e -> e != null).collect(Collectors.toList());
        if (!failures.isEmpty()) {
            out.append("\n**Errors:** ").append(failures).append('\n');
        }
        out.append(errors.isEmpty() ? "\nNo console errors.\n" : "\n**Console errors:** " + errors + "\n");
    }

    void collectErrors(Session s) {
        for (LogEntry e : s.driver().manage().logs().get(LogType.BROWSER).getAll()) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
    }

    void row(String name, List<Map<String, Object>> samples, String key) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> m : samples) {
            Object v = m.get(key);
            if (v instanceof Number n) {
                values.add(n.doubleValue());
            } else if (v instanceof String str && str.matches("[0-9.]+")) {
                values.add(Double.parseDouble(str));
            }
        }
        String all = values.stream().map(MapBench::fmt).collect(Collectors.joining(", "));
        out.append("| ").append(name.replace("  ", "&nbsp;&nbsp;")).append(" | ")
                .append(values.isEmpty() ? "—" : fmt(median(values))).append(" | ").append(all).append(" |\n");
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static String fmt(double v) {
        return Math.abs(v) >= 100 || v == Math.rint(v) ? String.valueOf(Math.round(v)) : String.format("%.1f", v);
    }

    static String kb(Object bytes) {
        return bytes instanceof Number n ? String.valueOf(Math.round(n.doubleValue() / 1024)) : "—";
    }
}
