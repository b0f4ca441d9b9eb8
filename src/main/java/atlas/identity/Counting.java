package atlas.identity;

import atlas.layers.ProjectFilter;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the totals count: projects (default: a project listed in several lists counts once, with its
 * latest entry's figures; part and related links never merge money) or list entries (count=entries).
 */
public final class Counting {
    public static final String NOTE_PROJECTS = "按项目计数（默认）：同一项目在多份清单中出现（关联为 same）只计一次，取最新清单条目的数字；"
            + "分段/分期（part、related）各自计数，投资不合并。count=entries 按清单条目计数。";
    public static final String NOTE_ENTRIES = "按清单条目计数（count=entries）：同一项目在多份清单中的每个条目各计一次。";

    private Counting() {
    }

    /** Entries and their 总投资 under the filter, counted entry by entry. */
    public record Entries(long count, BigDecimal totalInvestment) {
    }

    /** The counting block every total states: which counting, in Chinese, and the entries beside projects. */
    public static Map<String, Object> describe(ProjectFilter filter, Entries entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counting", filter.counting());
        m.put("counting_note", filter.entries() ? NOTE_ENTRIES : NOTE_PROJECTS);
        m.put("entries", Map.of("count", entries.count(),
                "total_investment", entries.totalInvestment() == null ? BigDecimal.ZERO : entries.totalInvestment()));
        return m;
    }
}
