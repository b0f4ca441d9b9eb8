package atlas.geocode;

import java.util.List;

/** A plan area's id, its member counties and the words that name it in a row. */
public record PlanAreaKeywords(String id, List<String> members, List<String> keywords) {
}
