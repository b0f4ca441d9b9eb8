package atlas.geocode;

import java.util.List;
import java.util.Optional;

/**
 * Where a project is, and why. counties are current county codes in order (a route's order is its
 * line's order); precision follows AidData's spirit: site, county, counties, route, city, province, unknown.
 */
public record Placement(List<PlacedCounty> counties, String precision, List<String> cityCodes,
                        List<String> disagreements, Optional<Review> review, List<AreaMention> areas,
                        List<LineCourse> lines) {

    /** A placement that follows no line of the registry. */
    public Placement(List<PlacedCounty> counties, String precision, List<String> cityCodes,
                     List<String> disagreements, Optional<Review> review, List<AreaMention> areas) {
        this(counties, precision, cityCodes, disagreements, review, areas, List.of());
    }

    /** The stretch of a registry line (geodata/lines/) the project follows, by node seq: its geometry is that course. */
    public record LineCourse(String lineId, int fromSeq, int toSeq) {
    }

    /** One county with the evidence that put the project there. method: code, location, name, unit, route, line, manual. */
    public record PlacedCounty(String code, String method, String evidence) {
    }

    /** A plan area named in the row (钱塘新区, G60, 甬江实验室 ...). */
    public record AreaMention(String areaId, String evidence) {
    }

    /** Why a project needs a person's look. kind: unplaced, ambiguous, city-only, province, disagreement. */
    public record Review(String kind, String reason) {
    }

    public List<String> countyCodes() {
        return counties.stream().map(PlacedCounty::code).toList();
    }
}
