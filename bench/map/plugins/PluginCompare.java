import org.openqa.selenium.chrome.*;
import java.util.*;
/**
 * Opens harness.html once per plugin in a new headless chromium (two rounds): time from adding the
 * layer to its tiles drawn, the scripts it loaded, JS heap, and what a click on a drawn project returns.
 * Args: HARNESS_URL (…/harness.html) TILE_ORIGIN (http://127.0.0.1:PORT).
 */
public class PluginCompare {
  public static void main(String[] a) throws Exception {
    for (int round = 0; round < 2; round++)
    for (String lib : List.of("vectorgrid", "protomaps", "maplibre")) {
      ChromeOptions o = new ChromeOptions();
      o.setBinary("/usr/bin/chromium");
      o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,900", "--user-data-dir=" + java.nio.file.Files.createTempDirectory("plugin-compare-"));
      ChromeDriverService s = new ChromeDriverService.Builder().usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).build();
      ChromeDriver d = new ChromeDriver(s, o);
      try {
        long t = System.currentTimeMillis();
        d.get(a[0] + "?lib=" + lib + "&tiles=" + a[1]);
        Object r = null;
        while (System.currentTimeMillis() - t < 20000) {
          r = d.executeScript("return window.result && (window.result.rendered || window.result.error) ? JSON.stringify(window.result) : null");
          if (r != null) break; Thread.sleep(50);
        }
        Thread.sleep(500);
        // a click where the seed places 杭州西站枢纽 (a cell of several projects at zoom 8)
        java.util.List<?> xy = (java.util.List<?>) d.executeScript("const p = window.__map.latLngToContainerPoint([30.362208,119.955229]); return [p.x, p.y]");
        long c0 = System.nanoTime();
        new org.openqa.selenium.interactions.Actions(d).moveToLocation(((Number) xy.get(0)).intValue(), ((Number) xy.get(1)).intValue()).click().perform();
        Thread.sleep(300);
        System.out.println(lib + " click -> " + d.executeScript("return JSON.stringify(window.result.clicked ?? null)"));
                Object nav = d.executeScript("const e = performance.getEntriesByType('resource'); return JSON.stringify(e.filter(x => /\\.js|mjs/.test(x.name)).map(x => [x.name.split('/').pop(), Math.round(x.transferSize/1024)]))");
        Object heap = d.executeScript("return Math.round(performance.memory.usedJSHeapSize/1e6)");
        System.out.println(lib + " round " + round + ": " + r + " scripts " + nav + " heapMB " + heap);
      } finally { d.quit(); }
    }
  }
}
