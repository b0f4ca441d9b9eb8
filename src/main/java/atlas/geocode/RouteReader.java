package atlas.geocode;

import atlas.gazetteer.Gazetteer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads routes from names: 'X至Y', bracketed stretches, '(X段)' and border ends ('X界'). */
final class RouteReader {
    /** Where a city named as a route end is: its seat district (市政府驻地). */
    private static final Map<String, String> CITY_SEAT = Map.ofEntries(
            Map.entry("330100", "330102"), Map.entry("330200", "330212"), Map.entry("330300", "330302"),
            Map.entry("330400", "330402"), Map.entry("330500", "330502"), Map.entry("330600", "330602"),
            Map.entry("330700", "330702"), Map.entry("330800", "330802"), Map.entry("330900", "330902"),
            Map.entry("331000", "331002"), Map.entry("331100", "331102"));

    private final Gazetteer gazetteer;
    private final PlaceReader placeReader;

    RouteReader(Gazetteer gazetteer, PlaceReader placeReader) {
        this.gazetteer = gazetteer;
        this.placeReader = placeReader;
    }

    /** Places along a route in order; segment: the places a '…段' clause restricts the project to. */
    record Route(List<Place> places, List<Place> segment) {
    }

    String routeCounty(Place place, Set<String> known, Set<String> used, String lineName) {
        if (place.isCounty()) {
            return place.codes().get(0);
        }
        if (place.level().equals("city") && place.codes().size() == 1) {
            String city = place.codes().get(0);
            // Other evidence inside that city says where the line ends; else the city's seat district.
            for (String k : known) {
                if (!used.contains(k) && gazetteer.cityOf(k).map(city::equals).orElse(false)) {
                    return k;
                }
            }
            return CITY_SEAT.get(city);
        }
        return null;
    }

    /**
     * A line named by abbreviations ('杭德市域铁路', '沪苏湖铁路（浙江段）'): its places in Zhejiang, in
     * order; places outside the province are left out.
     */
    List<Place> abbreviatedRoute(String name) {
        List<Place> out = new java.util.ArrayList<>();
        List<LineNames.Abbreviation> run = LineNames.abbreviations(name,
                word -> !gazetteer.lookup(word).isEmpty() || PlaceReader.isGenericWord(word));
        for (LineNames.Abbreviation a : run) {
            if (a.place().isEmpty()) {
                continue;
            }
            List<atlas.gazetteer.Candidate> cands = gazetteer.lookup(a.place());
            List<String> codes = cands.stream().map(atlas.gazetteer.Candidate::code).distinct().toList();
            if (codes.size() == 1) {
                out.add(new Place(a.abbreviation() + "（" + a.place() + "）", a.start(), cands.get(0).level(), codes, false, false));
            }
        }
        return out;
    }

    /** Words after which a '…段' clause starts: the road or line's name ends there. */
    private static final Pattern SEGMENT_START = Pattern.compile("[(（)）]|公路|铁路|国道|省道|高速|快速路|工程|线");

    Route route(String text) {
        if (!PlaceReader.ROUTE_CONNECTOR.matcher(text).find()) {
            return new Route(List.of(), List.of());
        }
        List<Place> places = routePlaces(text, 0, text.length());
        boolean before = false;
        boolean after = false;
        Matcher m = PlaceReader.ROUTE_CONNECTOR.matcher(text);
        while (m.find()) {
            for (Place pl : places) {
                before |= pl.end() <= m.start();
                after |= pl.start() >= m.end();
            }
        }
        if (!(before && after)) {
            return new Route(List.of(), List.of());
        }
        // '…台州段(三门麻岙岭至临海青岭)': a bracketed 'X至Y' is the project's own stretch.
        Matcher bracket = Pattern.compile("[(（]([^()（）]*)[)）]").matcher(text);
        while (bracket.find()) {
            List<Place> inside = routePlaces(text, bracket.start(1), bracket.end(1));
            if (inside.size() >= 2 && PlaceReader.ROUTE_CONNECTOR.matcher(bracket.group(1)).find()) {
                return new Route(inside, List.of());
            }
        }
        // '…(独山港至海盐段)', '…柯桥钱清至萧山界段', '…(文成段)': the clause before 段 narrows the project,
        // unless more places follow it ('南浔至桐乡段及桐乡至德清联络线').
        int seg = text.lastIndexOf('段');
        int segEnd = seg;
        final int segAt = seg;
        if (seg > 0 && places.stream().noneMatch(pl -> pl.start() > segAt)) {
            for (String tail : List.of("公路", "铁路", "国道", "省道", "高速", "快速路", "线")) {
                if (text.startsWith(tail, seg - tail.length())) {
                    segEnd = seg - tail.length();
                    break;
                }
            }
            int from = 0;
            Matcher start = SEGMENT_START.matcher(text.substring(0, segEnd));
            while (start.find()) {
                from = start.end();
            }
            List<Place> segment = routePlaces(text, from, segEnd);
            if (segment.size() >= 2 && PlaceReader.ROUTE_CONNECTOR.matcher(text.substring(from, segEnd)).find()) {
                return new Route(segment, List.of());
            }
            if (segment.size() == 1) {
                return new Route(places, segment);
            }
        }
        return new Route(places, List.of());
    }

    /** Single-code places between from and to, without a border end ('景宁交界', '萧山界'). */
    private List<Place> routePlaces(String text, int from, int to) {
        List<Place> all = placeReader.places(text);
        // A town name on a route counts only inside a city the text names otherwise ('东阳周官至山口段':
        // 山口 here is not 青田's 山口镇).
        Set<String> namedCities = new LinkedHashSet<>();
        for (Place pl : all) {
            if (!pl.town() && pl.codes().size() == 1) {
                namedCities.add(pl.level().equals("city") ? pl.codes().get(0) : gazetteer.cityOf(pl.codes().get(0)).orElse(""));
            }
        }
        return all.stream()
                .filter(pl -> pl.codes().size() == 1 && !pl.level().equals("province"))
                .filter(pl -> pl.start() >= from && pl.end() <= to)
                .filter(pl -> !text.startsWith("界", pl.end()) && !text.startsWith("交界", pl.end()))
                // '台州段' names the part of a longer road, not one of its ends.
                .filter(pl -> !(pl.level().equals("city") && text.startsWith("段", pl.end())
                        && !PlaceReader.ROUTE_CONNECTOR.matcher(text.substring(Math.max(0, pl.start() - 1), pl.start())).find()))
                .filter(pl -> !pl.town() || namedCities.isEmpty()
                        || namedCities.contains(gazetteer.cityOf(pl.codes().get(0)).orElse("")))
                .toList();
    }
}
