package atlas.geocode;

import atlas.gazetteer.Gazetteer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A list's own context. A district's page often names the district once, in its title, and not in its
 * rows: when most of a list's placed rows lie in one county, its rows that name no place (or only that
 * county's city) are placed there too, with a review item so that a person confirms it. Lists that
 * spread over many counties (a province's or a city's) have no such county and are left alone.
 */
public final class ListContext {
    /** The county must hold this share of the list's rows placed on one county, and at least MIN_ROWS of them. */
    static final double SHARE = 0.6;
    static final int MIN_ROWS = 3;
    private final Gazetteer gazetteer;

    public ListContext(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /**
     * lists: each placement's list (document), in the same order; keep: placements that stay as they are
     * (set by hand). Returns the placements with the list's county given to the rows it fits.
     */
    public List<Placement> apply(List<Long> lists, List<Placement> placements, List<Boolean> keep) {
        Map<Long, Map<String, Integer>> counts = new HashMap<>();
        Map<Long, Integer> placedRows = new HashMap<>();
        for (int i = 0; i < placements.size(); i++) {
            Placement p = placements.get(i);
            if (!p.counties().isEmpty() && !keep.get(i)) {
                placedRows.merge(lists.get(i), 1, Integer::sum);
                if (p.counties().size() == 1) {
                    counts.computeIfAbsent(lists.get(i), k -> new LinkedHashMap<>()).merge(p.counties().get(0).code(), 1, Integer::sum);
                }
            }
        }
        Map<Long, String> countyOfList = new HashMap<>();
        counts.forEach((list, byCounty) -> byCounty.entrySet().stream().max(Map.Entry.comparingByValue())
                .filter(top -> top.getValue() >= MIN_ROWS && top.getValue() >= SHARE * placedRows.get(list))
                .ifPresent(top -> countyOfList.put(list, top.getKey())));
        if (countyOfList.isEmpty()) {
            return placements;
        }
        List<Placement> out = new ArrayList<>(placements);
        for (int i = 0; i < placements.size(); i++) {
            String county = countyOfList.get(lists.get(i));
            Placement p = placements.get(i);
            if (county == null || keep.get(i) || !fits(p, county)) {
                continue;
            }
            String city = gazetteer.cityOf(county).orElse(null);
            String evidence = "同一清单中" + counts.get(lists.get(i)).get(county) + "/" + placedRows.get(lists.get(i))
                    + "个已落位项目在" + gazetteer.division(county).map(d -> d.name()).orElse(county) + "，本行未写地点，按清单落位";
            out.set(i, new Placement(List.of(new Placement.PlacedCounty(county, "list", evidence)), "county",
                    city == null ? List.of() : List.of(city), p.disagreements(),
                    Optional.of(new Placement.Review("list-context", evidence)), p.areas()));
        }
        return out;
    }

    /** A row that names no place, or only the county's city. */
    private boolean fits(Placement p, String county) {
        if (p.precision().equals("unknown") && p.cityCodes().isEmpty()) {
            return true;
        }
        return p.precision().equals("city") && p.cityCodes().size() == 1
                && gazetteer.cityOf(county).map(p.cityCodes().get(0)::equals).orElse(false);
    }
}
