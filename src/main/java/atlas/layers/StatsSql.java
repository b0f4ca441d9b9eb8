package atlas.layers;

import java.util.Map;

/**
 * The statistics and facets statements (moved from Layers.stats and Layers.facets): totals and one
 * GROUP BY per grouping over the filtered projects, and the distinct values of the filter panel.
 */
final class StatsSql {
    private StatsSql() {
    }

    /** The filtered projects with the columns every grouping needs. */
    static String filtered(String where) {
        return "SELECT p.id, p.total_investment, p.category, p.nature, p.precision, p.document_id, p.plan_areas FROM project p WHERE " + where;
    }

    static String totals(String where) {
        return "SELECT count(*), sum(total_investment) FROM (" + filtered(where) + ") f";
    }

    /** key, name, count and summed investment per group, in the answer's order. */
    static String grouped(String groupby, String where) {
        String grouped = switch (groupby) {
            case "county" -> """
                    SELECT d.code, d.name, count(DISTINCT f.id), sum(f.total_investment) FROM (%s) f
                    JOIN placement pl ON pl.project_id = f.id JOIN division d ON d.code = pl.division_code AND d.level = 'county'
                    GROUP BY d.code, d.name ORDER BY d.code""";
            case "city" -> """
                    SELECT c.code, c.name, count(*), sum(x.total_investment) FROM (
                      SELECT DISTINCT f.id, f.total_investment, CASE WHEN d.level = 'city' THEN d.code ELSE d.parent_code END AS city
                      FROM (%s) f JOIN placement pl ON pl.project_id = f.id JOIN division d ON d.code = pl.division_code) x
                    JOIN division c ON c.code = x.city GROUP BY c.code, c.name ORDER BY c.code""";
            case "area" -> """
                    SELECT a.id, a.name, count(*), sum(f.total_investment) FROM (%s) f
                    CROSS JOIN LATERAL unnest(f.plan_areas) m(area_id) JOIN plan_area a ON a.id = m.area_id
                    GROUP BY a.id, a.name ORDER BY a.id""";
            case "category" -> "SELECT coalesce(category, '未分类'), coalesce(category, '未分类'), count(*), sum(total_investment) FROM (%s) f GROUP BY 1 ORDER BY 3 DESC, 1";
            case "nature" -> "SELECT coalesce(nature, '未注明'), coalesce(nature, '未注明'), count(*), sum(total_investment) FROM (%s) f GROUP BY 1 ORDER BY 1";
            case "precision" -> "SELECT precision, precision, count(*), sum(total_investment) FROM (%s) f GROUP BY 1 ORDER BY 1";
            case "source" -> """
                    SELECT sd.file_name, coalesce(sd.title, sd.file_name), count(*), sum(f.total_investment) FROM (%s) f
                    JOIN source_document sd ON sd.id = f.document_id GROUP BY 1, 2 ORDER BY 1""";
            default -> throw new IllegalArgumentException("groupby " + groupby);
        };
        return grouped.formatted(filtered(where));
    }

    /** Distinct values for the filter panel, by facet. */
    static final Map<String, String> FACETS = Map.of(
            "category", "SELECT DISTINCT category FROM project WHERE category IS NOT NULL ORDER BY 1",
            "nature", "SELECT DISTINCT nature FROM project WHERE nature IS NOT NULL ORDER BY 1",
            "source", "SELECT DISTINCT sd.file_name FROM project p JOIN source_document sd ON sd.id = p.document_id ORDER BY 1",
            // Each source's title (its file name when it has none), in the order of "source".
            "source_title", """
                    SELECT DISTINCT ON (sd.file_name) coalesce(sd.title, sd.file_name) FROM source_document sd
                    WHERE EXISTS (SELECT 1 FROM project p WHERE p.document_id = sd.id)
                    ORDER BY sd.file_name, sd.imported_at DESC""",
            "precision", "SELECT DISTINCT precision FROM project WHERE precision IS NOT NULL ORDER BY 1");
}
