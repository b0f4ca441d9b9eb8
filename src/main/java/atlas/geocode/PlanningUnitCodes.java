package atlas.geocode;

import atlas.gazetteer.Gazetteer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hangzhou's planning units (控规单元) and their plots are coded with their district's letters:
 * '申花单元GS0403-A33-31地块' lies in 拱墅区 (geodata/gazetteer/planning-units.csv). A code is read only
 * where the row speaks of a unit or a plot, and only as a town is: the rest of the row may contradict it.
 */
final class PlanningUnitCodes {
    /** Letters and digits, then a plot number ('-A33-31') or a closing bracket ('单元(XSCQ27)'). */
    private static final Pattern CODE = Pattern.compile("(?<![A-Za-z0-9])([A-Z]{2,4})([0-9]{2,4})(?=[-－)）]|地块)");
    private final Gazetteer gazetteer;

    PlanningUnitCodes(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    List<Place> places(String text) {
        if (!text.contains("单元") && !text.contains("地块")) {
            return List.of();
        }
        List<Place> out = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            String code = m.group(1) + m.group(2);
            gazetteer.planningUnitCounty(m.group(1)).ifPresent(county ->
                    out.add(new Place(code, m.start(), "county", List.of(county), false, true)));
        }
        return out;
    }
}
