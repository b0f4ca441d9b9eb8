package atlas.gazetteer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory snapshot of the gazetteer tables: one lookup for names and codes, shared by the
 * geocoder and the API. Built once per load; immutable.
 */
public final class Gazetteer {
    private record Alias(String code, String kind) {
    }

    private record History(int beforeYear, List<String> currentCodes, Optional<String> mainCode) {
    }

    private final Map<String, Division> divisions;
    private final Map<String, List<Alias>> aliases;
    private final Map<String, History> history;
    private final Map<String, FunctionalZone> zones;
    /** Every name/alias text, longest first, for scanning free text. */
    private final List<String> namesLongestFirst;
    private final Map<Character, int[]> lengthsByFirstChar;
    private static final int[] NO_LENGTHS = new int[0];

    public record FunctionalZone(String code, String name, List<String> countyCodes, String reasoning) {
    }

    private Gazetteer(Map<String, Division> divisions, Map<String, List<Alias>> aliases,
                      Map<String, History> history, Map<String, FunctionalZone> zones) {
        this.divisions = divisions;
        this.aliases = aliases;
        this.history = history;
        this.zones = zones;
        // Only the lengths of names that start with a character are worth trying there (longest first).
        Map<Character, java.util.TreeSet<Integer>> lengths = new HashMap<>();
        for (String name : aliases.keySet()) {
            if (name.length() >= 2) {
                lengths.computeIfAbsent(name.charAt(0), k -> new java.util.TreeSet<>(Comparator.reverseOrder())).add(name.length());
            }
        }
        this.lengthsByFirstChar = new HashMap<>();
        lengths.forEach((ch, set) -> lengthsByFirstChar.put(ch, set.stream().mapToInt(Integer::intValue).toArray()));
        this.namesLongestFirst = aliases.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    public static Gazetteer load(Connection c) throws SQLException {
        Map<String, Division> divisions = new LinkedHashMap<>();
        Map<String, List<Alias>> aliases = new HashMap<>();
        Map<String, History> history = new HashMap<>();
        Map<String, FunctionalZone> zones = new HashMap<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT code, name, short_name, level, parent_code, valid_to FROM division ORDER BY code")) {
                while (rs.next()) {
                    Integer validTo = (Integer) rs.getObject("valid_to");
                    Division d = new Division(rs.getString("code"), rs.getString("name"),
                            Optional.ofNullable(rs.getString("short_name")), rs.getString("level"),
                            Optional.ofNullable(rs.getString("parent_code")), Optional.ofNullable(validTo));
                    divisions.put(d.code(), d);
                }
            }
            // A division's own names count as aliases too, so one map answers every text lookup.
            for (Division d : divisions.values()) {
                if (d.isCurrent()) {
                    addAlias(aliases, d.name(), d.code(), "name");
                    d.shortName().ifPresent(s -> addAlias(aliases, s, d.code(), "short"));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT alias, code, kind FROM division_alias ORDER BY alias, code")) {
                while (rs.next()) {
                    addAlias(aliases, rs.getString(1), rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT old_code, min(before_year), array_agg(current_code ORDER BY current_code), "
                            + "min(current_code) FILTER (WHERE is_main) FROM division_code_history GROUP BY old_code")) {
                while (rs.next()) {
                    history.put(rs.getString(1), new History(rs.getInt(2),
                            List.of((String[]) rs.getArray(3).getArray()), Optional.ofNullable(rs.getString(4))));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT code, name, county_codes, reasoning FROM functional_zone")) {
                while (rs.next()) {
                    zones.put(rs.getString(1), new FunctionalZone(rs.getString(1), rs.getString(2),
                            List.of((String[]) rs.getArray(3).getArray()), rs.getString(4)));
                }
            }
        }
        return new Gazetteer(divisions, aliases, history, zones);
    }

    private static void addAlias(Map<String, List<Alias>> aliases, String text, String code, String kind) {
        if (text == null || text.isBlank()) {
            return;
        }
        List<Alias> list = aliases.computeIfAbsent(text.trim(), k -> new ArrayList<>());
        if (list.stream().noneMatch(a -> a.code().equals(code))) {
            list.add(new Alias(code, kind));
        }
    }

    public Optional<Division> division(String code) {
        return Optional.ofNullable(divisions.get(code));
    }

    public Optional<FunctionalZone> functionalZone(String code) {
        return Optional.ofNullable(zones.get(code));
    }

    /** The current city (地级市) a current county belongs to. */
    public Optional<String> cityOf(String countyCode) {
        return division(countyCode).flatMap(Division::parentCode);
    }

    /**
     * Which current county codes a division code issued in a given year may mean: itself when
     * current and unchanged since, its successors when retired or re-formed after that year.
     */
    public List<String> currentCountiesFor(String code, Optional<Integer> issuedYear) {
        History h = history.get(code);
        // A code issued in the reform year itself may still carry the old meaning.
        if (h != null && (issuedYear.isEmpty() || issuedYear.get() <= h.beforeYear())) {
            return h.currentCodes();
        }
        Division d = divisions.get(code);
        if (d != null && d.isCounty() && d.isCurrent()) {
            return List.of(code);
        }
        if (h != null) {
            return h.currentCodes();
        }
        return List.of();
    }

    /**
     * The county that took most of a division now split between the given counties (江干区 -> 上城区
     * for 上城区 + 钱塘区), when the code history names one; empty when the parts were comparable.
     */
    public Optional<String> mainSuccessor(java.util.Collection<String> currentCodes) {
        Set<String> wanted = new java.util.HashSet<>(currentCodes);
        return history.values().stream().filter(h -> h.mainCode().isPresent() && new java.util.HashSet<>(h.currentCodes()).equals(wanted))
                .map(h -> h.mainCode().get()).distinct().reduce((a, b) -> a.equals(b) ? a : "")
                .filter(s -> !s.isEmpty());
    }

    /** Exact text lookup; several candidates with different codes mean the text is ambiguous. */
    public List<Candidate> lookup(String text) {
        String q = text == null ? "" : text.trim();
        List<Alias> found = aliases.getOrDefault(q, List.of());
        boolean ambiguous = found.stream().map(Alias::code).distinct().count() > 1;
        List<Candidate> out = new ArrayList<>();
        for (Alias a : found) {
            Division d = divisions.get(a.code());
            if (d == null) {
                continue;
            }
            String match = ambiguous ? "ambiguous"
                    : a.kind().equals("name") ? "exact"
                    : a.kind().equals("old") ? "historical" : "alias";
            out.add(new Candidate(d.code(), d.name(), d.level(), match, a.kind(), q));
        }
        Division byCode = divisions.get(q);
        if (byCode != null && out.isEmpty()) {
            if (byCode.isCurrent()) {
                out.add(new Candidate(byCode.code(), byCode.name(), byCode.level(), "exact", "code", q));
            } else {
                for (String current : currentCountiesFor(q, Optional.empty())) {
                    Division d = divisions.get(current);
                    out.add(new Candidate(d.code(), d.name(), d.level(), "historical", "code", q));
                }
            }
        }
        return out;
    }

    /** Lookup for a search box: exact matches first, then names that start with or contain the text. */
    public List<Candidate> search(String text, int limit) {
        List<Candidate> out = new ArrayList<>(lookup(text));
        Set<String> seen = new LinkedHashSet<>();
        out.forEach(c -> seen.add(c.code() + c.matchedText()));
        String q = text == null ? "" : text.trim();
        if (!q.isEmpty()) {
            for (String name : namesLongestFirst) {
                if (out.size() >= limit) {
                    break;
                }
                if (!name.equals(q) && name.contains(q)) {
                    for (Candidate c : lookup(name)) {
                        if (seen.add(c.code() + c.matchedText()) && out.size() < limit) {
                            out.add(c);
                        }
                    }
                }
            }
        }
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** A place name found inside free text, with its position. */
    public record Mention(String text, int start, List<Candidate> candidates) {
        public int end() {
            return start + text.length();
        }
    }

    /**
     * Scans free text for known names, leftmost-longest (海宁海昌 reads 海宁 + 海昌, never 宁海);
     * names of one character never match.
     */
    public List<Mention> mentions(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<Mention> found = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            Mention hit = null;
            int[] lengths = lengthsByFirstChar.getOrDefault(text.charAt(i), NO_LENGTHS);
            for (int len : lengths) {
                if (i + len > text.length()) {
                    continue;
                }
                String candidate = text.substring(i, i + len);
                if (aliases.containsKey(candidate)) {
                    hit = new Mention(candidate, i, lookup(candidate));
                    break;
                }
            }
            if (hit != null) {
                found.add(hit);
                i = hit.end();
            } else {
                i++;
            }
        }
        return found;
    }

}
