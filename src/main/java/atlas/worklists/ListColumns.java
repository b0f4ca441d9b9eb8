package atlas.worklists;

import atlas.ingest.ColumnMap;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The columns of a 改革 / 政策 / 平台 / 项目 / 任务 list by header text. Each header takes the first role
 * whose pattern it matches; a role is taken once.
 */
record ListColumns(List<String> headers, Map<Role, Integer> roles) {
    enum Role {
        SEQ("序号|编号"),
        TITLE("改革事项|.*改革名称|政策名称|.*平台名称|任务名称|重点工作任务.*|重点工作|.*项目名称|.*事项"),
        CODE(".*项目代码.*"),
        DEADLINE(".*完成时限.*|.*完成时间.*|.*时限.*|.*完成期限.*"),
        TARGET(".*主要任务|.*目标.*|.*形象进度.*"),
        CONTENT("具体改革举措|.*举措|.*政策内容|建设导向|重点工作及具体任务|年度工作计划|细化具体.*任务|.*具体任务|建设规模.*|.*内容.*"),
        LOCATION("建设地点|.*地点|所在地.*"),
        UNITS("责任单位.*|实施单位.*|牵头单位.*|.*单位.*");

        final Pattern pattern;

        Role(String pattern) {
            this.pattern = Pattern.compile(pattern);
        }
    }

    static ListColumns match(List<String> headers) {
        Map<Role, Integer> roles = new EnumMap<>(Role.class);
        for (int i = 0; i < headers.size(); i++) {
            String h = ColumnMap.normalise(headers.get(i));
            for (Role r : Role.values()) {
                if (!roles.containsKey(r) && !h.isEmpty() && r.pattern.matcher(h).matches()) {
                    roles.put(r, i);
                    break;
                }
            }
        }
        return new ListColumns(List.copyOf(headers), Map.copyOf(roles));
    }

    boolean has(Role r) {
        return roles.containsKey(r);
    }

    Optional<Integer> index(Role r) {
        return Optional.ofNullable(roles.get(r));
    }

    String value(Role r, List<String> cells) {
        Integer i = roles.get(r);
        return i == null || i >= cells.size() ? "" : cells.get(i).strip();
    }

    /** The list's kind: a deadline column makes a task list, else the caption, else the name column says it. */
    Optional<String> kind(String caption) {
        String c = ColumnMap.normalise(caption);
        String title = index(Role.TITLE).map(i -> ColumnMap.normalise(headers.get(i))).orElse("");
        if (has(Role.DEADLINE) || c.contains("任务")) {
            return Optional.of("task");
        }
        for (String[] k : new String[][]{{"改革", "reform"}, {"政策", "policy"}, {"平台", "platform"}, {"项目", "project"}}) {
            if (c.contains(k[0]) || title.contains(k[0])) {
                return Optional.of(k[1]);
            }
        }
        return Optional.empty();
    }
}
