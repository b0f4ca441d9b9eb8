package atlas.identity;

/** Every statement of the identity room: entries, links, projects above entries, placement through links. */
final class IdentitySql {
    private IdentitySql() {
    }

    /** The list's year as its title prints it ('浙江省大湾区建设 2023 年重大工程项目清单'). */
    static final String LIST_YEAR = "(regexp_match(p.list_title, '(20[0-9]{2})\\s*年'))[1]::int";

    /** Every entry's name, list and codes (what candidates are found by), and its stored project, counted and linked flags. */
    static final String ENTRIES = """
            SELECT p.id, p.project_key, p.fid, p.document_id, %s AS list_year, p.list_title, p.name, p.project_codes,
                   p.identity, p.counted, p.linked
            FROM project p ORDER BY p.id""".formatted(LIST_YEAR);

    /**
     * The rest of what the scorer reads of some entries (years, investment, units, content) and their
     * places, from their own placements (never from one taken through a link), and
     * whether that evidence is strong (项目代码, 建设地点, an administrator).
     */
    static final String PLACES = """
            SELECT p.id, p.start_year, p.end_year, p.total_investment, p.responsible_units, coalesce(p.content, ''),
                   coalesce(array_agg(DISTINCT d.code || ':' || d.name) FILTER (WHERE d.level = 'county'), '{}'),
                   coalesce(array_agg(DISTINCT CASE WHEN d.level = 'city' THEN d.code || ':' || d.name
                                                    ELSE city.code || ':' || city.name END)
                            FILTER (WHERE d.code IS NOT NULL), '{}'),
                   coalesce(bool_or(pl.method IN ('code', 'location', 'manual') AND d.level = 'county'), false)
            FROM project p
            LEFT JOIN (
              SELECT project_id, division_code, method FROM placement WHERE method <> 'link'
              UNION ALL
              SELECT o.project_id, o.division_code, o.method FROM entry_own_place o
              WHERE NOT EXISTS (SELECT 1 FROM placement x WHERE x.project_id = o.project_id AND x.method <> 'link')) pl
              ON pl.project_id = p.id
            LEFT JOIN division d ON d.code = pl.division_code
            LEFT JOIN division city ON city.code = d.parent_code
            WHERE p.id = ANY (?)
            GROUP BY p.id""";

    static final String MANUAL_LINKS = "SELECT entry_a, entry_b, relation, part_of, comment, set_by FROM manual_link";

    static final String STAGE = """
            CREATE TEMP TABLE identity_link (entry_a text, entry_b text, relation text, part_of text, score numeric(4, 3),
              evidence text, method text, status text) ON COMMIT DROP;
            CREATE TEMP TABLE identity_entry (id bigint PRIMARY KEY, identity text, counted boolean NOT NULL,
              linked boolean NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE identity_changed (id bigint PRIMARY KEY) ON COMMIT DROP;
            CREATE TEMP TABLE identity_adopt (weak_id bigint PRIMARY KEY, strong_id bigint NOT NULL, prefix text NOT NULL)
              ON COMMIT DROP""";

    /** The links are replaced by difference, so a run that finds the same links writes nothing. */
    static final String REPLACE_LINKS = """
            DELETE FROM project_link l WHERE NOT EXISTS (SELECT 1 FROM identity_link s WHERE s.entry_a = l.entry_a
              AND s.entry_b = l.entry_b AND s.relation = l.relation AND s.part_of IS NOT DISTINCT FROM l.part_of
              AND s.score = l.score AND s.evidence = l.evidence AND s.method = l.method AND s.status = l.status);
            INSERT INTO project_link (entry_a, entry_b, relation, part_of, score, evidence, method, status)
            SELECT entry_a, entry_b, relation, part_of, score, evidence, method, status FROM identity_link
            ON CONFLICT DO NOTHING""";

    static final String UPDATE_ENTRIES = """
            WITH changed AS (
              UPDATE project p SET identity = s.identity, counted = s.counted, linked = s.linked
              FROM identity_entry s
              WHERE p.id = s.id AND (p.identity IS DISTINCT FROM s.identity OR p.counted <> s.counted OR p.linked <> s.linked)
              RETURNING p.id)
            INSERT INTO identity_changed SELECT id FROM changed""";

