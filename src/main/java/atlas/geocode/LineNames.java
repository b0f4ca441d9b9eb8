package atlas.geocode;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a planner knows about line names that the words alone do not say: lines are named by
 * one-character abbreviations of the places they join (杭德 = 杭州–德清, 沪苏湖 = 上海–苏州–湖州).
 * The registry (geodata/lines/) places the lines it has by their stations; these abbreviations only
 * serve lines it does not have, placed at the places they stand for.
 */
final class LineNames {
    private LineNames() {
    }

    /** Abbreviation -> the place's name as the gazetteer knows it; "" for a place outside Zhejiang. */
    private static final Map<Character, String> ABBREVIATIONS = Map.ofEntries(
            Map.entry('杭', "杭州"), Map.entry('甬', "宁波"), Map.entry('温', "温州"), Map.entry('嘉', "嘉兴"),
            Map.entry('湖', "湖州"), Map.entry('绍', "绍兴"), Map.entry('金', "金华"), Map.entry('衢', "衢州"),
            Map.entry('舟', "舟山"), Map.entry('台', "台州"), Map.entry('丽', "丽水"), Map.entry('义', "义乌"),
            Map.entry('东', "东阳"), Map.entry('德', "德清"), Map.entry('瑞', "瑞安"), Map.entry('苍', "苍南"),
            Map.entry('长', "长兴"),
            // Outside Zhejiang: they make the name a line, but no county is placed there.
            Map.entry('沪', ""), Map.entry('申', ""), Map.entry('苏', ""), Map.entry('皖', ""), Map.entry('黄', ""));

    /**
     * A run of two or more abbreviations at the start of the name (or after a bracket), right before
     * the kind of line: '金义东市域轨道交通', '瑞苍高速公路', '杭德市域铁路'.
     */
    private static final Pattern ABBREVIATED_LINE = Pattern.compile(
            "(?:^|[(（、])([\\p{IsHan}]{2,4}?)(?=铁路|城际|市域|高铁|高速|轨道|快速路|公路|航道|大桥|通道)");

    private static final Pattern PIECE_OF_A_LINE = Pattern.compile("至|联络线|连接线|延伸|[东西南北]延|支线|段|枢纽|站");

    /** One abbreviation of a name: its character, where it stands, and the place it stands for. */
    record Abbreviation(char abbreviation, int start, String place) {
    }

    /**
     * The abbreviated places of a line name in order, or empty when the name has no such run. A run
     * that is itself a place or a word (金东快速路, 东湖大桥) is not read as abbreviations.
     */
    static List<Abbreviation> abbreviations(String name, java.util.function.Predicate<String> isWord) {
        // '杭金衢高速至杭绍台高速联络线', '金丽温高速公路东延线': the project is a piece of or a link
        // between lines, somewhere along them; the ends of the named line do not place it.
        String outsideBrackets = name.replaceAll("[(（][^()（）]*[)）]", "");
        if (PIECE_OF_A_LINE.matcher(outsideBrackets).find()) {
            return List.of();
        }
        Matcher m = ABBREVIATED_LINE.matcher(name);
        while (m.find()) {
            String run = m.group(1);
            if (run.chars().anyMatch(ch -> !ABBREVIATIONS.containsKey((char) ch)) || isWord.test(run)) {
                continue;
            }
            List<Abbreviation> out = new java.util.ArrayList<>();
            for (int i = 0; i < run.length(); i++) {
                out.add(new Abbreviation(run.charAt(i), m.start(1) + i, ABBREVIATIONS.get(run.charAt(i))));
            }
            return out;
        }
        return List.of();
    }
}
