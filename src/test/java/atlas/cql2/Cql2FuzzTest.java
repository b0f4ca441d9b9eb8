package atlas.cql2;

import atlas.crs.Crs;
import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile CQL2: injections, broken syntax, deep nesting, huge literals, random mutations of valid
 * filters. Every filter is either refused with a Cql2Exception or becomes SQL built only from our own
 * fragments and queryables, one bound value per '?'; over HTTP no filter gets a 500.
 */
@ExtendWith(PostgisExtension.class)
class Cql2FuzzTest {
    private static final Map<String, Queryable> Q = new LinkedHashMap<>();

    static {
        Q.put("name", new Queryable("name", "p.name", Queryable.Type.STRING, ""));
        Q.put("category", new Queryable("category", "p.category", Queryable.Type.STRING, ""));
        Q.put("total_investment", new Queryable("total_investment", "p.total_investment", Queryable.Type.NUMBER, ""));
        Q.put("start_year", new Queryable("start_year", "p.start_year", Queryable.Type.YEAR, ""));
        Q.put("years", new Queryable("years", "p.start_year|coalesce(p.end_year, p.start_year)", Queryable.Type.YEARS, ""));
        Q.put("plan_areas", new Queryable("plan_areas", "p.plan_areas", Queryable.Type.STRING_ARRAY, ""));
        Q.put("county_codes", new Queryable("county_codes", "ARRAY(SELECT pl.division_code FROM placement pl WHERE pl.project_id = p.id)",
                Queryable.Type.STRING_ARRAY, "", "EXISTS (SELECT 1 FROM placement pl WHERE pl.project_id = p.id AND pl.division_code = ANY(%s))"));
        Q.put("geometry", new Queryable("geometry", "p.geom", Queryable.Type.GEOMETRY, ""));
    }

    static final List<String> NASTY = List.of(
            "name = '' OR 1=1 --'", "name = ''; DROP TABLE project; --'", "name = 'x'; DROP TABLE project",
            "name = 'a' OR '1'='1", "\"name; DROP TABLE project\" = 'x'", "name = 'x' UNION SELECT 1",
            "name = $$x$$", "name = E'\\x00'", "name = '\u0000'", "name = 'a\\' OR 1=1 --'", "pg_sleep(10) = 1",
            "total_investment = 1e999999999", "total_investment = 1e-999999", "total_investment = 99999999999999999999999999999999999",
            "total_investment = " + "9".repeat(5000), "name = '" + "湖".repeat(50_000) + "'", "name IN (" + "'x',".repeat(20_000) + "'y')",
            "(".repeat(10_000) + "name = 'x'" + ")".repeat(10_000), "NOT ".repeat(30_000) + "name = 'x'",
            "S_INTERSECTS(geometry, POINT(1e308 1e308))", "S_INTERSECTS(geometry, POLYGON((0 0, 1 1, 0 0)))",
            "S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 1 1)))", "S_DWITHIN(geometry, POINT(120 30), -1)",
            "S_DWITHIN(geometry, POINT(120 30), 1e30)", "S_INTERSECTS(geometry, BBOX(1, 2, 0, 1))",
            "T_AFTER(years, DATE('2021-13-45'))", "T_AFTER(years, TIMESTAMP('yesterday'))", "T_AFTER(name, DATE('2021-01-01'))",
            "A_CONTAINS(plan_areas, (1, TRUE))", "A_CONTAINS(name, ('x'))", "casei(total_investment) = 'x'",
            "name LIKE 1", "1 = 1", "TRUE", "name", "geometry = geometry", "'a' = 'a'", "total_investment BETWEEN 'a' AND 'b'",
            "", " ", ")", "((", "name = ", "= 'x'", "name == 'x'", "name != 'x'", "name ~ 'x'", "name = 'unterminated",
            "start_year IS NOT NULL AND", "\u202ename = 'x'", "name = '\uD83D\uDE00'", "名称 = 'x'", "name = 'x' /* c */",
            "name = 'x' -- c", "name = 'x';", "INTERVAL('..', '..') = 1");