    /** Grey-zone links are review items of the later entry, replaced by difference. */
    static final String REVIEW_ITEMS = """
            CREATE TEMP TABLE identity_review ON COMMIT DROP AS
            SELECT l.entry_b AS project_key, '可能与“' || a.name || '”（' || a.list_title || ' 序号' || a.seq || '）'
                   || CASE l.relation WHEN 'same' THEN '为同一项目' WHEN 'part' THEN '为部分与整体' ELSE '相关' END
                   || '：' || l.evidence || '（得分 ' || l.score || '）' AS reason
            FROM identity_link l JOIN project a ON a.project_key = l.entry_a
            WHERE l.status = 'review';
            DELETE FROM review_item r WHERE r.kind = 'link' AND r.status = 'open'
              AND NOT EXISTS (SELECT 1 FROM identity_review w WHERE w.project_key = r.project_key AND w.reason = r.reason);
            INSERT INTO review_item (project_key, kind, reason)
            SELECT w.project_key, 'link', w.reason FROM identity_review w
            WHERE NOT EXISTS (SELECT 1 FROM review_item r WHERE r.kind = 'link' AND r.status = 'open'
                                AND r.project_key = w.project_key AND r.reason = w.reason)""";

    /**
     * An entry without strong evidence of its own takes its partner's placement, each with the
     * evidence that says so; wanted rows replace the weak entry's rows by difference.
     */
    static final String ADOPT_PLACEMENTS = """
            DELETE FROM entry_own_place o USING identity_adopt a
            WHERE o.project_id = a.weak_id AND EXISTS (SELECT 1 FROM placement x WHERE x.project_id = a.weak_id AND x.method <> 'link');
            INSERT INTO entry_own_place (project_id, division_code, method)
            SELECT x.project_id, x.division_code, x.method FROM placement x JOIN identity_adopt a ON a.weak_id = x.project_id
            WHERE x.method <> 'link' ON CONFLICT DO NOTHING;
            CREATE TEMP TABLE identity_placement ON COMMIT DROP AS
            SELECT a.weak_id AS project_id, pl.division_code, 'link'::text AS method, pl.precision,
                   a.prefix || pl.evidence AS evidence, pl.ordinal
            FROM identity_adopt a JOIN placement pl ON pl.project_id = a.strong_id;
            DELETE FROM placement pl USING identity_adopt a
            WHERE pl.project_id = a.weak_id AND NOT EXISTS (SELECT 1 FROM identity_placement w
              WHERE w.project_id = pl.project_id AND w.division_code = pl.division_code AND w.method = pl.method
                AND w.precision = pl.precision AND w.evidence = pl.evidence AND w.ordinal = pl.ordinal);
            INSERT INTO placement (project_id, division_code, method, precision, evidence, ordinal)
            SELECT project_id, division_code, method, precision, evidence, ordinal FROM identity_placement
            ON CONFLICT DO NOTHING;
            INSERT INTO project_plan_area (project_id, area_id, method, evidence)
            SELECT a.weak_id, y.area_id, y.method, a.prefix || y.evidence
            FROM identity_adopt a JOIN project_plan_area y ON y.project_id = a.strong_id
            ON CONFLICT DO NOTHING;
            UPDATE project w SET precision = s.precision, geom = s.geom, plan_areas = s.areas
            FROM identity_adopt a JOIN LATERAL (
              SELECT q.precision, q.geom, array(SELECT DISTINCT x FROM unnest(q.plan_areas || array(
                       SELECT y.area_id FROM project_plan_area y WHERE y.project_id = a.weak_id)) x ORDER BY x) AS areas
              FROM project q WHERE q.id = a.strong_id) s ON TRUE
            WHERE w.id = a.weak_id AND (w.precision IS DISTINCT FROM s.precision
              OR ST_AsEWKB(w.geom) IS DISTINCT FROM ST_AsEWKB(s.geom) OR w.plan_areas IS DISTINCT FROM s.areas);
            UPDATE review_item r SET status = 'resolved', comment = '已按关联条目落位'
            FROM identity_adopt a JOIN project w ON w.id = a.weak_id
            WHERE r.project_key = w.project_key AND r.status = 'open' AND r.kind IN ('city-only', 'unplaced', 'province')""";

    /**
     * An entry that took a placement through a link it no longer has is placed again by its own
     * evidence on the next placing run.
     */
    static final String RELEASE_ADOPTED = """
            WITH released AS (
              DELETE FROM placement pl WHERE pl.method = 'link'
                AND NOT EXISTS (SELECT 1 FROM identity_adopt a WHERE a.weak_id = pl.project_id)
              RETURNING pl.project_id)
            UPDATE project p SET geocoded_at = NULL WHERE p.id IN (SELECT project_id FROM released)""";

    /**
     * The served properties of every linked entry (and of any whose links changed), built again by
     * project_feature_properties (V28 adds the project, counted and entries of a linked entry).
     */
    static final String REFRESH_PROPERTIES = """
            WITH touched AS MATERIALIZED (SELECT id FROM project WHERE linked UNION SELECT id FROM identity_changed),
            fresh AS MATERIALIZED (SELECT t.id, project_feature_properties(t.id) AS properties FROM touched t)
            UPDATE project p SET properties = f.properties FROM fresh f
            WHERE p.id = f.id AND p.properties::text IS DISTINCT FROM f.properties::text""";

