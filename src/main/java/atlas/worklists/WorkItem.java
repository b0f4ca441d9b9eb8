package atlas.worklists;

import java.util.List;
import java.util.Map;

/**
 * One entry of a 改革 / 政策 / 平台 / 项目 / 任务 list.
 *
 * @param kind            reform, policy, platform, project or task
 * @param source          the document's file name
 * @param listTitle       the list's name (caption), e.g. 浙江省大都市区建设 2021 年重大任务清单
 * @param table           the table's title, e.g. 附表5
 * @param seq             序号 as printed ("" for an unnumbered row)
 * @param groupSeq        序号 of the numbered row it belongs to (itself when numbered)
 * @param group           position of that numbered row in the table, 1-based (序号 restart per section in some lists)
 * @param part            1 for the numbered row, 2… for the unnumbered rows under it (细化具体项目任务)
 * @param firstLine       first line of the row in the document
 * @param lastLine        last line, wrapped lines included
 * @param category        the section above the row, "" when none
 * @param title           改革事项 / 政策名称 / 平台名称 / 任务名称 / 项目名称; a merged cell's text is repeated
 * @param titleInherited  true when the row's own title cell was empty and the title is the row's above
 * @param content         举措 / 政策内容 / 建设导向 / 具体任务
 * @param target          主要任务 / 具体目标举措 / 形象进度
 * @param location        建设地点 ("" when none)
 * @param codes           项目代码 found in the row
 * @param deadline        完成时限 and its date
 * @param unitsText       责任单位 as printed
 * @param units           lead and other units
 * @param unitsInherited  true when the row's unit cell was empty and the units are the row's above
 * @param cells           every cell under its header as printed
 * @param raw             the original line(s)
 * @param warnings        what the reader doubted, in English naming the field
 */
public record WorkItem(String kind, String source, String listTitle, String table, String seq, String groupSeq,
                       int group, int part, int firstLine, int lastLine, String category, String title,
                       boolean titleInherited, String content, String target, String location, List<String> codes,
                       Deadline deadline, String unitsText, Responsibility units, boolean unitsInherited,
                       Map<String, String> cells, String raw, List<String> warnings) {
    public WorkItem {
        codes = List.copyOf(codes);
        cells = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cells));
        warnings = List.copyOf(warnings);
    }

    /** Stable id: the first 12 hex digits of md5 of source, table, group and part. */
    public String id() {
        try {
            byte[] d = java.security.MessageDigest.getInstance("MD5").digest((source + "|" + table + "|" + group + "|" + part)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d).substring(0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
