package atlas.geocode;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.util.List;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a placed project serves comes from the properties the geocoder stores for all projects at once;
 * a project not placed yet is served by project_feature_properties(id). Both must say the same, to the byte.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredPropertiesTest {
    private static final String DIFFERENT = """
            SELECT count(*) FROM project WHERE properties IS NULL
               OR properties::text IS DISTINCT FROM project_feature_properties(id)::text""";

    @Test
    void storedPropertiesAreWhatTheFunctionServesForEveryPrecision(Database db) throws Exception {
        try (Connection c = db.connection()) {
            new GeocodeStore().run(c, true);
            assertEquals(0, count(c, DIFFERENT));
            // The seed lists reach every case the properties cover: each precision, cities, routes, plan areas.
            assertEquals(List.of("city", "counties", "county", "province", "route", "unknown"), List.of(scalar(c,
                    "SELECT string_agg(DISTINCT precision, ',' ORDER BY precision) FROM project").split(",")));
            assertTrue(count(c, "SELECT count(*) FROM project WHERE json_array_length(properties->'plan_areas') > 1") > 100);
            assertTrue(count(c, "SELECT count(*) FROM project WHERE json_array_length(properties->'city_codes') > 1") > 0);
            assertTrue(count(c, "SELECT count(*) FROM project WHERE json_array_length(properties->'placement_methods') > 1") > 0);
        }
    }

    @Test
    void placingOnlyNewProjectsRefreshesThoseAndFillsAnyLeftWithout(Database db) throws Exception {
        try (Connection c = db.connection()) {
            try (java.sql.Statement st = c.createStatement()) {
                // As after a re-import: some rows lost their properties, others wait for the geocoder.
                st.executeUpdate("UPDATE project SET properties = NULL WHERE seq IN ('1', '2', '3')");
                st.executeUpdate("UPDATE project SET geocoded_at = NULL WHERE seq IN ('4', '5')");
            }
            GeocodeStore.Summary s = new GeocodeStore().run(c, false);
            assertEquals(count(c, "SELECT count(*) FROM project WHERE seq IN ('4', '5')"), s.projects());
            assertEquals(0, count(c, DIFFERENT));
        }
    }
}
