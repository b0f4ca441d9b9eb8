package atlas.review;

/** The review room's statements (moved from ReviewStore and cli/ReviewReport). */
final class ReviewSql {
    private ReviewSql() {
    }

    /** Open items of a kind (or all when NULL) whose project still exists, in reading order (kind, kind, limit). */
    static final String OPEN_ITEMS = """
            SELECT r.id, r.kind, r.reason, r.comment, r.created_at, p.fid, p.name, p.table_title, p.seq, sd.file_name, p.precision
            FROM review_item r LEFT JOIN project p ON p.project_key = r.project_key
            LEFT JOIN source_document sd ON sd.id = p.document_id
            WHERE r.status = 'open' AND (?::text IS NULL OR r.kind = ?) AND p.id IS NOT NULL
            ORDER BY r.kind, sd.id, p.line_from, r.id LIMIT ?""";

    /** A user's report on a project by its feature id (comment, client, fid); no row when the project is unknown. */
    static final String REPORT = """
            INSERT INTO review_item (project_key, kind, reason, comment, client)
            SELECT project_key, 'user-report', '用户报告位置有误', ?, ? FROM project WHERE fid = ?
            RETURNING id""";

    /** Every open item for the terminal: kind, the project as a reader names it, reason. */
    static final String OPEN_SUMMARY = """
            SELECT r.kind, coalesce(p.table_title || ' 序号 ' || p.seq || ' ' || p.name, r.project_key), r.reason
            FROM review_item r LEFT JOIN project p ON p.project_key = r.project_key
            WHERE r.status = 'open' ORDER BY r.kind, p.document_id, p.line_from""";
}
