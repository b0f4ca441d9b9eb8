package atlas.identity;

import atlas.db.CopyRows;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Links every entry to the others (across lists and inside one), applies the administrators' word,
 * groups entries joined by 'same' into projects, lets an entry without strong evidence take its
 * partner's placement, and stores the answer. Runs after every placing run, in its transaction.
 */
public final class IdentityStore {
    public record Summary(int entries, int projects, int linked, int review, int adopted, long millis) {
    }

    /** A stored or wanted link between two entries (by project_key, the earlier entry first). */
    public record Link(String a, String b, String relation, String partOf, double score, String evidence,
                       String method, String status) {
    }

    public Summary run(Connection c) throws SQLException {
        long started = System.nanoTime();
        Map<Long, Stored> stored = new HashMap<>();
        List<Entry> entries = entries(c, stored);
        Linker linker = new Linker();
        List<int[]> pairs = linker.candidates(entries);
        // Places are read only for the entries of candidate pairs and of administrators' links.
        java.util.Set<Long> involved = new java.util.HashSet<>();
        pairs.forEach(p -> {
            involved.add(entries.get(p[0]).id());
            involved.add(entries.get(p[1]).id());
        });
        Map<String, Entry> byKey = new HashMap<>();
        entries.forEach(e -> byKey.put(e.key(), e));
        for (String key : manualKeys(c)) {
            if (byKey.containsKey(key)) {
                involved.add(byKey.get(key).id());
            }
        }
        withPlaces(c, entries, involved);
        entries.forEach(e -> byKey.put(e.key(), e));
        Map<String, Link> links = new LinkedHashMap<>();
        for (Linker.Found f : linker.judge(entries, pairs)) {
            Judgement j = f.judgement();
            String status = j.score() >= LinkScorer.LINK ? "linked" : "review";
            links.put(pair(f.a().key(), f.b().key()), new Link(f.a().key(), f.b().key(), j.relation(), j.partOf(),
                    j.score(), j.evidence(), j.method(), status));
        }
        applyManual(c, byKey, links);

        // Projects: entries joined by taken 'same' links.
        Map<String, String> root = new HashMap<>();
        entries.forEach(e -> root.put(e.key(), e.key()));
        java.util.Set<String> linked = new java.util.HashSet<>();
        for (Link l : links.values()) {
            if (!l.status().equals("rejected")) {
                linked.add(l.a());
                linked.add(l.b());
            }
            if (l.relation().equals("same") && (l.status().equals("linked") || l.status().equals("confirmed"))) {
                union(root, l.a(), l.b());
            }
        }
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        for (Entry e : entries) {
            groups.computeIfAbsent(find(root, e.key()), k -> new ArrayList<>()).add(e);
        }
        try (Statement st = c.createStatement()) {
            st.execute(IdentitySql.STAGE);
        }
        int adopted = 0;
        // Only entries whose project, counting or links changed are written: a bulk import of entries
        // without links writes nothing here.
        try (CopyRows entryRows = CopyRows.open(c, "identity_entry", "id, identity, counted, linked")) {
            for (List<Entry> g : groups.values()) {
                Entry first = g.get(0);
                Entry latest = g.get(0);
                for (Entry e : g) {
                    first = e.before(first) ? e : first;
                    latest = latest.before(e) ? e : latest;
                }
                for (Entry e : g) {
                    Stored want = new Stored(g.size() > 1 ? first.fid() : null, e == latest, linked.contains(e.key()));
                    if (!want.equals(stored.get(e.id()))) {
                        entryRows.number(e.id()).text(want.identity()).text(want.counted() ? "t" : "f")
                                .text(want.linked() ? "t" : "f");
                        entryRows.endRow();
                    }
                }
            }
            entryRows.finish();
        }
        try (CopyRows adopt = CopyRows.open(c, "identity_adopt", "weak_id, strong_id, prefix")) {
            for (List<Entry> g : groups.values()) {
                // The latest entry with strong evidence of its own lends its placement to the weak ones.
                Optional<Entry> lender = g.stream().filter(Entry::strong).reduce((x, y) -> x.before(y) ? y : x);
                if (lender.isEmpty()) {
                    continue;
                }
                for (Entry e : g) {
                    if (!e.strong()) {
                        Entry s = lender.get();
                        adopt.number(e.id()).number(s.id()).text("据同一项目的另一条目（" + s.list() + "“" + s.name() + "”）：");
                        adopt.endRow();
                        adopted++;
                    }
                }
            }
            adopt.finish();
        }
        int review = 0;
        try (CopyRows rows = CopyRows.open(c, "identity_link",
                "entry_a, entry_b, relation, part_of, score, evidence, method, status")) {
            for (Link l : links.values()) {
                rows.text(l.a()).text(l.b()).text(l.relation()).text(l.partOf())
                        .number(BigDecimal.valueOf(l.score()).setScale(3, java.math.RoundingMode.HALF_UP))
                        .text(l.evidence()).text(l.method()).text(l.status());
                rows.endRow();
                review += l.status().equals("review") ? 1 : 0;
            }
            rows.finish();
        }
        try (Statement st = c.createStatement()) {
            st.execute("ANALYZE identity_entry");
            st.execute(IdentitySql.REPLACE_LINKS);
            st.execute(IdentitySql.UPDATE_ENTRIES);
            st.execute(IdentitySql.REVIEW_ITEMS);
            st.execute(IdentitySql.ADOPT_PLACEMENTS);
            st.execute(IdentitySql.RELEASE_ADOPTED);
            st.execute(IdentitySql.REFRESH_PROPERTIES);
        }
        return new Summary(entries.size(), groups.size(), linked.size(), review, adopted,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Projects and list entries with their 总投资 (亿元), links taken and waiting for review. */
    public record Figures(long entries, BigDecimal entryInvestment, long projects, BigDecimal projectInvestment,
                          long links, long review) {
        /** '381 个项目 · 36,xxx.xx 亿元（清单条目 386 条 · 36,461.11 亿元）'. */
        public String zh() {
            return String.format(java.util.Locale.ROOT, "%d 个项目 · %,.2f 亿元（清单条目 %d 条 · %,.2f 亿元；同一项目跨清单只计一次）",
                    projects, projectInvestment, entries, entryInvestment);
        }
    }

    public static Figures figures(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(IdentitySql.FIGURES)) {
            rs.next();
            return new Figures(rs.getLong(1), orZero(rs.getBigDecimal(2)), rs.getLong(3), orZero(rs.getBigDecimal(4)),
                    rs.getLong(5), rs.getLong(6));
        }
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    /** The administrators' links and rejections override what the scorer found. */
    private static void applyManual(Connection c, Map<String, Entry> byKey, Map<String, Link> links) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(IdentitySql.MANUAL_LINKS)) {
            while (rs.next()) {
                String a = rs.getString(1);
                String b = rs.getString(2);
                if (!byKey.containsKey(a) || !byKey.containsKey(b)) {
                    continue;  // kept for when the entry comes back in a later import
                }
                String relation = rs.getString(3);
                String comment = rs.getString(5) == null ? "" : "：" + rs.getString(5);
                Link found = links.get(pair(a, b));
                if (relation.equals("none")) {
                    if (found != null) {
                        links.put(pair(a, b), new Link(found.a(), found.b(), found.relation(), found.partOf(), found.score(),
                                found.evidence() + "；管理员否定（" + rs.getString(6) + comment + "）", found.method(), "rejected"));
                    }
                    continue;
                }
                // Stored earlier entry first, as the scorer orders them.
                Entry ea = byKey.get(a);
                Entry eb = byKey.get(b);
                boolean swap = eb.before(ea);
                String first = swap ? b : a;
                String second = swap ? a : b;
                String evidence = found != null && found.relation().equals(relation)
                        ? found.evidence() + "；管理员确认（" + rs.getString(6) + comment + "）"
                        : "管理员设定（" + rs.getString(6) + comment + "）";
                links.put(pair(a, b), new Link(first, second, relation, rs.getString(4), 1.0, evidence,
                        found == null ? "manual" : found.method(), "confirmed"));
            }
        }
    }

