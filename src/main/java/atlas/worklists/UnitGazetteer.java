package atlas.worklists;

import atlas.gazetteer.CsvTable;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Responsible units as a gazetteer of their own (geodata/units/units.csv): each unit's full name, the
 * short names documents print for it, its level and its city. A name starting with 市 or 区 in a city's
 * document is that city's unit (市建委 in a 杭州 document is 杭州市建委).
 */
public final class UnitGazetteer {
    /** A unit of the gazetteer. level: province, city, county; cityCode: 6 digits, "" for provincial units. */
    public record Unit(String name, List<String> aliases, String level, String cityCode) {
    }

    /**
     * A printed unit read against the gazetteer.
     *
     * @param printed as printed in the list
     * @param name    the full name when known, else the printed name (qualified by the document's city)
     * @param level   province, city, county or "" when unknown
     * @param known   true when the gazetteer holds the unit
     */
    public record Resolved(String printed, String name, String level, String cityCode, boolean known) {
    }

    private final List<Unit> units;
    private final Map<String, Unit> byKey = new HashMap<>();

    public UnitGazetteer(List<Unit> units) {
        this.units = List.copyOf(units);
        for (Unit u : units) {
            byKey.putIfAbsent(key(u.name()), u);
            for (String a : u.aliases()) {
                byKey.putIfAbsent(key(a), u);
            }
        }
    }

    public static UnitGazetteer load(Path csv) {
        List<Unit> out = new ArrayList<>();
        for (Map<String, String> row : CsvTable.read(csv)) {
            String aliases = Optional.ofNullable(CsvTable.value(row, "aliases")).orElse("");
            out.add(new Unit(CsvTable.value(row, "name"),
                    aliases.isEmpty() ? List.of() : List.of(aliases.split("\\|")),
                    CsvTable.value(row, "level"), Optional.ofNullable(CsvTable.value(row, "city")).orElse("")));
        }
        return new UnitGazetteer(out);
    }

    public List<Unit> units() {
        return units;
    }

    /** cityName: the city whose document this is (e.g. 杭州), "" for a provincial document. */
    public Resolved resolve(String printed, String cityName, String cityCode) {
        // A short name relative to a city (市建委) is only that city's unit in that city's document.
        boolean relative = printed.matches("^(市|区|县)[^级].*");
        Optional<Unit> u = find(printed).filter(x -> !relative || x.cityCode().equals(cityCode));
        if (u.isEmpty() && !cityName.isEmpty() && relative) {
            String qualified = cityName + (printed.startsWith("市") ? "" : "市") + printed;
            u = find(qualified);
            if (u.isEmpty()) {
                return new Resolved(printed, qualified, "city", cityCode, false);
            }
        }
        if (u.isPresent()) {
            return new Resolved(printed, u.get().name(), u.get().level(), u.get().cityCode(), true);
        }
        String level = printed.startsWith("省") ? "province" : printed.matches("^[\\p{IsHan}]{2,3}市.*") ? "city" : "";
        return new Resolved(printed, printed, level, "", false);
    }

    /** The unit of a name; '杭州西湖风景名胜区管委会(杭州西溪国家湿地公园管委会)' is found by the name before its parentheses. */
    public Optional<Unit> find(String name) {
        Unit u = byKey.get(key(name));
        int paren = key(name).indexOf('(');
        if (u == null && paren > 0) {
            u = byKey.get(key(name).substring(0, paren));
        }
        return Optional.ofNullable(u);
    }

    static String key(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("[\\s\\u3000]+", "")
                .replace('（', '(').replace('）', ')');
    }
}
