package atlas.ingest;

import atlas.db.CopyRows;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Stores parsed documents: one transaction per document; the raw row is kept beside the parsed one;
 * rows that cannot be parsed are kept with their reason. Re-importing the same bytes changes nothing;
 * a new version of a list updates the projects it shares with the old one and removes the others.
 */
public final class ImportService {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows accepted per document: a guard against runaway uploads. */
    public static final int DEFAULT_MAX_ROWS = 1_000_000;

    private final int maxRows;
    /** Title parts given at import (--title, an API field): they win over what the document states. */
    private final DocumentTitle given;

    public ImportService() {
        this(DEFAULT_MAX_ROWS);
    }

    public ImportService(int maxRows) {
        this(maxRows, DocumentTitle.NONE);
    }

    private ImportService(int maxRows, DocumentTitle given) {
        this.maxRows = maxRows;
        this.given = given;
    }

    /** The same service, giving the documents it imports this title (parts left null are read from them). */
    public ImportService withTitle(DocumentTitle title) {
        return new ImportService(maxRows, title);
    }

    /** Parses and stores one file; never throws for bad input: a failed report changes nothing. */
    public ImportReport importFile(Connection c, Path file, Consumer<String> progress) throws SQLException {
        return importFile(c, file, progress, false);
    }

    /**
     * Parses one file and stores it, or with dryRun does all of that inside the transaction and rolls it back:
     * the report says what an import would add, change, remove and reject, and nothing is written.
     */
    public ImportReport importFile(Connection c, Path file, Consumer<String> progress, boolean dryRun) throws SQLException {
        ParsedDocument doc;
        try {
            doc = DocumentReader.read(file).titled(given);
        } catch (DocumentException e) {
            ImportReport failed = ImportReport.failed(file.getFileName().toString(), e.getMessage());
            return dryRun ? failed.asDryRun() : failed;
        }
        progress.accept(doc.tables().stream().mapToInt(t -> t.projects().size() + t.rejected().size()).sum() + " rows parsed");
        return store(c, doc, progress, dryRun);
    }

    public ImportReport store(Connection c, ParsedDocument doc, Consumer<String> progress) throws SQLException {
        return store(c, doc, progress, false);
    }

    public ImportReport store(Connection c, ParsedDocument doc, Consumer<String> progress, boolean dryRun) throws SQLException {
        ImportReport report = storeOrRollBack(c, doc, progress, dryRun).withSkipped(doc.skipped());
        return dryRun ? report.asDryRun() : report;
    }

