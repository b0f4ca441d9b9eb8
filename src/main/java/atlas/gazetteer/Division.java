package atlas.gazetteer;

import java.util.Optional;

/** A division of the gazetteer (行政区划): province, city or county-level unit, current or retired. */
public record Division(String code, String name, Optional<String> shortName, String level,
                       Optional<String> parentCode, Optional<Integer> validTo) {
    public boolean isCurrent() {
        return validTo.isEmpty();
    }

    public boolean isCounty() {
        return level.equals("county");
    }
}
