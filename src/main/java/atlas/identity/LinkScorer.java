package atlas.identity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Judges whether two list entries are one project, a part of one, or related (next phase, sibling
 * section): 项目代码 first, then a score over the name (its base and its section or phase markers),
 * place, investment, years, responsible units and content. Pure logic: no database.
 */
public final class LinkScorer {
    /** At or above: linked without review. */
    public static final double LINK = 0.85;
    /** At or above (and below LINK): the review queue. */
    public static final double REVIEW = 0.6;
    /** Below this name similarity two entries are not one project, whatever else agrees (西湖实验室 / 良渚实验室). */
    private static final double SAME_NAME = 0.75;
    /** Sections and phases: the bases agree almost letter for letter. */
    private static final double SECTION_NAME = 0.85;

    public Optional<Judgement> judge(Entry a, Entry b) {
        return judge(a, b, EntryName.of(a.name()), EntryName.of(b.name()));
    }

    /** The same, with the names already read (a large list judges many pairs of one name). */
    Optional<Judgement> judge(Entry a, Entry b, EntryName na, EntryName nb) {
        Optional<Judgement> byCode = byCode(a, b, na, nb);
        if (byCode.isPresent()) {
            return byCode;
        }
        List<String> why = new ArrayList<>();
        double name = EntryName.similarity(na.base(), nb.base());
        if (EntryName.abbreviates(na, nb) || EntryName.abbreviates(nb, na)) {
            EntryName full = na.routeInitials() != null && EntryName.abbreviates(na, nb) ? na : nb;
            name = Math.max(name, 0.8);
            why.add("“" + full.routeInitials() + "”为线路起讫地的简称");
        }
        if (name < 0.5 || na.hanLength() < 3 || nb.hanLength() < 3 || !na.numbers().equals(nb.numbers())) {
            return Optional.empty();
        }
        if (na.routeInitials() != null && nb.routeInitials() != null && !na.routeInitials().equals(nb.routeInitials())) {
            return Optional.empty();  // two lines with other ends (杭州至海宁 / 杭州至德清)
        }
        why.add(0, "名称相近（“" + na.base() + "”与“" + nb.base() + "”，" + round(name) + "）");
        String relation = "same";
        String partOf = null;
        boolean markersDiffer = !new HashSet<>(na.markers()).equals(new HashSet<>(nb.markers()));
        if (markersDiffer) {
            if (!na.markers().isEmpty() && !nb.markers().isEmpty()) {
                relation = "related";
                why.add("同一工程的不同分段或分期（" + String.join("、", na.markers()) + " / " + String.join("、", nb.markers()) + "）");
            } else {
                EntryName marked = na.markers().isEmpty() ? nb : na;
                Entry whole = na.markers().isEmpty() ? a : b;
                if (marked.phase() >= 2) {
                    relation = "related";
                    why.add("后续分期（" + String.join("、", marked.markers()) + "）");
                } else {
                    relation = "part";
                    partOf = whole.key();
                    why.add("为其中一部分（" + String.join("、", marked.markers()) + "）");
                }
            }
        }
        if (name < SAME_NAME) {
            return Optional.empty();
        }
        // Two rows of one list are two projects unless their names agree (a repeated row) or a code says so:
        // '预计算测试项目甲' and '…乙' are siblings, not a rename.
        if (relation.equals("same") && a.list().equals(b.list()) && !na.base().equals(nb.base())) {
            return Optional.empty();
        }
        // A section or phase of one work has that work's name, not a longer one that holds it
        // (甬台温高速公路复线瑞安联络线 is not a section of 甬台温高速公路).
        if (!relation.equals("same") && EntryName.dice(EntryName.bigrams(na.base()), EntryName.bigrams(nb.base())) < SECTION_NAME) {
            return Optional.empty();
        }
        // Sibling sections of one line lie in different places: only a shared place counts for them.
        boolean siblings = !na.markers().isEmpty() && !nb.markers().isEmpty() && markersDiffer;
        double score = name + (siblings ? Math.max(0, place(a, b, why)) : place(a, b, why));
        if (relation.equals("same")) {
            score += investment(a, b, why) + years(a, b, why);
            if (!a.codes().isEmpty() && !b.codes().isEmpty()) {
                score -= 0.2;
                why.add("两条目项目代码不同");
            }
        }
        score += units(a, b, why) + content(a, b, why);
        score = Math.max(0, Math.min(1, score));
        if (score < REVIEW) {
            return Optional.empty();
        }
        return Optional.of(new Judgement(relation, partOf, score, "score", String.join("；", why)));
    }

