package atlas.identity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project name split into its base (what the project is) and its markers (which section or phase):
 * '杭绍甬智慧高速公路(宁波二期西段)' is 杭绍甬智慧高速公路 + [宁波二期西段]. Generic words
 * (项目, 建设工程 …) and brackets that only qualify the name ((暂定名), (嘉兴)) are not part of the base.
 */
record EntryName(String base, List<String> markers, String routeInitials, String routeKind, String cleanName) {
    private static final Pattern BRACKET = Pattern.compile("\\(([^()]*)\\)");
    private static final Pattern SECTION_WORD = Pattern.compile("段|期|阶段|区块|标段");
    private static final Pattern PHASE = Pattern.compile("[一二三四五六七八九十0-9]+(?:[-~至、][一二三四五六七八九十0-9]+)?期");
    private static final Pattern TRAILING_SECTION = Pattern.compile(
            "(?:[\\p{IsHan}]{2}至[\\p{IsHan}]{2,6}段|[\\p{IsHan}]{2}(?:区|市|县)?段|[东南西北中]区块|[东南西北]段|启动区)$");
    private static final List<String> GENERIC_SUFFIXES = List.of("建设工程", "建设项目", "改扩建工程", "新建工程", "工程项目",
            "新建项目", "落户项目", "项目", "工程", "建设");
    /** 'X至Y' routes: the initials of X and Y are how a line is often abbreviated (杭州至德清 -> 杭德). */
    private static final Pattern ROUTE = Pattern.compile("([\\p{IsHan}]{2,3}?)至([\\p{IsHan}]{2,3}?)(城际铁路|市域铁路|铁路|高速公路|高速|公路)");
    private static final Pattern ROUTE_KIND = Pattern.compile("铁路|高速|公路|航道");
    private static final Pattern RANGE = Pattern.compile(".+[至~\\-].+");
    private static final Pattern PHASE_NUMBER = Pattern.compile("([一二三四五六七八九十0-9]+)期");
    private static final Pattern NOT_NUMBER = Pattern.compile("[^0-9A-Za-z甲乙丙丁戊]+");
    private static final Pattern SPACES = Pattern.compile("[\\s\u00a0\u3000]+");
    private static final Pattern QUOTES = Pattern.compile("[“”\"‘’]");

    static EntryName of(String name) {
        String cleanName = clean(name);
        String s = cleanName;
        List<String> markers = new ArrayList<>();
        Matcher route = ROUTE.matcher(s);
        String initials = null;
        String kind = null;
        if (route.find()) {
            initials = route.group(1).substring(0, 1) + route.group(2).substring(0, 1);
            kind = route.group(3).endsWith("铁路") ? "铁路" : route.group(3).contains("高速") ? "高速" : "公路";
        }
        Matcher b = BRACKET.matcher(s);
        StringBuilder out = new StringBuilder();
        while (b.find()) {
            String inner = b.group(1);
            // '(宁波二期西段)', '(三门麻岙岭至临海青岭)': which stretch or phase; '(暂定名)', '(嘉兴)' only qualify the name.
            if (SECTION_WORD.matcher(inner).find() || RANGE.matcher(inner).matches()) {
                markers.add(inner);
            }
            b.appendReplacement(out, "");
        }
        b.appendTail(out);
        s = out.toString();
        Matcher phase = PHASE.matcher(s);
        while (phase.find()) {
            markers.add(phase.group());
        }
        s = PHASE.matcher(s).replaceAll("");
        boolean changed = true;
        while (changed && s.length() > 2) {
            changed = false;
            for (String g : GENERIC_SUFFIXES) {
                if (s.endsWith(g) && s.length() - g.length() >= 2) {
                    s = s.substring(0, s.length() - g.length());
                    changed = true;
                }
            }
            Matcher t = TRAILING_SECTION.matcher(s);
            if (t.find() && t.start() >= 3) {
                markers.add(t.group());
                s = s.substring(0, t.start());
                changed = true;
            }
        }
        return new EntryName(s, List.copyOf(markers), initials, kind, cleanName);
    }

    /** Spaces out, brackets and quotes in one form. */
    static String clean(String s) {
        String spaced = SPACES.matcher(s).replaceAll("").replace('（', '(').replace('）', ')').replace('〔', '[').replace('〕', ']');
        return QUOTES.matcher(spaced).replaceAll("");
    }

    /** The numbers and Latin codes in the base ('S2', '21、22'): two bases that differ in them name different things. */
    String numbers() {
        return NOT_NUMBER.matcher(base).replaceAll(" ").trim();
    }

    /** Chinese characters in the base: a base of a road number alone ('228国道') says too little. */
    int hanLength() {
        return (int) base.codePoints().filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN).count();
    }

    /** The phase number when the markers name one ('三期' -> 3), else 0. */
    int phase() {
        for (String m : markers) {
            Matcher p = PHASE_NUMBER.matcher(m);
            if (p.find()) {
                String n = p.group(1);
                String digits = "一二三四五六七八九";
                if (n.matches("[0-9]+")) {
                    return Integer.parseInt(n);
                }
                int i = digits.indexOf(n.charAt(0));
                return i >= 0 ? i + 1 : 0;
            }
        }
        return 0;
    }

    /** Similarity of two bases: bigram Dice, or 0.85 when one base holds the other (嘉里数创港 / 数创港). */
    static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        String shorter = a.length() <= b.length() ? a : b;
        String longer = shorter == a ? b : a;
        double dice = dice(bigrams(a), bigrams(b));
        if (shorter.length() >= 3 && longer.contains(shorter)) {
            return Math.max(dice, 0.85);
        }
        return dice;
    }

    /** The route abbreviation rule: '杭州至德清城际铁路' and '杭德市域铁路' name one line. */
    static boolean abbreviates(EntryName full, EntryName otherName) {
        if (full.routeInitials == null) {
            return false;
        }
        String other = otherName.cleanName;
        Matcher kind = ROUTE_KIND.matcher(other);
        return other.startsWith(full.routeInitials) && kind.find() && other.contains(full.routeKind);
    }

    static Set<String> bigrams(String s) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 2 <= s.length(); i++) {
            out.add(s.substring(i, i + 2));
        }
        if (s.length() == 1) {
            out.add(s);
        }
        return out;
    }

    static double dice(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (String x : a) {
            if (b.contains(x)) {
                common++;
            }
        }
        return 2.0 * common / (a.size() + b.size());
    }
}
