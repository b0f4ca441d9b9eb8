package atlas.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * A parsed project (or platform) row. Amounts are in 亿元.
 *
 * @param seq                序号 as printed
 * @param name               项目名称 (never blank)
 * @param category           from the section row above (一、...), without its ordinal
 * @param projectCodes       项目代码 found in the code cell, in order
 * @param nature             建设性质: 新建 / 续建 (or the printed text), empty when absent
 * @param locationText       建设地点 as printed, "" when absent
 * @param startYear          from 项目起止年限
 * @param endYear            from 项目起止年限 (equal to start for a single year; empty for '2019-')
 * @param totalInvestment    总投资 in 亿元; empty for '待核定', '--', '/', '' or text (with a warning)
 * @param plannedInvestment  年度/2023年计划投资 in 亿元
 * @param progress           形象进度 (or 项目进度 when there is no 形象进度)
 * @param responsibleUnits   责任单位 / 实施单位 split on 、，,;；/
 * @param content            建设规模和内容 / 主要建设内容
 * @param source             the row as printed
 * @param warnings           problems found in this row (the row is still imported)
 * @param subcategory        the sub-section above the row (（一）... under 一、...), without its ordinal
 */
public record ProjectRecord(String seq, String name, Optional<String> category, List<String> projectCodes,
                            Optional<String> nature, String locationText,
                            Optional<Integer> startYear, Optional<Integer> endYear,
                            Optional<BigDecimal> totalInvestment, Optional<BigDecimal> plannedInvestment,
                            String progress, List<String> responsibleUnits, String content,
                            SourceRow source, List<RowIssue> warnings, Optional<String> subcategory) {

    public ProjectRecord {
        projectCodes = List.copyOf(projectCodes);
        responsibleUnits = List.copyOf(responsibleUnits);
        warnings = List.copyOf(warnings);
    }

    /** A row without a sub-section. */
    public ProjectRecord(String seq, String name, Optional<String> category, List<String> projectCodes,
                         Optional<String> nature, String locationText,
                         Optional<Integer> startYear, Optional<Integer> endYear,
                         Optional<BigDecimal> totalInvestment, Optional<BigDecimal> plannedInvestment,
                         String progress, List<String> responsibleUnits, String content,
                         SourceRow source, List<RowIssue> warnings) {
        this(seq, name, category, projectCodes, nature, locationText, startYear, endYear, totalInvestment,
                plannedInvestment, progress, responsibleUnits, content, source, warnings, Optional.empty());
    }

    /** The same row with one more warning. */
    ProjectRecord withWarning(RowIssue warning) {
        List<RowIssue> more = new java.util.ArrayList<>(warnings);
        more.add(warning);
        return new ProjectRecord(seq, name, category, projectCodes, nature, locationText, startYear, endYear,
                totalInvestment, plannedInvestment, progress, responsibleUnits, content, source, more, subcategory);
    }
}