    /** A shared 项目代码 (or one code's body with another section suffix) decides before any score. */
    private Optional<Judgement> byCode(Entry a, Entry b, EntryName na, EntryName nb) {
        for (String ca : a.codes()) {
            for (String cb : b.codes()) {
                if (ca.equals(cb)) {
                    double name = EntryName.similarity(na.base(), nb.base());
                    if (name >= 0.5) {
                        return Optional.of(new Judgement("same", null, 1.0, "code", "项目代码相同（" + ca + "）"));
                    }
                    // One code on two different names (湖畔实验室 and a 达摩院 site): the lists say they
                    // belong together, the names do not say how: an admin decides.
                    return Optional.of(new Judgement("related", null, REVIEW, "code",
                            "项目代码相同（" + ca + "），但名称不同（“" + a.name() + "”与“" + b.name() + "”），待核实"));
                }
            }
        }
        for (String ca : a.codes()) {
            for (String cb : b.codes()) {
                Optional<String> body = codeBody(ca);
                if (body.isPresent() && body.equals(codeBody(cb))) {
                    return Optional.of(new Judgement("related", null, 0.9, "code",
                            "项目代码主体相同（" + body.get() + "），分段代码不同（" + ca + " / " + cb + "）"));
                }
            }
        }
        return Optional.empty();
    }

    /** '2016-330000-48-01-027089-001' -> '2016-330000-48-01-027089': the code without its section suffix. */
    static Optional<String> codeBody(String code) {
        String[] parts = code.split("-");
        if (parts.length == 6 && parts[4].length() >= 6) {
            return Optional.of(String.join("-", java.util.Arrays.copyOf(parts, 5)));
        }
        return Optional.empty();
    }

    private static double place(Entry a, Entry b, List<String> why) {
        if (!a.counties().isEmpty() && !b.counties().isEmpty()) {
            if (overlaps(a.counties(), b.counties())) {
                why.add("地点相符（同在" + names(a, common(a.counties(), b.counties())) + "）");
                return 0.1;
            }
            why.add("地点不同（" + names(a, a.counties()) + " / " + names(b, b.counties()) + "）");
            // A project renamed between lists stays in its city; another county of the same city may be a re-siting.
            return overlaps(a.cities(), b.cities()) || a.cities().isEmpty() || b.cities().isEmpty() ? -0.3 : -0.6;
        }
        if (!a.cities().isEmpty() && !b.cities().isEmpty()) {
            if (overlaps(a.cities(), b.cities())) {
                why.add("同一地级市（" + names(a, common(a.cities(), b.cities())) + "）");
                return 0.05;
            }
            why.add("地级市不同");
            return -0.3;
        }
        return 0;
    }

    private static double investment(Entry a, Entry b, List<String> why) {
        if (a.totalInvestment().isEmpty() || b.totalInvestment().isEmpty()) {
            return 0;
        }
        BigDecimal x = a.totalInvestment().get();
        BigDecimal y = b.totalInvestment().get();
        if (x.signum() <= 0 || y.signum() <= 0) {
            return 0;
        }
        double ratio = Math.min(x.doubleValue(), y.doubleValue()) / Math.max(x.doubleValue(), y.doubleValue());
        String both = x.stripTrailingZeros().toPlainString() + "亿元 / " + y.stripTrailingZeros().toPlainString() + "亿元";
        if (ratio >= 0.9) {
            why.add("总投资相近（" + both + "）");
            return 0.1;
        }
        if (ratio < 0.5) {
            why.add("总投资相差较大（" + both + "）");
            return -0.15;
        }
        why.add("总投资有变化（" + both + "）");
        return 0;
    }

    private static double years(Entry a, Entry b, List<String> why) {
        if (a.startYear().isEmpty() || b.startYear().isEmpty()) {
            return 0;
        }
        int a0 = a.startYear().get();
        int a1 = a.endYear().orElse(a0);
        int b0 = b.startYear().get();
        int b1 = b.endYear().orElse(b0);
        if (a0 <= b1 && b0 <= a1) {
            why.add("建设年限重叠（" + a0 + "–" + a1 + " / " + b0 + "–" + b1 + "）");
            return 0.05;
        }
        why.add("建设年限不重叠");
        return -0.1;
    }

    private static double units(Entry a, Entry b, List<String> why) {
        Set<String> ua = new HashSet<>(a.units());
        for (String u : b.units()) {
            // A city government or a provincial group names dozens of projects: not evidence.
            if (ua.contains(u) && !u.endsWith("政府") && !u.startsWith("省")) {
                why.add("责任单位相同（" + u + "）");
                return 0.05;
            }
        }
        return 0;
    }

    private static double content(Entry a, Entry b, List<String> why) {
        String ca = EntryName.clean(a.content());
        String cb = EntryName.clean(b.content());
        if (ca.length() < 10 || cb.length() < 10) {
            return 0;
        }
        double d = EntryName.dice(EntryName.bigrams(ca), EntryName.bigrams(cb));
        if (d >= 0.4) {
            why.add("建设内容相近（" + round(d) + "）");
            return 0.1;
        }
        return 0;
    }

    private static boolean overlaps(List<String> a, List<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    private static List<String> common(List<String> a, List<String> b) {
        return a.stream().filter(b::contains).toList();
    }

    private static String names(Entry e, List<String> codes) {
        return String.join("、", codes.stream().map(code -> e.placeNames().getOrDefault(code, code)).toList());
    }

    private static String round(double d) {
        return BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