    static final List<String> NASTY_JSON = List.of(
            "{}", "[]", "null", "1", "\"x\"", "{\"op\":\"=\"}", "{\"op\":\"=\",\"args\":null}", "{\"op\":\"drop\",\"args\":[]}",
            "{\"op\":\"=\",\"args\":[{\"property\":\"name; DROP TABLE project\"},\"x\"]}",
            "{\"op\":\"=\",\"args\":[{\"property\":\"name\"},\"' OR 1=1 --\"]}",
            "{\"op\":\"=\",\"args\":[{\"property\":\"total_investment\"},1e99999]}",
            "[".repeat(5000) + "]".repeat(5000), "{\"op\":\"not\",\"args\":[".repeat(3000) + "true" + "]}".repeat(3000),
            "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,1]]]}]}",
            "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Point\",\"coordinates\":[\"a\",\"b\"]}]}",
            "{\"op\":\"in\",\"args\":[{\"property\":\"name\"},\"x\"]}", "{\"op\":\"and\",\"args\":[true]}",
            "{\"op\":\"t_after\",\"args\":[{\"property\":\"years\"},{\"interval\":[\"..\"]}]}", "{\"op\":\"=\",\"args\":[1,2,3]}");

    /** Valid filters to mutate. */
    static final List<String> SEEDS = List.of(
            "name LIKE '杭州%' AND total_investment >= 10.5", "category IN ('交通', '能源') OR NOT start_year < 2020",
            "S_INTERSECTS(geometry, BBOX(120, 30, 121, 31)) AND T_INTERSECTS(years, INTERVAL('2021-01-01', '..'))",
            "A_OVERLAPS(plan_areas, ('metro-hangzhou', 'construction-bay')) AND casei(name) = 'x'",
            "A_OVERLAPS(county_codes, ('330106', '330108')) OR A_CONTAINS(county_codes, ('330106')) OR A_EQUALS(county_codes, plan_areas)",
            "S_DWITHIN(geometry, POINT(120.1 30.2), 5000) AND total_investment BETWEEN 1 AND 100",
            "S_WITHIN(geometry, POLYGON((119 29, 122 29, 122 31, 119 31, 119 29))) AND name IS NOT NULL");

    private static final String[] PIECES = {"'", "\"", "(", ")", ",", ";", "--", "/*", " AND ", " OR ", " NOT ", "=", "<>",
            "1e400", "-", ".", "\\", "\u0000", "湖", "'';", " IN ", "BBOX(", "POINT(", "DATE(", "..", "%", "_", "$1", "?", ":x"};

