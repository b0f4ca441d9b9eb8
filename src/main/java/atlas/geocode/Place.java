package atlas.geocode;

import java.util.List;

/** A place read from text: a county, a city, the province, or several candidates (ambiguous). */
record Place(String text, int start, String level, List<String> codes, boolean historical, boolean town) {
    boolean isCounty() {
        return level.equals("county") && codes.size() == 1;
    }

    int end() {
        return start + text.length();
    }
}
