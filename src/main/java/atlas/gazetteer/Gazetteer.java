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

    /** The gazetteer as stored in the division tables (what the geocoder and the API use). */
    public static Gazetteer load(Connection c) throws SQLException {
        Parts parts = new Parts();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT code, name, short_name, level, parent_code, valid_to FROM division ORDER BY code")) {
                while (rs.next()) {
                    Integer validTo = (Integer) rs.getObject("valid_to");
                    parts.division(new Division(rs.getString("code"), rs.getString("name"),
                            Optional.ofNullable(rs.getString("short_name")), rs.getString("level"),
                            Optional.ofNullable(rs.getString("parent_code")), Optional.ofNullable(validTo)));
                }
            }
            parts.divisionNames();
            try (ResultSet rs = st.executeQuery("SELECT alias, code, kind FROM division_alias ORDER BY alias, code")) {
                while (rs.next()) {
                    addAlias(parts.aliases, rs.getString(1), rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT old_code, min(before_year), array_agg(current_code ORDER BY current_code), "
                            + "min(current_code) FILTER (WHERE is_main) FROM division_code_history GROUP BY old_code")) {
                while (rs.next()) {
                    parts.history.put(rs.getString(1), new History(rs.getInt(2),
                            List.of((String[]) rs.getArray(3).getArray()), Optional.ofNullable(rs.getString(4))));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT code, name, county_codes, reasoning FROM functional_zone")) {
                while (rs.next()) {
                    parts.zones.put(rs.getString(1), new FunctionalZone(rs.getString(1), rs.getString(2),
                            List.of((String[]) rs.getArray(3).getArray()), rs.getString(4)));
                }
            }
        }
        return parts.gazetteer();
    }

    /**
     * The bundled gazetteer read straight from geodata/gazetteer/*.csv, without a database: the same
     * lookups {@link #load} gives after {@link GazetteerLoader} stored these files (for unit tests).
     */
    public static Gazetteer fromFiles(java.nio.file.Path geodata) {
        java.nio.file.Path dir = geodata.resolve("gazetteer");
        Parts parts = new Parts();
        List<Map<String, String>> divisionRows = new ArrayList<>(CsvTable.read(dir.resolve("divisions.csv")));
        divisionRows.sort(Comparator.comparing(r -> CsvTable.value(r, "code")));
        for (Map<String, String> r : divisionRows) {
            String validTo = CsvTable.value(r, "valid_to");
            parts.division(new Division(CsvTable.value(r, "code"), CsvTable.value(r, "name"),
                    Optional.ofNullable(CsvTable.value(r, "short_name")), CsvTable.value(r, "level"),
                    Optional.ofNullable(CsvTable.value(r, "parent_code")),
                    Optional.ofNullable(validTo).map(Integer::valueOf)));
        }
        parts.divisionNames();
        // As stored: one row per (alias, code), the first of the file winning, read in (alias, code) order.
        List<Map<String, String>> aliasRows = new ArrayList<>(CsvTable.read(dir.resolve("aliases.csv")));
        aliasRows.sort(Comparator.comparing((Map<String, String> r) -> CsvTable.value(r, "alias"))
                .thenComparing(r -> CsvTable.value(r, "code")));
        for (Map<String, String> r : aliasRows) {
            addAlias(parts.aliases, CsvTable.value(r, "alias"), CsvTable.value(r, "code"), CsvTable.value(r, "kind"));
        }
        Map<String, Integer> firstYear = new HashMap<>();
        Map<String, Map<String, Boolean>> successors = new HashMap<>();
        for (Map<String, String> r : CsvTable.read(dir.resolve("code-history.csv"))) {
            String old = CsvTable.value(r, "old_code");
            firstYear.merge(old, Integer.parseInt(CsvTable.value(r, "year")), Math::min);
            String main = r.getOrDefault("main_code", "").trim();
            for (String current : CsvTable.value(r, "current_codes").split(";")) {
                successors.computeIfAbsent(old, k -> new java.util.TreeMap<>())
                        .putIfAbsent(current.trim(), current.trim().equals(main));
            }
        }
        successors.forEach((old, currents) -> parts.history.put(old, new History(firstYear.get(old),
                List.copyOf(currents.keySet()),
                currents.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).findFirst())));
        for (Map<String, String> r : CsvTable.read(dir.resolve("functional-zones.csv"))) {
            String counties = CsvTable.value(r, "county_codes");
            parts.zones.put(CsvTable.value(r, "code"), new FunctionalZone(CsvTable.value(r, "code"),
                    CsvTable.value(r, "name"), counties == null ? List.of() : List.of(counties.split(";")),
                    CsvTable.value(r, "reasoning")));
        }
        return parts.gazetteer();
    }

    /** The maps a gazetteer is built from, filled by either source. */
    private static final class Parts {
        final Map<String, Division> divisions = new LinkedHashMap<>();
        final Map<String, List<Alias>> aliases = new HashMap<>();
        final Map<String, History> history = new HashMap<>();
        final Map<String, FunctionalZone> zones = new HashMap<>();

        void division(Division d) {
            divisions.put(d.code(), d);
        }

        /** A division's own names count as aliases too, so one map answers every text lookup. */
        void divisionNames() {
            for (Division d : divisions.values()) {
                if (d.isCurrent()) {
                    addAlias(aliases, d.name(), d.code(), "name");
                    d.shortName().ifPresent(s -> addAlias(aliases, s, d.code(), "short"));
                }
            }
        }

        Gazetteer gazetteer() {
            return new Gazetteer(divisions, aliases, history, zones);
        }
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