    static List<String> mutants(int count, long seed) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder(SEEDS.get(r.nextInt(SEEDS.size())));
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(s.length() + 1);
                switch (r.nextInt(3)) {
                    case 0 -> s.insert(at, PIECES[r.nextInt(PIECES.length)]);
                    case 1 -> {
                        if (at < s.length()) {
                            s.delete(at, Math.min(s.length(), at + 1 + r.nextInt(6)));
                        }
                    }
                    default -> {
                        if (at < s.length()) {
                            s.setCharAt(at, (char) (32 + r.nextInt(95)));
                        }
                    }
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    /** Every word our SQL may hold: the fragments' and the queryables' own. */
    private static Set<String> vocabulary() throws Exception {
        Set<String> words = new HashSet<>();
        List<String> texts = new ArrayList<>();
        for (Field f : Cql2Sql.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                Object v = f.get(null);
                if (v instanceof String s) {
                    texts.add(s);
                } else if (v instanceof Map<?, ?> m) {
                    m.values().forEach(x -> texts.add(String.valueOf(x)));
                }
            }
        }
        texts.add("(%s = %s) (%s <> %s) (%s < %s) (%s > %s) (%s <= %s) (%s >= %s) AND OR");
        Matcher m = WORD.matcher(String.join(" ", texts));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");

    /** The SQL holds only our words, no quote or comment, and one value per '?'. */
    private static void assertBound(String filter, Cql2Where.Condition c, Set<String> vocabulary) {
        String sql = c.sql();
        List<String> parts = new ArrayList<>();
        Q.values().forEach(q -> parts.addAll(List.of(q.sql().split("\\|"))));
        Q.values().stream().filter(q -> q.overlaps() != null).forEach(q -> parts.addAll(List.of(q.overlaps().split("%s"))));
        parts.sort((a, b) -> b.length() - a.length());
        for (String part : parts) {
            sql = sql.replace(part, " ");
        }
        assertTrue(!sql.contains("'") && !sql.contains("\"") && !sql.contains(";") && !sql.contains("--")
                && !sql.contains("/*") && !sql.contains("$"), "quote or comment in SQL of " + clip(filter) + ": " + clip(c.sql()));
        Matcher m = WORD.matcher(sql);
        while (m.find()) {
            assertTrue(vocabulary.contains(m.group()), "'" + m.group() + "' is not ours, from " + clip(filter) + ": " + clip(c.sql()));
        }
        long marks = c.sql().chars().filter(ch -> ch == '?').count();
        assertEquals(marks, c.params().size(), "one bound value per '?' for " + clip(filter));
    }

    private static String clip(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Test
    void everyFilterIsRefusedOrFullyBound() throws Exception {
        Set<String> vocabulary = vocabulary();
        int translated = 0;
        int refused = 0;
        List<String[]> all = new ArrayList<>();
        NASTY.forEach(f -> all.add(new String[]{f, Cql2.TEXT}));
        SEEDS.forEach(f -> all.add(new String[]{f, Cql2.TEXT}));
        mutants(3000, 24).forEach(f -> all.add(new String[]{f, Cql2.TEXT}));
        NASTY_JSON.forEach(f -> all.add(new String[]{f, Cql2.JSON}));
        for (String[] f : all) {
            for (Crs crs : List.of(Crs.CRS84, Crs.byUri("EPSG:4549").orElseThrow())) {
                try {
                    assertBound(f[0], Cql2.where(f[0], f[1], Q, crs), vocabulary);
                    translated++;
                } catch (Cql2Exception e) {
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                    refused++;
                }
            }
        }
        assertTrue(translated > 100 && refused > 1000, translated + " translated, " + refused + " refused");
    }

    @Test
    void noFilterGetsA500(TestServer server, Database db) {
        List<String[]> all = new ArrayList<>();
        NASTY.stream().filter(f -> f.length() < 6000).forEach(f -> all.add(new String[]{f, Cql2.TEXT}));
        mutants(300, 7).forEach(f -> all.add(new String[]{f, Cql2.TEXT}));
        NASTY_JSON.stream().filter(f -> f.length() < 6000).forEach(f -> all.add(new String[]{f, Cql2.JSON}));
        List<String> failures = new ArrayList<>();
        int ok = 0;
        for (String[] f : all) {
            for (String path : List.of("/collections/projects/items?limit=5&", "/api/stats?groupby=county&")) {
                HttpResponse<String> r = server.get(path + "filter-lang=" + f[1] + "&filter=" + URLEncoder.encode(f[0], StandardCharsets.UTF_8));
                if (r.statusCode() >= 500) {
                    failures.add(r.statusCode() + " " + clip(f[0]) + " -> " + clip(r.body()));
                } else if (r.statusCode() == 200) {
                    ok++;
                } else {
                    assertTrue(r.statusCode() == 400 || r.statusCode() == 414 || r.statusCode() == 431, r.statusCode() + " " + clip(f[0]));
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
        assertTrue(ok > 20, ok + " answered");
    }
}