    static final String KEYS_BY_FID = "SELECT fid, project_key FROM project WHERE fid = ANY (?)";

    static final String STORED_LINK = """
            SELECT relation, status, score, evidence FROM project_link
            WHERE (entry_a = ? AND entry_b = ?) OR (entry_a = ? AND entry_b = ?)""";

    static final String SET_MANUAL_LINK = """
            INSERT INTO manual_link (entry_a, entry_b, relation, part_of, comment, set_by) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (entry_a, entry_b) DO UPDATE SET relation = excluded.relation, part_of = excluded.part_of,
              comment = excluded.comment, set_by = excluded.set_by, set_at = now()""";

    /** Links for the review page and the API, both entries named. */
    static final String LINKS = """
            SELECT l.relation, l.status, l.score, l.evidence, l.method,
                   a.fid, a.name, a.list_title, a.seq, b.fid, b.name, b.list_title, b.seq,
                   CASE WHEN l.part_of IS NULL THEN NULL WHEN l.part_of = a.project_key THEN a.fid ELSE b.fid END
            FROM project_link l JOIN project a ON a.project_key = l.entry_a JOIN project b ON b.project_key = l.entry_b
            WHERE (?::text IS NULL OR l.status = ?) ORDER BY l.status, l.score DESC, a.id, b.id LIMIT ?""";

    /** What a later list brought, against the lists before it: entries continued (linked to an earlier one) or new. */
    static final String CONTINUITY_OF_DOCUMENT = """
            SELECT p.fid, p.name, p.seq,
                   (SELECT string_agg(l.relation, ',') FROM project_link l JOIN project e ON e.project_key =
                      CASE WHEN l.entry_a = p.project_key THEN l.entry_b ELSE l.entry_a END
                    WHERE (l.entry_a = p.project_key OR l.entry_b = p.project_key) AND l.status IN ('linked', 'confirmed')
                      AND e.document_id <> p.document_id
                      AND coalesce(%1$s, 0) < coalesce(%2$s, 0)) AS earlier
            FROM project p WHERE p.document_id = ? ORDER BY p.id""".formatted(LIST_YEAR.replace("p.", "e."), LIST_YEAR);

    /**
     * Entries of the latest earlier list of the same programme (the title without its year) that no
     * entry of the document continues: gone from the new list. Titles are read once per list, not once
     * per row, in materialised steps a few rows wide, and a link's other entry is found by its key:
     * right after a bulk import the planner's column statistics still describe the table before it,
     * and plans built on them read the new document's rows once per linked row.
     */
    static final String GONE_FROM_DOCUMENT = """
            WITH lists AS MATERIALIZED (
              SELECT t.list_title, regexp_replace(t.list_title, '\\s*20[0-9]{2}\\s*年', '') AS programme,
                     %s AS list_year
              FROM (SELECT DISTINCT list_title FROM project) t),
            doc AS MATERIALIZED (
              SELECT DISTINCT l.programme, l.list_year FROM lists l
              WHERE l.list_title IN (SELECT p.list_title FROM project p WHERE p.document_id = ?)),
            previous AS MATERIALIZED (
              SELECT DISTINCT ON (d.programme) l.list_title FROM lists l
              JOIN doc d ON l.programme = d.programme AND l.list_year < d.list_year
              ORDER BY d.programme, l.list_year DESC)
            SELECT e.fid, e.name, e.seq FROM previous v JOIN project e ON e.list_title = v.list_title
            WHERE NOT EXISTS (SELECT 1 FROM project_link l
                              WHERE (l.entry_a = e.project_key OR l.entry_b = e.project_key) AND l.status IN ('linked', 'confirmed')
                                AND (SELECT n.document_id FROM project n WHERE n.project_key =
                                       CASE WHEN l.entry_a = e.project_key THEN l.entry_b ELSE l.entry_a END) = ?)
            ORDER BY e.id""".formatted(LIST_YEAR.replace("p.", "t."));

    /** Entries and their 总投资 under a filter (its WHERE clause is appended). */
    static final String ENTRY_TOTALS = "SELECT count(*), sum(p.total_investment) FROM project p WHERE ";

    /** Entries and projects with their 总投资, taken links and links waiting for review. */
    static final String FIGURES = """
            SELECT count(*), sum(total_investment), count(*) FILTER (WHERE counted),
                   sum(total_investment) FILTER (WHERE counted),
                   (SELECT count(*) FROM project_link WHERE status IN ('linked', 'confirmed')),
                   (SELECT count(*) FROM project_link WHERE status = 'review')
            FROM project""";
}
