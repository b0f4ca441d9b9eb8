package atlas.worklists;

import atlas.geocode.PlanAreaKeywords;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every SQL statement of the worklists room: documents, items, rejected rows, units and the item queries. */
final class WorklistSql {
    private static final ObjectMapper JSON = new ObjectMapper();

    private WorklistSql() {
    }

    static Optional<String> documentHash(Connection c, String fileName) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM work_document WHERE file_name = ?")) {
            ps.setString(1, fileName);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Replaces a document (and, by cascade, its items and rejected rows); returns its new id. */
    static long replaceDocument(Connection c, String fileName, String sha256, int year, String cityCode) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM work_document WHERE file_name = ?")) {
            del.setString(1, fileName);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO work_document (file_name, sha256, year, city_code) VALUES (?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, fileName);
            ps.setString(2, sha256);
            ps.setObject(3, year > 0 ? year : null);
            ps.setString(4, cityCode.isEmpty() ? null : cityCode);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static List<PlanAreaKeywords> planAreas(Connection c) throws SQLException {
        List<PlanAreaKeywords> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, members, keywords || name FROM plan_area ORDER BY id")) {
            while (rs.next()) {
                out.add(new PlanAreaKeywords(rs.getString(1), List.of((String[]) rs.getArray(2).getArray()),
                        List.of((String[]) rs.getArray(3).getArray())));
            }
        }
        return out;
    }

    /** A stored item: the parsed row and where it was placed. */
    record Stored(WorkItem item, List<String> lead, List<String> others, List<String> countyCodes,
                  List<String> cityCodes, String precision, List<Map<String, String>> evidence,
                  List<String> planAreas, String platformArea) {
    }

    static void insertItems(Connection c, long documentId, List<Stored> items) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO work_item (id, document_id, kind, source, list_title, table_title, seq, group_seq, group_no,
                    part, line_from, line_to, category, title, title_inherited, content, target, location_text,
                    project_codes, deadline_text, deadline, units_text, lead_units, other_units, units_printed,
                    province_lead, units_inherited, county_codes, city_codes, precision, placement_evidence,
                    plan_areas, platform_area, cells, raw_text, warnings)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        ?::jsonb, ?, ?, ?::jsonb, ?, ?)""")) {
            for (Stored s : items) {
                WorkItem w = s.item();
                int i = 1;
                ps.setString(i++, w.id());
                ps.setLong(i++, documentId);
                ps.setString(i++, w.kind());
                ps.setString(i++, w.source());
                ps.setString(i++, w.listTitle());
                ps.setString(i++, w.table());
                ps.setString(i++, w.seq());
                ps.setString(i++, w.groupSeq());
                ps.setInt(i++, w.group());
                ps.setInt(i++, w.part());
                ps.setInt(i++, w.firstLine());
                ps.setInt(i++, w.lastLine());
                ps.setString(i++, w.category());
                ps.setString(i++, w.title());
                ps.setBoolean(i++, w.titleInherited());
                ps.setString(i++, w.content());
                ps.setString(i++, w.target());
                ps.setString(i++, w.location());
                ps.setArray(i++, c.createArrayOf("text", w.codes().toArray()));
                ps.setString(i++, w.deadline().text());
                ps.setObject(i++, w.deadline().date().map(java.sql.Date::valueOf).orElse(null));
                ps.setString(i++, w.unitsText());
                ps.setArray(i++, c.createArrayOf("text", s.lead().toArray()));
                ps.setArray(i++, c.createArrayOf("text", s.others().toArray()));
                ps.setArray(i++, c.createArrayOf("text", w.units().all().toArray()));
                ps.setString(i++, w.units().provinceLead().isEmpty() ? null : w.units().provinceLead());
                ps.setBoolean(i++, w.unitsInherited());
                ps.setArray(i++, c.createArrayOf("text", s.countyCodes().toArray()));
                ps.setArray(i++, c.createArrayOf("text", s.cityCodes().toArray()));
                ps.setString(i++, s.precision());
                ps.setString(i++, json(s.evidence()));
                ps.setArray(i++, c.createArrayOf("text", s.planAreas().toArray()));
                ps.setString(i++, s.platformArea());
                ps.setString(i++, json(w.cells()));
                ps.setString(i++, w.raw());
                ps.setArray(i++, c.createArrayOf("text", w.warnings().toArray()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Geometry from the placement: counties' points, else cities' points, else the platform's area. */
    static void placeGeometry(Connection c, long documentId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE work_item w SET geom = COALESCE(
                    (SELECT ST_Multi(ST_Collect(d.rep_point)) FROM division d WHERE d.code = ANY (w.county_codes) AND d.rep_point IS NOT NULL),
                    (SELECT ST_Multi(ST_Collect(d.rep_point)) FROM division d
                      WHERE cardinality(w.county_codes) = 0 AND d.code = ANY (w.city_codes) AND d.rep_point IS NOT NULL),
                    (SELECT ST_Multi(ST_PointOnSurface(ST_MakeValid(a.geom))) FROM plan_area a
                      WHERE a.id = w.platform_area AND a.geom IS NOT NULL))
                 WHERE w.document_id = ?""")) {
            ps.setLong(1, documentId);
            ps.executeUpdate();
        }
    }

    static void insertRejected(Connection c, long documentId, List<WorkListReader.Rejected> rejected) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO work_rejected_row (document_id, table_title, line_from, raw_text, reason) VALUES (?, ?, ?, ?, ?)")) {
            for (WorkListReader.Rejected r : rejected) {
                ps.setLong(1, documentId);
                ps.setString(2, r.table());
                ps.setInt(3, r.line());
                ps.setString(4, r.raw());
                ps.setString(5, r.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static void replaceUnits(Connection c, List<UnitGazetteer.Unit> units) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DELETE FROM work_unit");
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO work_unit (name, aliases, level, city_code) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            for (UnitGazetteer.Unit u : units) {
                ps.setString(1, u.name());
                ps.setArray(2, c.createArrayOf("text", u.aliases().toArray()));
                ps.setString(3, u.level());
                ps.setString(4, u.cityCode().isEmpty() ? null : u.cityCode());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The WHERE clause of a query and its parameters, in order. */
    record Where(String sql, List<Object> params) {
    }

    private static final String ALL_UNITS = "(w.lead_units || w.other_units || w.units_printed)";

    static Where where(WorkItemQuery q) {
        List<String> parts = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        q.kind().ifPresent(k -> {
            parts.add("w.kind = ?");
            params.add(k);
        });
        q.unit().ifPresent(u -> {
            parts.add("(? = ANY " + ALL_UNITS + " OR EXISTS (SELECT 1 FROM work_unit u WHERE (u.name = ? OR ? = ANY (u.aliases))"
                    + " AND u.name = ANY (w.lead_units || w.other_units)))");
            params.add(u);
            params.add(u);
            params.add(u);
        });
        q.leadUnit().ifPresent(u -> {
            parts.add("(? = ANY (w.lead_units) OR ? = w.units_printed[1] OR EXISTS (SELECT 1 FROM work_unit u"
                    + " WHERE (u.name = ? OR ? = ANY (u.aliases)) AND u.name = ANY (w.lead_units)))");
            params.add(u);
            params.add(u);
            params.add(u);
            params.add(u);
        });
        q.deadlineFrom().ifPresent(d -> {
            parts.add("w.deadline >= ?");
            params.add(java.sql.Date.valueOf(d));
        });
        q.deadlineTo().ifPresent(d -> {
            parts.add("w.deadline <= ?");
            params.add(java.sql.Date.valueOf(d));
        });
        q.county().ifPresent(code -> {
            parts.add("? = ANY (w.county_codes)");
            params.add(code);
        });
        q.city().ifPresent(code -> {
            parts.add("? = ANY (w.city_codes)");
            params.add(code);
        });
        q.area().ifPresent(a -> {
            parts.add("? = ANY (w.plan_areas)");
            params.add(a);
        });
        q.source().ifPresent(s -> {
            parts.add("w.source = ?");
            params.add(s);
        });
        q.q().ifPresent(t -> {
            parts.add("(strpos(w.title, ?) > 0 OR strpos(w.content, ?) > 0)");
            params.add(t);
            params.add(t);
        });
        q.bbox().ifPresent(b -> {
            // intersects, as OGC API asks: a multi-point item whose points all lie outside the box is not in it
            parts.add("ST_Intersects(w.geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
            for (double v : b) {
                params.add(v);
            }
        });
        q.condition().ifPresent(c -> {
            parts.add(c.sql());
            params.addAll(c.params());
        });
        return new Where(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts), params);
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    /**
     * One GeoJSON feature per item, built in SQL, its geometry in crs (the SRID from our own list, never a
     * request's text); geometry null when the item is not placed.
     */
    private static String feature(atlas.crs.Crs crs) {
        return FEATURE.formatted(atlas.crs.CrsSql.geoJson("w.geom", crs));
    }

    private static final String FEATURE = """
            json_build_object('type', 'Feature', 'id', w.id,
              'geometry', CASE WHEN w.geom IS NULL THEN NULL ELSE %s::json END,
              'properties', json_build_object('kind', w.kind, 'source', w.source, 'list', w.list_title,
                 'table', w.table_title, 'seq', w.seq, 'group_seq', w.group_seq, 'part', w.part, 'line', w.line_from,
                 'category', w.category, 'title', w.title, 'content', w.content, 'target', w.target,
                 'location_text', w.location_text, 'deadline_text', w.deadline_text, 'deadline', w.deadline,
                 'overdue', w.deadline < ?, 'lead_units', w.lead_units, 'other_units', w.other_units,
                 'units_printed', w.units_printed, 'province_lead', w.province_lead, 'units_inherited', w.units_inherited,
                 'county_codes', w.county_codes, 'city_codes', w.city_codes, 'precision', w.precision,
                 'placement_evidence', w.placement_evidence, 'plan_areas', w.plan_areas, 'platform_area', w.platform_area,
                 'project_codes', w.project_codes, 'warnings', w.warnings))::text""";

    private static final String ORDER = " ORDER BY (w.deadline < ?) DESC NULLS LAST, w.deadline NULLS LAST, w.source, w.table_title, w.group_no, w.part, w.id";

    /** A page of items as GeoJSON feature texts, with the number matched. */
    record Page(long matched, List<String> features) {
    }

    static Page items(Connection c, WorkItemQuery q, atlas.crs.Crs crs) throws SQLException {
        Where w = where(q);
        long matched;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM work_item w WHERE " + w.sql())) {
            bind(ps, w.params());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                matched = rs.getLong(1);
            }
        }
        List<Object> params = new ArrayList<>();
        params.add(java.sql.Date.valueOf(q.asOf()));
        params.addAll(w.params());
        params.add(java.sql.Date.valueOf(q.asOf()));
        params.add(q.limit());
        params.add(q.offset());
        List<String> features = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + feature(crs) + " FROM work_item w WHERE " + w.sql()
                + ORDER + " LIMIT ? OFFSET ?")) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    features.add(rs.getString(1));
                }
            }
        }
        return new Page(matched, features);
    }

    static Optional<String> item(Connection c, String id, java.time.LocalDate asOf, atlas.crs.Crs crs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + feature(crs) + " FROM work_item w WHERE w.id = ?")) {
            ps.setObject(1, java.sql.Date.valueOf(asOf));
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** One group of the statistics: its key, its count and how many of them are overdue. */
    record Group(String key, long count, long overdue) {
    }

    static List<Group> stats(Connection c, String groupby, WorkItemQuery q) throws SQLException {
        String key = switch (groupby) {
            case "unit" -> "unnest(w.lead_units || w.other_units)";
            case "lead_unit" -> "unnest(w.lead_units)";
            case "kind" -> "w.kind";
            case "deadline_month" -> "to_char(w.deadline, 'YYYY-MM')";
            case "source" -> "w.source";
            case "city" -> "unnest(w.city_codes)";
            case "county" -> "unnest(w.county_codes)";
            default -> throw new IllegalArgumentException("groupby " + groupby);
        };
        Where w = where(q);
        List<Object> params = new ArrayList<>();
        params.add(java.sql.Date.valueOf(q.asOf()));
        params.addAll(w.params());
        List<Group> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k, count(*), count(*) FILTER (WHERE overdue) FROM ("
                + "SELECT " + key + " AS k, coalesce(w.deadline < ?, false) AS overdue FROM work_item w WHERE " + w.sql()
                + ") g GROUP BY k ORDER BY count(*) DESC, k NULLS LAST")) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Group(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** Changes whenever a work list is imported again: the ETag of every work-item answer. */
    static String version(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(imported_at)::text, '') || ':' || count(*) FROM work_document")) {
            rs.next();
            return rs.getString(1);
        }
    }

    static double[] extent(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM work_item) x")) {
            rs.next();
            return rs.getObject(1) == null ? new double[]{118.0, 27.0, 123.2, 31.2}
                    : new double[]{rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
    }

    /** Rows for a table export, in the order of the API (overdue first). */
    static List<WorkItemsExport.Row> exportRows(Connection c, WorkItemQuery q) throws SQLException {
        Where w = where(q);
        List<Object> params = new ArrayList<>(w.params());
        params.add(java.sql.Date.valueOf(q.asOf()));
        List<WorkItemsExport.Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT w.id, w.kind, w.source, w.list_title, w.table_title, w.seq, w.group_seq, w.part, w.category,
                       w.title, w.content, w.target, w.deadline_text, w.deadline::text,
                       array_to_string(w.lead_units, '、'), array_to_string(w.other_units, '、'), coalesce(w.province_lead, ''),
                       array_to_string(w.county_codes, ','), array_to_string(w.city_codes, ','), w.precision
                  FROM work_item w WHERE\s""" + w.sql() + ORDER)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> values = new ArrayList<>();
                    for (int i = 1; i <= 20; i++) {
                        values.add(rs.getString(i));
                    }
                    out.add(new WorkItemsExport.Row(values));
                }
            }
        }
        return out;
    }
}
