package atlas.ingest;

/** A row that could not become a project (e.g. no 项目名称), kept with its raw text and reason. */
public record RejectedRow(SourceRow source, RowIssue reason) {
}