    /** An entry's stored project (null: a project of one entry), counting and links. */
    private record Stored(String identity, boolean counted, boolean linked) {
    }

    private static List<String> manualKeys(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(IdentitySql.MANUAL_LINKS)) {
            while (rs.next()) {
                out.add(rs.getString(1));
                out.add(rs.getString(2));
            }
        }
        return out;
    }

    /** Replaces the entries whose ids are given by copies with what the scorer reads and their places. */
    private static void withPlaces(Connection c, List<Entry> entries, java.util.Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        Map<Long, Entry> placed = new HashMap<>();
        try (java.sql.PreparedStatement ps = c.prepareStatement(IdentitySql.PLACES)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    placed.put(rs.getLong(1), null);
                    Map<String, String> names = new HashMap<>();
                    List<String> counties = codes(rs.getArray(7), names);
                    List<String> cities = codes(rs.getArray(8), names);
                    boolean strong = rs.getBoolean(9);
                    long id = rs.getLong(1);
                    placed.put(id, new Entry(id, null, null, 0, Optional.empty(), null, null, List.of(),
                            Optional.ofNullable((Integer) rs.getObject(2)), Optional.ofNullable((Integer) rs.getObject(3)),
                            Optional.ofNullable(rs.getBigDecimal(4)), strings(rs.getArray(5)), rs.getString(6),
                            counties, cities, names, strong));
                }
            }
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Entry p = placed.get(e.id());
            if (p != null) {
                entries.set(i, new Entry(e.id(), e.key(), e.fid(), e.documentId(), e.listYear(), e.list(), e.name(), e.codes(),
                        p.startYear(), p.endYear(), p.totalInvestment(), p.units(), p.content(), p.counties(), p.cities(),
                        p.placeNames(), p.strong()));
            }
        }
    }

    static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
    }

    private static String find(Map<String, String> root, String k) {
        String r = root.get(k);
        while (!r.equals(root.get(r))) {
            r = root.get(r);
        }
        root.put(k, r);
        return r;
    }

    private static void union(Map<String, String> root, String a, String b) {
        root.put(find(root, a), find(root, b));
    }

    private static List<Entry> entries(Connection c, Map<Long, Stored> stored) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(IdentitySql.ENTRIES)) {
            while (rs.next()) {
                out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        Optional.ofNullable((Integer) rs.getObject(5)), rs.getString(6), rs.getString(7), strings(rs.getArray(8)),
                        Optional.empty(), Optional.empty(), Optional.empty(), List.of(), "",
                        List.of(), List.of(), Map.of(), false));
                stored.put(rs.getLong(1), new Stored(rs.getString(9), rs.getBoolean(10), rs.getBoolean(11)));
            }
        }
        return out;
    }

    /** 'code:name' pairs: the codes, with their names put in names. */
    private static List<String> codes(Array a, Map<String, String> names) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String s : strings(a)) {
            int colon = s.indexOf(':');
            out.add(s.substring(0, colon));
            names.put(s.substring(0, colon), s.substring(colon + 1));
        }
        return out;
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
