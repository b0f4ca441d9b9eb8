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
 * @param title    what the document says it is (title, issuer, 文号, date), parts unknown when it does not say
 */
public record ParsedDocument(String fileName, String sha256, List<ParsedTable> tables, List<String> skipped,
                             DocumentTitle title) {

    public ParsedDocument {
        tables = List.copyOf(tables);
        skipped = List.copyOf(skipped);
        title = title == null ? DocumentTitle.NONE : title;
    }

    public ParsedDocument(String fileName, String sha256, List<ParsedTable> tables) {
        this(fileName, sha256, tables, List.of(), DocumentTitle.NONE);
    }

    public ParsedDocument(String fileName, String sha256, List<ParsedTable> tables, List<String> skipped) {
        this(fileName, sha256, tables, skipped, DocumentTitle.NONE);
    }

    public ParsedDocument(String fileName, String sha256, List<ParsedTable> tables, DocumentTitle title) {
        this(fileName, sha256, tables, List.of(), title);
    }

    /** The same document with parts of its title given at import (they win over what it states). */
    public ParsedDocument titled(DocumentTitle given) {
        return new ParsedDocument(fileName, sha256, tables, skipped, title.overriddenBy(given));
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
