package atlas.geocode;

import atlas.gazetteer.Gazetteer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Places a project on current counties from its evidence, strongest first: the division code inside
 * 项目代码 (through code history and the functional-zone crosswalk), 建设地点, place names in the
 * name (routes 'X至Y' become ordered lines), and 责任单位/实施单位. Pure logic: no database, no HTTP.
 */
public final class Geocoder {
    private static final Pattern PROVINCE_WIDE = Pattern.compile("全省|省域|浙江省各地|省级统筹");
    private final Gazetteer gazetteer;
    /** Each plan area's keywords cleaned once here, not once per project (the words every row is searched for). */
    private final List<PlanAreaKeywords> cleanedAreas;

    private final PlaceReader placeReader;
    private final RouteReader routeReader;

    public Geocoder(Gazetteer gazetteer, List<PlanAreaKeywords> areas) {
        this.gazetteer = gazetteer;
        this.cleanedAreas = areas.stream().map(a -> new PlanAreaKeywords(a.id(), a.members(),
                a.keywords().stream().map(Geocoder::clean).filter(k -> k.length() >= 2).toList())).toList();
        this.placeReader = new PlaceReader(gazetteer, areas);
        this.routeReader = new RouteReader(gazetteer, placeReader);
    }

    /**
     * Places one project: the evidence levels are asked in turn, and the first that places the row wins.
     * A route read from the name comes first because a line's order is worth more than its counties.
     */
    public Placement place(ProjectFacts p) {
        Row row = read(p);
        return byRoute(row)
                .or(() -> byCode(row))
                .or(() -> byLocation(row))
                .or(() -> byName(row))
                .or(() -> byUnits(row))
                .orElseGet(() -> unplaced(row));
    }

    /** What one row says, read once: its cleaned texts, the places in each, and its codes' reading. */
    private record Row(ProjectFacts facts, String name, String location, String units, CodeReading code,
                       List<Place> locationPlaces, List<Place> namePlaces, List<Place> unitPlaces,
                       boolean provinceWide, boolean province, List<Placement.AreaMention> areaMentions) {
        List<String> locationCounties() {
            return PlaceReader.countiesOf(locationPlaces);
        }

        List<String> unitCounties() {
            return PlaceReader.countiesOf(unitPlaces);
        }
    }

    /**
     * What the division codes inside 项目代码 say. counties: one current county per code (with the
     * evidence); ambiguous: codes that now mean several counties; continuing: codes of a division that
     * lives on under its code after a part left (the parts that left as values).
     */
    private record CodeReading(Map<String, String> counties, List<List<String>> ambiguous, List<String> ambiguousEvidence,
                               Set<String> cities, Map<String, List<String>> continuing, boolean province) {
    }

    private Row read(ProjectFacts p) {
        String name = clean(p.name());
        String location = clean(p.location());
        String units = clean(String.join("、", p.units()));
        List<Placement.AreaMention> areaMentions = areaMentions(name + " " + location + " " + units, clean(p.content()));
        CodeReading code = readCodes(p.codes());
        List<Place> locationPlaces = placeReader.places(location);
        List<Place> namePlaces = placeReader.places(name);
        // Units name governments and bureaus: only county and city names count there, not towns
        // ('艮山东路北区块' holds the street name 路北 of 路桥区).
        List<Place> unitPlaces = placeReader.places(units).stream().filter(pl -> !pl.town()).toList();
        boolean provinceWide = PROVINCE_WIDE.matcher(location).find() || PROVINCE_WIDE.matcher(name).find();
        boolean province = code.province() && PlaceReader.countiesOf(locationPlaces).isEmpty()
                && PlaceReader.countiesOf(namePlaces).isEmpty() || provinceWide;
        return new Row(p, name, location, units, code, locationPlaces, namePlaces, unitPlaces, provinceWide, province,
                areaMentions);
    }

