package atlas.gazetteer;

import java.util.List;

/** A boundary file that was refused as a whole; carries the per-feature reasons. */
public class BoundaryImportException extends RuntimeException {
    private final List<BoundaryReport.Rejection> rejections;

    public BoundaryImportException(String message, List<BoundaryReport.Rejection> rejections) {
        super(message);
        this.rejections = List.copyOf(rejections);
    }

    public List<BoundaryReport.Rejection> rejections() {
        return rejections;
    }
}
