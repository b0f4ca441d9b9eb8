package atlas.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the pairs worth judging, then judges them. Candidates come from the names and codes alone
 * (cheap): a shared 项目代码 or code body, or names close enough to be scored. Small sets compare
 * every pair; large ones only entries sharing a code or a rare bigram of their name's base. A name
 * printed twice in one list ('余杭产业园项目(一期)' in a generated list) names a kind of project, not one
 * project: rows of that list with its base are linked to each other only by their codes.
 */
public final class Linker {
    /** Up to this many entries every pair is compared by name (386 seed entries: 74k pairs). */
    private static final int ALL_PAIRS_UP_TO = 3000;
    /** A bigram in more names than this says nothing about which two belong together. */
    private static final int COMMON_BIGRAM = 50;

    private final LinkScorer scorer = new LinkScorer();
    /** Names read once per run: candidates and judging read the same names, and lists repeat names. */
    private final Map<String, EntryName> readNames = new java.util.concurrent.ConcurrentHashMap<>();

    public record Found(Entry a, Entry b, Judgement judgement) {
    }

    /** The candidate pairs (indexes into entries), found by names and codes only. */
    public List<int[]> candidates(List<Entry> entries) {
        int n = entries.size();
        EntryName[] names = new EntryName[n];
        List<Set<String>> bigrams = new ArrayList<>(n);
        Set<String> printed = new HashSet<>();
        Set<String> kinds = new HashSet<>();   // list + base of a name printed twice in that list
        // Reading names is the costly part of a large list: on every core.
        java.util.stream.IntStream.range(0, n).parallel().forEach(i -> names[i] = nameOf(entries.get(i)));
        for (int i = 0; i < n; i++) {
            bigrams.add(EntryName.bigrams(names[i].base()));
            String listBase = entries.get(i).list() + "\n" + names[i].base();
            if (!printed.add(listBase + "\n" + String.join("|", new java.util.TreeSet<>(names[i].markers())))) {
                kinds.add(listBase);
            }
        }
        List<int[]> out = new ArrayList<>();
        Function<int[], Boolean> keep = p -> {
            Entry a = entries.get(p[0]);
            Entry b = entries.get(p[1]);
            if (sharesCode(a, b)) {
                return true;
            }
            if (a.list().equals(b.list()) && (kinds.contains(a.list() + "\n" + names[p[0]].base())
                    || kinds.contains(b.list() + "\n" + names[p[1]].base()))) {
                return false;
            }
            return EntryName.dice(bigrams.get(p[0]), bigrams.get(p[1])) >= 0.5
                    || EntryName.similarity(names[p[0]].base(), names[p[1]].base()) >= 0.5
                    || EntryName.abbreviates(names[p[0]], names[p[1]]) || EntryName.abbreviates(names[p[1]], names[p[0]]);
        };
        if (n <= ALL_PAIRS_UP_TO) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    int[] p = {i, j};
                    if (keep.apply(p)) {
                        out.add(p);
                    }
                }
            }
            return out;
        }
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String token : tokens(entries.get(i), names[i], bigrams.get(i))) {
                index.computeIfAbsent(token, k -> new ArrayList<>()).add(i);
            }
        }
        Set<Long> seen = new HashSet<>();
        for (Map.Entry<String, List<Integer>> e : index.entrySet()) {
            List<Integer> ids = e.getValue();
            if (ids.size() < 2 || ids.size() > COMMON_BIGRAM && !e.getKey().startsWith("code:")) {
                continue;
            }
            for (int x = 0; x < ids.size(); x++) {
                for (int y = x + 1; y < ids.size(); y++) {
                    int[] p = {ids.get(x), ids.get(y)};
                    if (seen.add((long) p[0] * n + p[1]) && keep.apply(p)) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** Judges the candidate pairs (entries now with their places), the earlier entry first. */
    public List<Found> judge(List<Entry> entries, List<int[]> pairs) {
        // Each pair is judged on its own: on every core, the answers in the pairs' order.
        return pairs.parallelStream().map(p -> {
            Entry x = entries.get(p[0]);
            Entry y = entries.get(p[1]);
            Entry a = x.before(y) ? x : y;
            Entry b = a == x ? y : x;
            return scorer.judge(a, b, nameOf(a), nameOf(b)).map(j -> new Found(a, b, j));
        }).flatMap(java.util.Optional::stream).toList();
    }

    private EntryName nameOf(Entry e) {
        return readNames.computeIfAbsent(e.name(), EntryName::of);
    }

    public List<Found> link(List<Entry> entries) {
        return judge(entries, candidates(entries));
    }

    private static boolean sharesCode(Entry a, Entry b) {
        for (String ca : a.codes()) {
            for (String cb : b.codes()) {
                if (ca.equals(cb) || LinkScorer.codeBody(ca).map(x -> x.equals(LinkScorer.codeBody(cb).orElse(null))).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Set<String> tokens(Entry e, EntryName n, Set<String> bigrams) {
        Set<String> out = new HashSet<>(bigrams);
        for (String code : e.codes()) {
            out.add("code:" + code);
            LinkScorer.codeBody(code).ifPresent(b -> out.add("code:" + b));
        }
        if (n.routeInitials() != null) {
            out.add(n.routeInitials());
        }
        return out;
    }
}