    /** 项目代码: the division code of the second group, read with the year of the first. */
    private CodeReading readCodes(List<String> codes) {
        Map<String, String> codeCounties = new LinkedHashMap<>();
        List<List<String>> codeAmbiguous = new ArrayList<>();
        List<String> ambiguousEvidence = new ArrayList<>();
        Set<String> codeCities = new LinkedHashSet<>();
        Map<String, List<String>> continuing = new LinkedHashMap<>();
        boolean codeProvince = false;
        for (String code : codes) {
            String[] parts = code.split("-");
            if (parts.length < 2 || !parts[1].matches("[0-9]{6}")) {
                continue;
            }
            String division = parts[1];
            Optional<Integer> year = issuedYear(parts[0]);
            String evidence = "项目代码 " + code;
            if (division.equals("330000")) {
                codeProvince = true;
                continue;
            }
            Optional<Gazetteer.FunctionalZone> zone = gazetteer.functionalZone(division);
            List<String> current = zone.map(Gazetteer.FunctionalZone::countyCodes)
                    .orElseGet(() -> gazetteer.currentCountiesFor(division, year));
            if (zone.isPresent()) {
                evidence += " (" + zone.get().name() + ")";
            }
            if (current.size() == 1) {
                codeCounties.putIfAbsent(current.get(0), evidence);
            } else if (current.size() > 1 && current.contains(division) && zone.isEmpty()) {
                // The division lives on under its code (余杭区 after 临平区 was split off): it is the
                // reading unless the row names the part that left; the doubt goes to review.
                List<String> others = current.stream().filter(c -> !c.equals(division)).toList();
                continuing.put(division, others);
                codeCounties.putIfAbsent(division, evidence + "（" + year.map(y -> y + "年").orElse("") + "赋码，早于区划调整，也可能指"
                        + String.join("或", names(others)) + "）");
            } else if (current.size() > 1) {
                codeAmbiguous.add(current);
                ambiguousEvidence.add(evidence + " 可能指" + String.join("或", names(current)));
            } else if (gazetteer.division(division).map(d -> d.level().equals("city")).orElse(false)) {
                codeCities.add(division);
            }
        }
        return new CodeReading(codeCounties, codeAmbiguous, ambiguousEvidence, codeCities, continuing, codeProvince);
    }

