package atlas.gazetteer;

import java.util.List;

/** What a boundary import did: replaced, repaired (and why), rejected (and why), counties not in the file. */
public record BoundaryReport(int replaced, List<String> repaired, List<Rejection> rejected, List<String> notInFile) {
    public record Rejection(int feature, String code, String reason) {
    }
}