    private ImportReport storeOrRollBack(Connection c, ParsedDocument doc, Consumer<String> progress, boolean dryRun) throws SQLException {
        long started = System.nanoTime();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            lockImports(c);
            int rows = doc.tables().stream().mapToInt(t -> t.projects().size() + t.rejected().size()).sum();
            if (rows > maxRows) {
                c.rollback();
                return ImportReport.failed(doc.fileName(), "the document has " + rows + " rows; at most " + maxRows
                        + " are accepted per document (ATLAS_MAX_ROWS); nothing was changed");
            }
            if (alreadyImported(c, doc.sha256())) {
                if (retitle(c, doc)) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return new ImportReport(doc.fileName(), doc.sha256(), "unchanged", null, 0, 0, 0, 0, 0, 0, 0,
                        List.of(), List.of(), summaries(doc), 0);
            }
            long documentId = insertDocument(c, doc);
            Counts counts = new Counts();
            List<RowIssue> warnings = new ArrayList<>();
            List<RowIssue> rejected = new ArrayList<>();
            List<RejectedRow> rejectedRows = new ArrayList<>();
            Set<String> lists = new LinkedHashSet<>();
            Set<String> keys = new HashSet<>();
            // Every row's stable key; a key met twice keeps its first place and its last values,
            // as one upsert per row did.
            List<Pending> pending = new ArrayList<>();
            Map<String, String> codeHolders = codeHolders(c, doc);
            for (ParsedTable table : doc.tables()) {
                if (table.kind() != TableKind.PROJECTS) {
                    continue;
                }
                String list = listTitle(table);
                lists.add(list);
                warnings.addAll(table.warnings());
                for (ProjectRecord p : table.projects()) {
                    String key = projectKey(list, p);
                    String holder = codeHolders.get(key);
                    if (holder != null && !holder.equals(list)) {
                        // The code is an entry of another list (last year's): this row is the project's
                        // next entry, linked to it by identity/, not a new version of that entry.
                        key = key + "|" + list;
                    }
                    if (!keys.add(key)) {
                        // Two rows of one list share a code (e.g. phases): keep both, told apart by 序号.
                        key = key + "|" + p.seq();
                        keys.add(key);
                    }
                    pending.add(new Pending(table, list, p, key));
                }
                for (RejectedRow r : table.rejected()) {
                    counts.read++;
                    rejected.add(r.reason());
                    rejectedRows.add(r);
                }
            }
            copyRejected(c, documentId, rejectedRows);
            Map<String, Integer> byKey = new LinkedHashMap<>();
            for (int i = 0; i < pending.size(); i++) {
                byKey.put(pending.get(i).key(), i);
            }
            // A document that brings only new projects (a list's first import) is copied straight into
            // project: no staging table, no second pass over the rows.
            boolean known = anyKnown(c, byKey.keySet());
            // Hashing and JSON are the costly part of a row in Java. Each row is encoded just before it is
            // written to the COPY stream, so this overlaps the database inserting the rows before it
            // (encoding all rows first, on both cores, kept the database waiting).
            Encoded[] encoded = new Encoded[pending.size()];
            if (known) {
                stage(c, pending, encoded, byKey.values(), progress, started);
            } else {
                copyNew(c, documentId, pending, encoded, byKey.values(), progress, started);
            }
            Map<String, String> oldHashes = known ? contentHashes(c) : Map.of();
            for (int i = 0; i < pending.size(); i++) {
                Pending row = pending.get(i);
                counts.read++;
                if (!row.record().warnings().isEmpty()) {
                    counts.withWarnings++;
                }
                String old = oldHashes.get(row.key());
                if (old == null) {
                    counts.added++;
                } else if (old.equals(encodedRow(encoded, pending, i).hash())) {
                    counts.unchanged++;
                } else {
                    counts.changed++;
                }
            }
            if (known) {
                mergeStaged(c, documentId);
            }
            int removed = removeMissing(c, lists, known, documentId);
            long millis = (System.nanoTime() - started) / 1_000_000;
            ImportReport report = new ImportReport(doc.fileName(), doc.sha256(), "imported", null, counts.read,
                    counts.added, counts.changed, counts.unchanged, removed, counts.withWarnings, rejected.size(),
                    warnings, rejected, summaries(doc), millis);
            try (PreparedStatement ps = c.prepareStatement("UPDATE source_document SET report = ?::jsonb WHERE id = ?")) {
                ps.setString(1, JSON.writeValueAsString(report));
                ps.setLong(2, documentId);
                ps.executeUpdate();
            }
            if (dryRun) {
                c.rollback();
            } else {
                c.commit();
            }
            return report;
        } catch (SQLException | RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            c.rollback();
            // A value the database refuses (22xxx: data exception) is bad input, not an outage.
            if (e instanceof SQLException sql && (sql.getSQLState() == null || !sql.getSQLState().startsWith("22"))) {
                throw sql;
            }
            return ImportReport.failed(doc.fileName(), "import failed, nothing was changed: " + e.getMessage());
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static final class Counts {
        int read;
        int added;
        int changed;
        int unchanged;
        int withWarnings;
    }

    private static long rate(int rows, long startedNanos) {
        long ms = Math.max(1, (System.nanoTime() - startedNanos) / 1_000_000);
        return rows * 1000L / ms;
    }

    /** Imports run one at a time, so two versions of a list never interleave. */
    private static void lockImports(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(4242)");
        }
    }

