package atlas.geocode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A plan area's id, its member counties and the words that name it in a row. */
public record PlanAreaKeywords(String id, List<String> members, List<String> keywords) {

    /**
     * The plan areas of geodata/plan-areas.json without a database, in id order as the geocoder reads
     * them from the plan_area table (for unit tests).
     */
    public static List<PlanAreaKeywords> read(Path planAreasJson) {
        JsonNode records;
        try {
            records = new ObjectMapper().readTree(planAreasJson.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + planAreasJson + ": " + e.getMessage(), e);
        }
        List<PlanAreaKeywords> out = new ArrayList<>();
        for (JsonNode r : records) {
            out.add(new PlanAreaKeywords(r.path("id").asText(), texts(r.path("members")), texts(r.path("keywords"))));
        }
        out.sort(Comparator.comparing(PlanAreaKeywords::id));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText().trim()));
        return out;
    }
}
