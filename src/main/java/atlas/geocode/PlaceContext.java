package atlas.geocode;

import atlas.gazetteer.Candidate;
import atlas.gazetteer.Gazetteer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Weighs the places read in one row against each other. Names written in full (a city, a county with
 * its suffix, a well-known site or zone, the division code of 项目代码) are firm. A town or street counts
 * only when no firm name contradicts it, and a town name that several counties share becomes the one
 * inside the county or city the row names (杭州市…丁桥 is 上城区's 丁桥, not 海宁's). A bare county short
 * name glued inside a longer word (戍浦江 beside 鹿城区) is not that county when the row names another city.
 */
final class PlaceContext {
    /** '东至纺工路', '北临运河': a clause naming what borders the site, ended by the next one or a break. */
    private static final java.util.regex.Pattern NEIGHBOUR = java.util.regex.Pattern.compile(
            "([东南西北])(?:至|临|邻|靠|接)(?:.*?)(?=[东南西北](?:至|临|邻|靠|接)|[,，;；。、]|$)");
    /** Characters that end a word before a name: a list, a route, a bracket. */
    private static final String SEPARATORS = "、，,;；/与和及或至到—－-~～()（）:： ";
    private final Gazetteer gazetteer;
    /** Whether a name is only ever a county's short name, asked once per name (every row asks again). */
    private final java.util.Map<String, Boolean> shortNames = new java.util.HashMap<>();
    private final WordBoundaries words = new WordBoundaries();

    PlaceContext(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** The counties and cities a row names firmly; towns are weighed against firm and short names alike. */
    record Firm(Set<String> counties, Set<String> cities, Set<String> shortCounties) {
        boolean isEmpty() {
            return counties.isEmpty() && cities.isEmpty();
        }
    }

    /** What the row names firmly: its places written in full, and the counties of its 项目代码. */
    Firm firm(Collection<String> codeCounties, Collection<String> codeCities, List<List<Place>> placeLists) {
        Set<String> counties = new LinkedHashSet<>(codeCounties);
        Set<String> cities = new LinkedHashSet<>(codeCities);
        Set<String> shortCounties = new LinkedHashSet<>();
        for (List<Place> places : placeLists) {
            for (Place p : places) {
                if (p.codes().size() != 1 || p.town() || p.historical() || p.level().equals("province")) {
                    continue;
                }
                String code = p.codes().get(0);
                if (p.level().equals("city")) {
                    cities.add(code);
                } else if (isShortName(p)) {
                    shortCounties.add(code);
                } else {
                    counties.add(code);
                }
            }
        }
        counties.forEach(c -> gazetteer.cityOf(c).ifPresent(cities::add));
        return new Firm(counties, cities, shortCounties);
    }

    /** The places of one text of the row, each kept, narrowed to the row's county or city, or dropped. */
    List<Place> weigh(List<Place> places, String text, Firm firm) {
        if (places.stream().anyMatch(p -> insideACommonWord(p, text))) {
            places = places.stream().filter(p -> !insideACommonWord(p, text)).toList();
        }
        if (firm.isEmpty() && firm.shortCounties().isEmpty()) {
            return places;
        }
        List<Place> out = new ArrayList<>(places.size());
        for (Place p : places) {
            if (p.town()) {
                Set<String> counties = new LinkedHashSet<>(firm.counties());
                counties.addAll(firm.shortCounties());
                Set<String> cities = new LinkedHashSet<>(firm.cities());
                firm.shortCounties().forEach(c -> gazetteer.cityOf(c).ifPresent(cities::add));
                if (counties.isEmpty() && cities.isEmpty()) {
                    out.add(p);
                    continue;
                }
                List<String> consistent = p.codes().stream().filter(c -> counties.contains(c)
                        || gazetteer.cityOf(c).map(city -> cities.contains(city) && noCountyNamedIn(city, counties)).orElse(false))
                        .toList();
                if (consistent.size() == p.codes().size()) {
                    out.add(p);
                } else if (!consistent.isEmpty()) {
                    out.add(new Place(p.text(), p.start(), p.level(), consistent, p.historical(), p.town()));
                }
            } else if (p.codes().size() == 1 && p.level().equals("county") && isShortName(p) && glued(p, text) && !firm.isEmpty()
                    && !firm.counties().contains(p.codes().get(0))
                    && !gazetteer.cityOf(p.codes().get(0)).map(firm.cities()::contains).orElse(false)) {
                continue;
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * 建设地点 without the clauses that name the site's neighbours ('东至纺工路南至景湖路': 路南 there is
     * not 路桥区's street). Only when two or more sides are given, as a site's bounds are written.
     */
    static String withoutNeighbours(String location) {
        if (location.indexOf('至') < 0 && location.indexOf('临') < 0 && location.indexOf('邻') < 0
                && location.indexOf('靠') < 0 && location.indexOf('接') < 0) {
            return location;
        }
        java.util.regex.Matcher m = NEIGHBOUR.matcher(location);
        Set<String> sides = new LinkedHashSet<>();
        while (m.find()) {
            sides.add(m.group(1));
        }
        return sides.size() >= 2 ? NEIGHBOUR.matcher(location).replaceAll("，") : location;
    }

    private boolean noCountyNamedIn(String city, Set<String> counties) {
        return counties.stream().noneMatch(c -> gazetteer.cityOf(c).map(city::equals).orElse(false));
    }

    /** A town's short name that HanLP reads as part of a longer common noun (太阳能, 良渚文化, 取水口). */
    private boolean insideACommonWord(Place p, String text) {
        return p.town() && !isFullTownName(p) && p.codes().size() >= 1 && !p.text().matches("[A-Z0-9]+")
                && !words.standsAlone(text, p.start(), p.end());
    }

    /** A town or street written in full (双屿街道, 梅溪镇), as a unit's name holds it. */
    static boolean isFullTownName(Place p) {
        return p.text().endsWith("街道") || p.text().endsWith("镇") || p.text().endsWith("乡");
    }

    /** A county's bare short name (浦江, 龙泉), not its full name, a site or a 'city + county' form. */
    private boolean isShortName(Place p) {
        return shortNames.computeIfAbsent(p.text(), text -> {
            List<Candidate> cands = gazetteer.lookup(text);
            return !cands.isEmpty() && cands.stream().allMatch(c -> "short".equals(c.aliasKind()));
        });
    }

    /** Only towns, streets and county short names are ever weighed: rows without them are left as read. */
    boolean hasWeakNames(List<List<Place>> placeLists) {
        for (List<Place> places : placeLists) {
            for (Place p : places) {
                if (p.town() || p.level().equals("county") && p.codes().size() == 1 && isShortName(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The name starts inside a word: the character before it is a letter of the word, not a break. */
    private static boolean glued(Place p, String text) {
        if (p.start() == 0 || p.start() > text.length()) {
            return false;
        }
        char before = text.charAt(p.start() - 1);
        return Character.isIdeographic(before) && SEPARATORS.indexOf(before) < 0;
    }
}