    private static boolean alreadyImported(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM source_document WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static long insertDocument(Connection c, ParsedDocument doc) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO source_document (file_name, sha256, title, issuer, doc_number, issued_on)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, doc.fileName());
            ps.setString(2, doc.sha256());
            ps.setString(3, doc.title().title());
            ps.setString(4, doc.title().issuer());
            ps.setString(5, doc.title().number());
            ps.setObject(6, doc.title().date(), Types.DATE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The same bytes imported again with a title (given, or read from it: a document imported before titles
     * were read gets its own): the stored title takes its parts, and the projects' served properties follow.
     */
    private static boolean retitle(Connection c, ParsedDocument doc) throws SQLException {
        DocumentTitle t = doc.title();
        if (t.isEmpty()) {
            return false;
        }
        // Compared first: an UPDATE of no row would still fire the data-version trigger (ETags).
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id FROM source_document
                WHERE sha256 = ? AND (title, issuer, doc_number, issued_on)
                  IS DISTINCT FROM (coalesce(?, title), coalesce(?, issuer), coalesce(?, doc_number), coalesce(?, issued_on))""")) {
            ps.setString(1, doc.sha256());
            ps.setString(2, t.title());
            ps.setString(3, t.issuer());
            ps.setString(4, t.number());
            ps.setObject(5, t.date(), Types.DATE);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE source_document SET title = coalesce(?, title), issuer = coalesce(?, issuer),
                  doc_number = coalesce(?, doc_number), issued_on = coalesce(?, issued_on) WHERE id = ?""")) {
            ps.setString(1, t.title());
            ps.setString(2, t.issuer());
            ps.setString(3, t.number());
            ps.setObject(4, t.date(), Types.DATE);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
        try (PreparedStatement up = c.prepareStatement("""
                UPDATE project SET properties = project_feature_properties(id)
                WHERE document_id = ? AND properties IS NOT NULL""")) {
            up.setLong(1, id);
            up.executeUpdate();
        }
        return true;
    }

    /** The list a table belongs to: its caption (the list's name) when printed, else its title. */
    static String listTitle(ParsedTable table) {
        return table.caption().isBlank() ? table.title() : table.caption();
    }

    /** Stable identity: the 项目代码 when the row has one, else list + 序号 + name. */
    static String projectKey(String list, ProjectRecord p) {
        return p.projectCodes().isEmpty()
                ? "list:" + list + "|" + p.seq() + "|" + p.name()
                : "code:" + String.join(";", p.projectCodes());
    }

    private record Pending(ParsedTable table, String list, ProjectRecord record, String key) {
    }

    /** A row's content hash and its raw row and warnings as JSON. */
    private record Encoded(String hash, String raw, String warnings) {
    }

    /** Row i encoded, once: when it is written, or (a row whose key a later row took) when its hash is asked. */
    private static Encoded encodedRow(Encoded[] encoded, List<Pending> pending, int i) {
        if (encoded[i] == null) {
            encoded[i] = encode(pending.get(i));
        }
        return encoded[i];
    }

