package atlas.ingest;

import java.util.List;
import java.util.Optional;

/**
 * A source document after parsing.
 *
 * @param fileName file name without directories
 * @param sha256   hex SHA-256 of the file's bytes (identifies a re-import of the same file)
 * @param tables   tables in document order
 * @param skipped  sheets or tables left out, each with why (e.g. a 说明 sheet without project columns)
 */
public record ParsedDocument(String fileName, String sha256, List<ParsedTable> tables, List<String> skipped) {

    public ParsedDocument {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
    }

    public ParsedDocument(String fileName, String sha256, List<ParsedTable> tables) {
        this(fileName, sha256, tables, List.of());
    }

    /** The table with this title, spaces ignored ("附表 4" finds 附表4). */
    public Optional<ParsedTable> table(String title) {
        String wanted = title.replaceAll("\\s+", "");
        return tables.stream().filter(t -> t.title().equals(wanted)).findFirst();
    }

    /** Tables of one kind, in document order. */
    public List<ParsedTable> tables(TableKind kind) {
        return tables.stream().filter(t -> t.kind() == kind).toList();
    }
}
