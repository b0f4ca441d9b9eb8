package atlas.identity;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One imported list entry (a project row) as the linker sees it.
 *
 * @param key       project_key: the entry's stable identity across re-imports
 * @param listYear  the list's year (from its title: 浙江省大湾区建设 2023 年…), else empty
 * @param list      the list's title
 * @param counties  current county codes it is placed on
 * @param cities    city codes it is placed on (directly or through its counties)
 * @param placeNames division code -> name, for the evidence
 * @param strong    placed by its own strong evidence (项目代码, 建设地点, an administrator)
 */
public record Entry(long id, String key, String fid, long documentId, Optional<Integer> listYear, String list,
                    String name, List<String> codes, Optional<Integer> startYear, Optional<Integer> endYear,
                    Optional<BigDecimal> totalInvestment, List<String> units, String content,
                    List<String> counties, List<String> cities, java.util.Map<String, String> placeNames, boolean strong) {

    public Entry {
        codes = List.copyOf(codes);
        units = List.copyOf(units);
        counties = List.copyOf(counties);
        cities = List.copyOf(cities);
        placeNames = java.util.Map.copyOf(placeNames);
    }

    /** Earlier lists first; within one list, document order. */
    public boolean before(Entry other) {
        int a = listYear.orElse(0);
        int b = other.listYear.orElse(0);
        return a != b ? a < b : id < other.id;
    }
}