    private static Encoded encode(Pending row) {
        ProjectRecord p = row.record();
        try {
            ObjectNode raw = JSON.createObjectNode();
            raw.put("text", p.source().raw());
            raw.set("cells", JSON.valueToTree(p.source().cells()));
            return new Encoded(contentHash(p, row.table()), JSON.writeValueAsString(raw), JSON.writeValueAsString(p.warnings()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of one document before they are merged into project; dropped with the transaction. */
    private static final String STAGE_TABLE = """
            CREATE TEMP TABLE import_stage (ord int NOT NULL, project_key text NOT NULL, list_title text NOT NULL,
              table_title text NOT NULL, seq text NOT NULL, line_from int, line_to int, name text NOT NULL,
              category text, project_codes text[] NOT NULL, nature text, location_text text, start_year int,
              end_year int, total_investment numeric(16, 4), planned_investment numeric(16, 4), progress text,
              responsible_units text[] NOT NULL, content text, raw json NOT NULL, warnings jsonb NOT NULL,
              content_hash text NOT NULL, subcategory text) ON COMMIT DROP""";

    /** The new projects' columns, in the order both COPYs write them after their leading columns. */
    private static final String PROJECT_COLUMNS = "project_key, list_title, table_title, seq, line_from, line_to, name,"
            + " category, project_codes, nature, location_text, start_year, end_year, total_investment, planned_investment,"
            + " progress, responsible_units, content, raw, warnings, content_hash, subcategory";

    private static final String STAGE_COLUMNS = "ord, " + PROJECT_COLUMNS;

    /** Projects the document shares with the database take the new values; unchanged ones stay placed. */
    private static final String UPDATE_STAGED = """
            UPDATE project p SET document_id = ?, list_title = s.list_title, table_title = s.table_title, seq = s.seq,
              line_from = s.line_from, line_to = s.line_to, name = s.name, category = s.category,
              project_codes = s.project_codes, nature = s.nature, location_text = s.location_text,
              start_year = s.start_year, end_year = s.end_year, total_investment = s.total_investment,
              planned_investment = s.planned_investment, progress = s.progress,
              responsible_units = s.responsible_units, content = s.content, raw = s.raw, warnings = s.warnings,
              content_hash = s.content_hash, subcategory = s.subcategory, properties = NULL,
              geocoded_at = CASE WHEN p.content_hash = s.content_hash THEN p.geocoded_at END
            FROM import_stage s WHERE p.project_key = s.project_key""";

    /** New projects get their ids in document order (imports hold a lock, so no one adds a key meanwhile). */
    private static final String INSERT_STAGED = """
            INSERT INTO project (project_key, document_id, list_title, table_title, seq, line_from, line_to, name,
              category, project_codes, nature, location_text, start_year, end_year, total_investment,
              planned_investment, progress, responsible_units, content, raw, warnings, content_hash, subcategory)
            SELECT project_key, ?, list_title, table_title, seq, line_from, line_to, name,
              category, project_codes, nature, location_text, start_year, end_year, total_investment,
              planned_investment, progress, responsible_units, content, raw, warnings, content_hash, subcategory
            FROM import_stage s""";

    /** The list that holds each 项目代码 key of the document, for the keys already stored. */
    private static Map<String, String> codeHolders(Connection c, ParsedDocument doc) throws SQLException {
        List<String> codeKeys = new ArrayList<>();
        for (ParsedTable table : doc.tables(TableKind.PROJECTS)) {
            for (ProjectRecord p : table.projects()) {
                if (!p.projectCodes().isEmpty()) {
                    codeKeys.add(projectKey("", p));
                }
            }
        }
        Map<String, String> out = new java.util.HashMap<>();
        if (codeKeys.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT project_key, list_title FROM project WHERE project_key = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", codeKeys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** True when any of the keys is already a project (of this list or, by its 项目代码, of another). */
    private static boolean anyKnown(Connection c, java.util.Collection<String> keys) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM project WHERE project_key = ANY (?))")) {
            ps.setArray(1, c.createArrayOf("text", keys.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Streams the rows into the staging table with COPY. */
    private static void stage(Connection c, List<Pending> pending, Encoded[] encoded, java.util.Collection<Integer> rows,
                              Consumer<String> progress, long started) throws SQLException {
        try (Statement st = c.createStatement()) {
            // The merge sorts every staged row by its place in the document: in memory, not on disk.
            st.execute("SET LOCAL work_mem = '128MB'");
            st.execute(STAGE_TABLE);
        }
        int ord = 0;
        try (CopyRows copy = CopyRows.open(c, "import_stage", STAGE_COLUMNS)) {
            for (int i : rows) {
                writeRow(copy.number(ord++), pending.get(i), encodedRow(encoded, pending, i));
                if (ord % 1000 == 0) {
                    progress.accept(ord + " rows, " + rate(ord, started) + " rows/s");
                }
            }
            copy.finish();
        }
        // The key index keeps every join on the staged rows an index probe, whatever the planner
        // believes of project's row counts just after a bulk load.
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE import_stage ADD PRIMARY KEY (project_key)");
        }
    }

    /**
     * Copies new projects straight into project, in document order (their ids follow it, as the
     * staged INSERT ... ORDER BY ord gives them).
     */
    private static void copyNew(Connection c, long documentId, List<Pending> pending, Encoded[] encoded,
                                java.util.Collection<Integer> rows, Consumer<String> progress, long started) throws SQLException {
        int n = 0;
        try (CopyRows copy = CopyRows.open(c, "project", "document_id, " + PROJECT_COLUMNS)) {
            for (int i : rows) {
                writeRow(copy.number(documentId), pending.get(i), encodedRow(encoded, pending, i));
                if (++n % 1000 == 0) {
                    progress.accept(n + " rows, " + rate(n, started) + " rows/s");
                }
            }
            copy.finish();
        }
    }

    /** One project's columns (PROJECT_COLUMNS) after whatever the row began with. */
    private static void writeRow(CopyRows copy, Pending row, Encoded encoded) throws SQLException {
        ProjectRecord p = row.record();
        copy.text(row.key()).text(row.list()).text(row.table().title()).text(p.seq())
                .number(p.source().firstLine()).number(p.source().lastLine()).text(p.name())
                .text(p.category().orElse(null)).array(p.projectCodes()).text(p.nature().orElse(null))
                .text(blankToNull(p.locationText())).number(p.startYear().orElse(null))
                .number(p.endYear().orElse(null)).number(p.totalInvestment().orElse(null))
                .number(p.plannedInvestment().orElse(null)).text(blankToNull(p.progress()))
                .array(p.responsibleUnits()).text(blankToNull(p.content()))
                .text(encoded.raw()).text(encoded.warnings()).text(encoded.hash()).text(p.subcategory().orElse(null));
        copy.endRow();
    }

    /** The stored content hash of every staged key that is already a project. */
    private static Map<String, String> contentHashes(Connection c) throws SQLException {
        Map<String, String> out = new java.util.HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT p.project_key, p.content_hash FROM import_stage s JOIN project p ON p.project_key = s.project_key")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    /** Staged rows of known projects update them; the rest are inserted in document order. */
    private static void mergeStaged(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_STAGED)) {
            ps.setLong(1, documentId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_STAGED
                + " WHERE NOT EXISTS (SELECT 1 FROM project p WHERE p.project_key = s.project_key) ORDER BY ord")) {
            ps.setLong(1, documentId);
            ps.executeUpdate();
        }
    }

    private static String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }

    /**
     * Projects of the re-imported lists that the new version no longer has; their open review items
     * close. Without staged rows (every key was new) that is every project of those lists from an
     * earlier document.
     */
    private static int removeMissing(Connection c, Set<String> lists, boolean staged, long documentId) throws SQLException {
        if (lists.isEmpty()) {
            return 0;
        }
        String missing = staged
                ? "NOT EXISTS (SELECT 1 FROM import_stage s WHERE s.project_key = p.project_key)"
                : "p.document_id <> " + documentId;
        try (PreparedStatement ps = c.prepareStatement("""
                WITH gone AS (DELETE FROM project p WHERE p.list_title = ANY (?) AND %s
                              RETURNING p.project_key),
                     closed AS (UPDATE review_item SET status = 'obsolete'
                                WHERE status = 'open' AND project_key IN (SELECT project_key FROM gone))
                SELECT count(*) FROM gone""".formatted(missing))) {
            ps.setArray(1, c.createArrayOf("text", lists.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void copyRejected(Connection c, long documentId, List<RejectedRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (CopyRows copy = CopyRows.open(c, "rejected_row",
                "document_id, table_title, seq, line_from, line_to, raw_text, reason")) {
            for (RejectedRow r : rows) {
                copy.number(documentId).text(r.source().tableTitle()).text(r.source().seq())
                        .number(r.source().firstLine()).number(r.source().lastLine()).text(r.source().raw())
                        .text(r.reason().message());
                copy.endRow();
            }
            copy.finish();
        }
    }

    private static List<ImportReport.TableSummary> summaries(ParsedDocument doc) {
        return doc.tables().stream().map(ImportReport.TableSummary::of).toList();
    }

    /** Hash of the parsed fields (not line numbers), so moving a row in the file is not a change. */
    private static String contentHash(ProjectRecord p, ParsedTable table) {
        try {
            Map<String, Object> fields = new java.util.LinkedHashMap<>();
            fields.put("name", p.name());
            fields.put("category", p.category().orElse(""));
            fields.put("codes", p.projectCodes());
            fields.put("nature", p.nature().orElse(""));
            fields.put("location", p.locationText());
            fields.put("years", p.startYear().orElse(0) + "-" + p.endYear().orElse(0));
            fields.put("total", p.totalInvestment().map(Object::toString).orElse(""));
            fields.put("planned", p.plannedInvestment().map(Object::toString).orElse(""));
            fields.put("progress", p.progress());
            fields.put("units", p.responsibleUnits());
            fields.put("content", p.content());
            fields.put("seq", p.seq());
            fields.put("table", table.title());
            // Only rows under a sub-section hash it: the hashes of earlier imports stay valid.
            p.subcategory().ifPresent(sub -> fields.put("subcategory", sub));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(fields));
            return HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