    /**
     * A route: places on both sides of 至/— in the name (or 建设地点), in order; or, weakest of all, an
     * abbreviated line name. Empty when the row is not read as a line.
     */
    private Optional<Placement> byRoute(Row row) {
        String name = row.name();
        Map<String, String> codeCounties = row.code().counties();
        RouteReader.Route route = routeReader.route(name);
        if (route.places().size() < 2) {
            route = routeReader.route(row.location());
        }
        boolean abbreviated = false;
        // An abbreviated line name is the weakest reading: only when the row names no county at all
        // ('金甬铁路苏溪集装箱办理站' is a site in 义乌, not the line 金华–宁波).
        if (route.places().size() < 2 && codeCounties.isEmpty() && row.code().ambiguous().isEmpty()
                && row.locationCounties().isEmpty() && PlaceReader.countiesOf(row.namePlaces()).isEmpty()) {
            List<Place> ends = routeReader.abbreviatedRoute(name);
            if (!ends.isEmpty()) {
                route = new RouteReader.Route(ends, List.of());
                abbreviated = true;
            }
        }
        if (route.places().size() < 2 && !abbreviated) {
            return Optional.empty();
        }
        Set<String> known = new LinkedHashSet<>(codeCounties.keySet());
        known.addAll(row.locationCounties());
        List<Placement.PlacedCounty> line = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Place place : route.places()) {
            String county = routeReader.routeCounty(place, known, seen, name);
            if (county != null && seen.add(county)) {
                Optional<Map.Entry<String, String>> end = routeReader.terminus(place, name);
                String how = place.isCounty() ? ""
                        : end.isPresent() ? "，" + end.get().getValue()
                        : known.contains(county) ? "，即该行另有记载的" + nameOf(county)
                        : "，取市政府驻地" + nameOf(county);
                String what = abbreviated ? "线路简称中的“" : "名称中的线路端点“";
                line.add(new Placement.PlacedCounty(county, "route", what + place.text() + "”" + how));
            }
        }
        List<String> segment = new ArrayList<>();
        for (Place place : route.segment()) {
            String county = routeReader.routeCounty(place, known, new LinkedHashSet<>(), name);
            if (county != null) {
                segment.add(county);
            }
        }
        if (segment.size() == 1) {
            // '青田至文成高速公路(文成段)': the project is the part of the line inside one county.
            String only = segment.get(0);
            return Optional.of(new Placement(List.of(new Placement.PlacedCounty(only, "route",
                    "名称中的“" + route.segment().get(0).text() + "段”")), "county",
                    cities(List.of(new Placement.PlacedCounty(only, "route", ""))), List.of(),
                    Optional.empty(), row.areaMentions()));
        }
        if (line.size() >= 2) {
            for (Map.Entry<String, String> e : codeCounties.entrySet()) {
                if (seen.add(e.getKey())) {
                    line.add(new Placement.PlacedCounty(e.getKey(), "code", e.getValue()));
                }
            }
            return Optional.of(new Placement(line, "route", cities(line), List.of(), Optional.empty(), row.areaMentions()));
        }
        if (abbreviated && line.size() == 1 && known.isEmpty()) {
            // '沪苏湖铁路（浙江段）': only one of the line's places is in Zhejiang.
            return Optional.of(new Placement(line, "county", cities(line), List.of(), Optional.empty(), row.areaMentions()));
        }
        return Optional.empty();
    }

    /**
     * 项目代码 names the county (建设地点 may list more, and then wins); or it names a retired code
     * that the row's text narrows down. Text that disagrees with the code is reported, the code kept.
     */
    private Optional<Placement> byCode(Row row) {
        CodeReading code = row.code();
        if (code.counties().isEmpty() && code.ambiguous().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> codeCounties = new LinkedHashMap<>(code.counties());
        List<String> disagreements = new ArrayList<>();
        Optional<Placement.Review> review = Optional.empty();
        List<String> locationCounties = row.locationCounties();
        for (Map.Entry<String, List<String>> e : code.continuing().entrySet()) {
            List<String> textCounties = union(union(locationCounties, PlaceReader.countiesOf(row.namePlaces())),
                    placesInContent(row.facts(), e.getValue()));
            List<String> successor = e.getValue().stream().filter(textCounties::contains).toList();
            String evidence = codeCounties.remove(e.getKey());
            if (!successor.isEmpty()) {
                successor.forEach(c -> codeCounties.put(c, evidence + "；该行写明" + nameOf(c)));
            } else {
                codeCounties.put(e.getKey(), evidence);
                review = Optional.of(new Placement.Review("ambiguous", evidence + "；该行无其他信息可判定"));
            }
        }
        List<String> nameCounties = nameCounties(row, codeCounties.keySet());
        List<Placement.PlacedCounty> counties = new ArrayList<>();
        if (!codeCounties.isEmpty()) {
            if (!locationCounties.isEmpty() && locationCounties.containsAll(codeCounties.keySet())) {
                // 建设地点 lists every county the code names, and maybe more: it is the fuller answer.
                locationCounties.forEach(c -> counties.add(new Placement.PlacedCounty(c, "location",
                        "建设地点“" + row.location() + "”" + (codeCounties.containsKey(c) ? "；" + codeCounties.get(c) : ""))));
            } else {
                codeCounties.forEach((c, ev) -> counties.add(new Placement.PlacedCounty(c, "code", ev)));
                for (String other : union(locationCounties, nameCounties)) {
                    if (!codeCounties.containsKey(other)) {
                        disagreements.add("文字提及" + nameOf(other) + "，但" + codeCounties.values().iterator().next()
                                + "指向" + String.join("、", names(List.copyOf(codeCounties.keySet()))) + "（以项目代码为准）");
                    }
                }
            }
        } else {
            List<String> options = code.ambiguous().get(0);
            String ambiguousEvidence = code.ambiguousEvidence().get(0);
            // The first text that names one of the options decides, strongest text first.
            Map<String, List<String>> texts = new LinkedHashMap<>();
            texts.put("建设地点“" + row.location() + "”", locationCounties);
            texts.put("项目名称", nameCounties);
            texts.put("责任单位", row.unitCounties());
            texts.put("建设内容", placesInContent(row.facts(), options));
            Optional<Map.Entry<String, List<String>>> decided = texts.entrySet().stream()
                    .map(t -> Map.entry(t.getKey(), t.getValue().stream().filter(options::contains).toList()))
                    .filter(t -> !t.getValue().isEmpty()).findFirst();
            if (decided.isPresent()) {
                String evidence = ambiguousEvidence + "；据" + decided.get().getKey() + "判定";
                decided.get().getValue().forEach(c -> counties.add(new Placement.PlacedCounty(c, "code", evidence)));
            } else {
                options.forEach(c -> counties.add(new Placement.PlacedCounty(c, "code", ambiguousEvidence)));
                review = Optional.of(new Placement.Review("ambiguous", ambiguousEvidence + "；该行无其他信息可判定"));
            }
        }
        if (review.isEmpty() && !disagreements.isEmpty()) {
            review = Optional.of(new Placement.Review("disagreement", String.join("; ", disagreements)));
        }
        return Optional.of(placed(row, counties, disagreements, review));
    }

    /** 建设地点 names one or more counties. */
    private Optional<Placement> byLocation(Row row) {
        List<Placement.PlacedCounty> counties = row.locationCounties().stream()
                .map(c -> new Placement.PlacedCounty(c, "location", "建设地点 '" + row.location() + "'")).toList();
        return counties.isEmpty() ? Optional.empty() : Optional.of(placed(row, counties, List.of(), Optional.empty()));
    }

    /** The project name names a county (inside the row's city, when the row names one). */
    private Optional<Placement> byName(Row row) {
        if (row.province()) {
            return Optional.empty();
        }
        List<Placement.PlacedCounty> counties = nameCounties(row, List.of()).stream()
                .map(c -> new Placement.PlacedCounty(c, "name", "名称提及“" + textOf(row.namePlaces(), c) + "”")).toList();
        return counties.isEmpty() ? Optional.empty() : Optional.of(placed(row, counties, List.of(), Optional.empty()));
    }

    /** 责任单位/实施单位 is a county's government or bureau (and no old division name says otherwise). */
    private Optional<Placement> byUnits(Row row) {
        if (row.province() || oldNameIn(row.locationPlaces(), row.namePlaces()).isPresent()) {
            return Optional.empty();
        }
        List<Placement.PlacedCounty> counties = row.unitCounties().stream()
                .map(c -> new Placement.PlacedCounty(c, "unit", "责任单位“" + row.units() + "”")).toList();
        return counties.isEmpty() ? Optional.empty() : Optional.of(placed(row, counties, List.of(), Optional.empty()));
    }

    private Placement placed(Row row, List<Placement.PlacedCounty> counties, List<String> disagreements,
                             Optional<Placement.Review> review) {
        String precision = counties.size() == 1 ? "county" : "counties";
        return new Placement(counties, precision, cities(counties), disagreements, review, row.areaMentions());
    }

    /**
     * County names in the project name. A bare name outside the row's city (滨江 in '温州龙湾滨江社区')
     * is a word, not that county; the row's city comes from its codes and its units.
     */
    private List<String> nameCounties(Row row, java.util.Collection<String> codeCounties) {
        Set<String> contextCities = new LinkedHashSet<>(row.code().cities());
        codeCounties.forEach(c -> gazetteer.cityOf(c).ifPresent(contextCities::add));
        row.unitPlaces().stream().filter(pl -> pl.level().equals("city") && pl.codes().size() == 1)
                .forEach(pl -> contextCities.add(pl.codes().get(0)));
        return PlaceReader.countiesOf(row.namePlaces()).stream().filter(c -> contextCities.isEmpty()
                || gazetteer.cityOf(c).map(contextCities::contains).orElse(false)).toList();
    }

    /** No county found: the whole province, an old division name, a city only, or nothing at all. */
    private Placement unplaced(Row row) {
        List<Placement.AreaMention> areaMentions = row.areaMentions();
        boolean codeProvince = row.code().province();
        Set<String> cities = new LinkedHashSet<>(row.code().cities());
        for (List<Place> places : List.of(row.locationPlaces(), row.namePlaces(), row.unitPlaces())) {
            places.stream().filter(pl -> pl.level().equals("city") && pl.codes().size() == 1)
                    .forEach(pl -> cities.add(pl.codes().get(0)));
        }
        // A provincial code (330000) on a row that names its city ('嘉兴机场货运工程', 宁波市政府) is
        // that city's project: the city official must find it under their city.
        if (row.province() && (row.provinceWide() || cities.isEmpty())) {
            return new Placement(List.of(), "province", List.of(), List.of(),
                    Optional.of(new Placement.Review("province", "全省性项目（全省"
                            + (codeProvince ? "，项目代码 330000" : "") + "），不落到具体区县")), areaMentions);
        }
        Optional<Place> oldName = oldNameIn(row.locationPlaces(), row.namePlaces());
        if (oldName.isPresent()) {
            return byOldName(row, oldName.get());
        }
        if (!cities.isEmpty()) {
            String which = String.join("、", names(List.copyOf(cities)));
            return new Placement(List.of(), "city", List.copyOf(cities), List.of(),
                    Optional.of(new Placement.Review("city-only", "仅知地级市：" + which
                            + (codeProvince ? "（项目代码为省级 330000）" : ""))), areaMentions);
        }
        Optional<Place> ambiguous = List.of(row.locationPlaces(), row.namePlaces(), row.unitPlaces()).stream()
                .flatMap(List::stream).filter(pl -> pl.codes().size() > 1).findFirst();
        String reason = ambiguous.map(a -> "地名“" + a.text() + "”有歧义（" + String.join(" / ", names(a.codes())) + "）")
                .orElse("项目代码、建设地点、名称和责任单位中均未找到地点");
        return new Placement(List.of(), "unknown", List.of(), List.of(),
                Optional.of(new Placement.Review(ambiguous.isPresent() ? "ambiguous" : "unplaced", reason)), areaMentions);
    }

    /** '杭州市江干区' (before 2021): today 上城区 or 钱塘区; say it is one of them. */
    private Placement byOldName(Row row, Place oldName) {
        List<Placement.AreaMention> areaMentions = row.areaMentions();
        List<String> codes = oldName.codes();
        String reason = "旧区划名“" + oldName.text() + "”现属" + String.join("或", names(codes));
        // The row may name the part (江干 + 下沙 -> 钱塘区); else the county that took most of it.
        List<String> named = union(union(nameCounties(row, List.of()), row.unitCounties()), placesInContent(row.facts(), codes))
                .stream().filter(codes::contains).toList();
        if (!named.isEmpty()) {
            List<Placement.PlacedCounty> chosen = named.stream()
                    .map(c -> new Placement.PlacedCounty(c, "location", reason + "；该行另提及" + nameOf(c))).toList();
            return new Placement(chosen, chosen.size() == 1 ? "county" : "counties", cities(chosen), List.of(),
                    Optional.empty(), areaMentions);
        }
        Optional<String> main = gazetteer.mainSuccessor(codes);
        if (main.isPresent()) {
            List<String> others = codes.stream().filter(c -> !c.equals(main.get())).toList();
            String evidence = reason + "，大部分属" + nameOf(main.get()) + "，按" + nameOf(main.get()) + "落位";
            return new Placement(List.of(new Placement.PlacedCounty(main.get(), "location", evidence)), "county",
                    cities(List.of(new Placement.PlacedCounty(main.get(), "location", ""))), List.of(),
                    Optional.of(new Placement.Review("ambiguous", evidence + "；也可能在" + String.join("或", names(others)))),
                    areaMentions);
        }
        List<Placement.PlacedCounty> options = codes.stream()
                .map(c -> new Placement.PlacedCounty(c, "location", reason)).toList();
        return new Placement(options, "counties", cities(options), List.of(),
                Optional.of(new Placement.Review("ambiguous", reason + "；该行无其他信息可判定")), areaMentions);
    }

    private static Optional<Place> oldNameIn(List<Place> location, List<Place> name) {
        return java.util.stream.Stream.concat(location.stream(), name.stream())
                .filter(pl -> pl.codes().size() > 1 && pl.historical()).findFirst();
    }

    /** '2019' is a year; '2108' is 2021-08 (the platform's newer yymm form). */
    static Optional<Integer> issuedYear(String group) {
        if (!group.matches("[0-9]{4}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(group);
        int mm = n % 100;
        return Optional.of(mm >= 1 && mm <= 12 && n / 100 >= 20 ? 2000 + n / 100 : n);
    }

    private List<String> placesInContent(ProjectFacts p, List<String> options) {
        return PlaceReader.countiesOf(placeReader.places(clean(p.content()))).stream().filter(options::contains).toList();
    }

    private List<Placement.AreaMention> areaMentions(String rowText, String content) {
        List<Placement.AreaMention> out = new ArrayList<>();
        for (PlanAreaKeywords a : cleanedAreas) {
            for (String key : a.keywords()) {
                if (rowText.contains(key) || key.length() >= 4 && content.contains(key)) {
                    out.add(new Placement.AreaMention(a.id(), "该行提及“" + key + "”"));
                    break;
                }
            }
        }
        return out;
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }

    private List<String> cities(List<Placement.PlacedCounty> counties) {
        return counties.stream().map(c -> gazetteer.cityOf(c.code()).orElse(null))
                .filter(java.util.Objects::nonNull).distinct().toList();
    }

    private String textOf(List<Place> places, String code) {
        return places.stream().filter(p -> p.codes().contains(code)).map(Place::text).findFirst().orElse(code);
    }

    private List<String> names(List<String> codes) {
        return codes.stream().map(this::nameOf).toList();
    }

    private String nameOf(String code) {
        return gazetteer.division(code).map(d -> d.name()).orElse(code);
    }

    /** Removes spaces (the seeds break words with them) and normalises full-width brackets. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        // clean() runs on every text of every project: most texts need nothing.
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch <= ' ' || ch == '\u00a0' || ch == '（' || ch == '）') {
                return SPACES.matcher(s).replaceAll("").replace('（', '(').replace('）', ')');
            }
        }
        return s;
    }

    private static final Pattern SPACES = Pattern.compile("[\\s\u00a0]+");
}
