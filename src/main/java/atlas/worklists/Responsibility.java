package atlas.worklists;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The units of a 责任单位 cell, split into the lead (牵头) and the others. The lead is the unit marked
 * 牵头 ('省自然资源厅、省财政厅分别牵头' marks both), else the first unit listed (the lists say
 * "排第一为牵头单位"). 省牵头单位 (a provincial lead printed under a city's units, seed 004) is kept apart.
 * A place named alone before a government shares its word: '嘉兴、湖州市政府' is 嘉兴市政府 and 湖州市政府.
 *
 * @param lead          lead units as printed (after the shared word is filled in)
 * @param others        the other units, in order
 * @param provinceLead  省牵头单位, "" when none
 */
public record Responsibility(List<String> lead, List<String> others, String provinceLead) {
    private static final Pattern PROVINCE_LEAD = Pattern.compile("省牵头单位\\s*[:：]\\s*(\\S+)");
    private static final Pattern LEAD_MARK = Pattern.compile("(分别|共同)?牵头(单位)?$");
    private static final Pattern BARE_PLACE = Pattern.compile("[\\p{IsHan}]{2,4}?(市|县|区)?");
    /** Words that make a name a unit rather than a place. */
    private static final Pattern UNIT_WORD = Pattern.compile("^(省|市|县|区)|有关|相关|各|[厅局委办会院部司队行所处站]$|集团|中心|政府");
    private static final Pattern GOVERNMENT = Pattern.compile("([\\p{IsHan}]{2,4}?)(市|县|区)(政府|人民政府)$");

    public Responsibility {
        lead = List.copyOf(lead);
        others = List.copyOf(others);
    }

    public List<String> all() {
        List<String> all = new ArrayList<>(lead);
        all.addAll(others);
        return all;
    }

    public static Responsibility parse(String cell) {
        String text = Normalizer.normalize(cell == null ? "" : cell, Normalizer.Form.NFKC).strip();
        String provinceLead = "";
        Matcher p = PROVINCE_LEAD.matcher(text);
        if (p.find()) {
            provinceLead = p.group(1).replaceAll("[。.;；]+$", "");
            text = (text.substring(0, p.start()) + text.substring(p.end())).strip();
        }
        List<String> parts = split(text);
        List<String> units = new ArrayList<>();
        List<Boolean> marked = new ArrayList<>();
        boolean allMarked = false;
        for (String part : parts) {
            Matcher m = LEAD_MARK.matcher(part);
            boolean mark = m.find();
            if (mark && m.group(1) != null) {
                allMarked = true;   // 'A、B分别牵头': every unit listed so far leads
            }
            String unit = mark ? part.substring(0, m.start()).strip() : part;
            if (!unit.isEmpty()) {
                units.add(unit);
                marked.add(mark);
            }
        }
        shareGovernmentWord(units);
        List<String> lead = new ArrayList<>();
        List<String> others = new ArrayList<>();
        boolean anyMark = marked.contains(true);
        for (int i = 0; i < units.size(); i++) {
            boolean isLead = anyMark ? marked.get(i) || allMarked && i < marked.lastIndexOf(true) : i == 0;
            (isLead ? lead : others).add(units.get(i));
        }
        return new Responsibility(lead, others, provinceLead);
    }

    /** Splits on 、，,;； outside parentheses. */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (char ch : text.toCharArray()) {
            if (ch == '(' || ch == '（') {
                depth++;
            } else if ((ch == ')' || ch == '）') && depth > 0) {
                depth--;
            }
            if (depth == 0 && "、，,;；".indexOf(ch) >= 0) {
                add(out, cur);
            } else {
                cur.append(ch);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        // '…配合落实' marks the units that assist; the mark is not part of a unit's name.
        String s = cur.toString().replaceAll("\\s+", "").replaceAll("[。.]+$", "").replaceFirst("(配合落实|配合|协助)$", "");
        if (!s.isEmpty() && !s.matches("[-—/等]+")) {
            out.add(s.replaceFirst("等$", ""));
        }
        cur.setLength(0);
    }

    /** '嘉兴' or '杭州市' before '湖州市政府' takes the word the government carries. */
    private static void shareGovernmentWord(List<String> units) {
        for (int i = units.size() - 2; i >= 0; i--) {
            Matcher next = GOVERNMENT.matcher(units.get(i + 1));
            String unit = units.get(i);
            if (next.matches() && BARE_PLACE.matcher(unit).matches() && !UNIT_WORD.matcher(unit).find()) {
                // '萧山区、桐庐县、建德市政府': each keeps its own level word; a bare '嘉兴' takes the next one's.
                units.set(i, unit.matches(".*[市县区]$") ? unit + next.group(3) : unit + next.group(2) + next.group(3));
            }
        }
    }
}
