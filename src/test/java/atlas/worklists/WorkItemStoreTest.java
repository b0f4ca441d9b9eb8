package atlas.worklists;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PostgisExtension.class)
class WorkItemStoreTest {
    static List<List<String>> rows(Database db, String sql) throws Exception {
        List<List<String>> out = new ArrayList<>();
        try (Connection c = db.connection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                out.add(row);
            }
        }
        return out;
    }

    private static List<String> one(Database db, String sql) throws Exception {
        List<List<String>> r = rows(db, sql);
        assertEquals(1, r.size(), sql);
        return r.get(0);
    }

    @Test
    void itemsThatNamePlacesArePlacedThere(Database db) throws Exception {
        // 附表1 序号 2 names 嘉兴 (支持嘉兴强化市域统筹… / 嘉兴市政府): the city of 嘉兴.
        List<String> jiaxing = one(db, "SELECT precision, array_to_string(city_codes, ','), geom IS NOT NULL FROM work_item"
                + " WHERE source LIKE '000%' AND table_title = '附表1' AND seq = '2'");
        assertEquals(List.of("city", "330400", "t"), jiaxing);
        // 附表1 序号 10 names 东阳市政府 (花园村): 东阳.
        List<String> dongyang = one(db, "SELECT array_to_string(county_codes, ',') FROM work_item"
                + " WHERE source LIKE '000%' AND table_title = '附表1' AND seq = '10'");
        assertEquals(List.of("330783"), dongyang);
        // 附表3 序号 10 甬台一体化合作先行区 is the plan area of that name: its counties, its link.
        List<String> yongtai = one(db, "SELECT platform_area, array_to_string(county_codes, ',') FROM work_item"
                + " WHERE source LIKE '000%' AND table_title = '附表3' AND seq = '10'");
        assertEquals("coop-yongtai", yongtai.get(0));
        List<String> members = one(db, "SELECT array_to_string(members, ',') FROM plan_area WHERE id = 'coop-yongtai'");
        assertEquals(members.get(0), yongtai.get(1));
        // 001 附3: every new district and corridor is linked to its plan area; 高能级战略平台打造 names none.
        List<List<String>> platforms = rows(db, "SELECT title, coalesce(platform_area, '') FROM work_item"
                + " WHERE source LIKE '001%' AND kind = 'platform' ORDER BY group_no");
        assertEquals(14, platforms.size());
        assertEquals(List.of("宁波前湾新区", "new-district-qianwan"), platforms.get(1));
        assertEquals(List.of("嘉兴 G60 科创大走廊", "sci-jiaxing-g60"), platforms.get(8));
        assertEquals(List.of("环大罗山科创走廊", "sci-dalaoshan"), platforms.get(11));
        assertEquals(List.of("高能级战略平台打造", ""), platforms.get(13));
        assertEquals(13, platforms.stream().filter(p -> !p.get(1).isEmpty()).count());
        // A 杭州 task that names no place is in 杭州, said so in its evidence.
        assertEquals(0, Integer.parseInt(one(db, "SELECT count(*) FROM work_item WHERE source LIKE '004%'"
                + " AND cardinality(county_codes) = 0 AND cardinality(city_codes) = 0 AND precision <> 'province'").get(0)));
        // Items that name no place keep a null geometry, and are still stored.
        assertTrue(Integer.parseInt(one(db, "SELECT count(*) FROM work_item WHERE geom IS NULL AND kind = 'policy'").get(0)) > 0);
    }

    @Test
    void unitsAreStoredByFullNameWithTheLeadApart(Database db) throws Exception {
        // 004 表二 序号 4: 市发改委 leads, 市建委 joins; 省牵头单位 省发展改革委.
        List<String> row = one(db, "SELECT array_to_string(lead_units, ','), array_to_string(other_units, ','), province_lead"
                + " FROM work_item WHERE source LIKE '004%' AND table_title LIKE '省政府工作报告2021年%' AND group_seq = '4' AND part = 1");
        assertEquals("杭州市发展和改革委员会", row.get(0));
        assertTrue(row.get(1).contains("杭州市城乡建设委员会"), row.get(1));
        assertEquals("省发展改革委", row.get(2));
        assertEquals(24, Integer.parseInt(one(db, "SELECT count(*) FROM work_unit").get(0)));
    }

    @Test
    void theDemoLoadsNothingTwice(Database db) throws Exception {
        try (Connection c = db.connection()) {
            List<WorklistImport.Report> again = WorklistImport.loadBundled(c,
                    java.nio.file.Path.of(System.getProperty("atlas.home", ".")).resolve("geodata"), s -> { });
            assertTrue(again.isEmpty(), again.toString());
        }
        assertEquals(List.of("3"), one(db, "SELECT count(*) FROM work_document"));
    }
}
