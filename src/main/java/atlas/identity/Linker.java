package atlas.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the pairs worth judging and judges them. Small sets compare every pair; large ones only
 * entries that share a 项目代码 (or its body), a rare bigram of their name's base, or a route abbreviation.
 */
public final class Linker {
    /** Up to this many entries every pair is judged (386 seed entries: 74k pairs, well under a second). */
    private static final int ALL_PAIRS_UP_TO = 3000;
    /** A bigram in more names than this says nothing about which two belong together. */
    private static final int COMMON_BIGRAM = 50;

    private final LinkScorer scorer = new LinkScorer();

    public record Found(Entry a, Entry b, Judgement judgement) {
    }

    public List<Found> link(List<Entry> entries) {
        List<Found> out = new ArrayList<>();
        if (entries.size() <= ALL_PAIRS_UP_TO) {
            for (int i = 0; i < entries.size(); i++) {
                for (int j = i + 1; j < entries.size(); j++) {
                    judge(entries.get(i), entries.get(j), out);
                }
            }
            return out;
        }
        Map<String, List<Integer>> index = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (String token : tokens(entries.get(i))) {
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
                    long pair = (long) ids.get(x) * entries.size() + ids.get(y);
                    if (seen.add(pair)) {
                        judge(entries.get(ids.get(x)), entries.get(ids.get(y)), out);
                    }
                }
            }
        }
        return out;
    }

    private void judge(Entry x, Entry y, List<Found> out) {
        Entry a = x.before(y) ? x : y;
        Entry b = a == x ? y : x;
        scorer.judge(a, b).ifPresent(j -> out.add(new Found(a, b, j)));
    }

    private static Set<String> tokens(Entry e) {
        Set<String> out = new HashSet<>();
        for (String code : e.codes()) {
            out.add("code:" + code);
            LinkScorer.codeBody(code).ifPresent(b -> out.add("code:" + b));
        }
        EntryName n = EntryName.of(e.name());
        out.addAll(EntryName.bigrams(n.base()));
        if (n.routeInitials() != null) {
            out.add(n.routeInitials());
        }
        return out;
    }
}
