package atlas.geocode;

import java.util.List;

/** What the geocoder reads of a project: its key, codes and texts. */
public record ProjectFacts(long id, String key, String name, List<String> codes, String location,
                           List<String> units, String content) {
}
