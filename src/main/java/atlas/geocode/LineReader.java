package atlas.geocode;

import atlas.gazetteer.Gazetteer;
import atlas.lines.Line;
import atlas.lines.LineRegistry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the lines of the registry (geodata/lines/) named in a project's name: the whole line, or
 * the stretch a section names ('杭温铁路义乌至温州段', '(文成段)', 'X—Y', a section of the registry),
 * placed on every county whose nodes lie in it; a city's metro or tram programme on the counties of
 * the lines it names, or of the city's network. Pure logic over the registry and the gazetteer.
 */
final class LineReader {
    /** Words after a line's name that make the project a facility or a branch of it, not the line. */
    private static final Pattern PIECE = Pattern.compile(
            "联络线|连接线|支线|延伸线|[东西南北]延|互通|服务区|收费站|站|枢纽"
                    + "|车辆段|停车场|车辆基地|货场|物流园|TOD|综合体|配套|周边|片区|接线|改线|立交|博物|公园|景观|广场");
    /** What a row about a waterway itself does: navigation works, not a museum or a park beside it. */
    private static final Pattern WATERWAY_WORK = Pattern.compile("航道|航运|船闸|疏浚|通航|整治|扩建|改造|升级|码头|线");
    private static final Pattern SECTION_CONNECTOR = Pattern.compile("至|—|－|～|~|到|-");
    /** A city's rail transit programme: '宁波市城市轨道交通工程', '杭州地铁3号线、10号线'. */
    private static final Pattern TRANSIT = Pattern.compile("城市轨道交通|轨道交通|地铁|轻轨|有轨电车|市域铁路|市域轨道");
    private static final Pattern LINE_LABEL = Pattern.compile("([0-9]+|[一二三四五六七八九十]+)号线|(S[0-9]+)线");
    private static final List<String> NETWORK_KINDS = List.of("metro", "tram");

    private final Gazetteer gazetteer;
    private final PlaceReader placeReader;
    private final LineRegistry registry;
    /** Every name, alias and stand-alone section name, by its first character, longest first. */
    private final Map<Character, List<Name>> names = new HashMap<>();
    /** Each line's city, where most of its nodes in the province are. */
    private final Map<String, String> cityOfLine = new HashMap<>();

    /** A name the row may use: of a whole line (section null) or of one of its sections. */
    private record Name(String text, Line line, Line.Section section) {
    }

    /** Where in the text a line is named. */
    private record Mention(int start, int end, Name name) {
    }

    /** The stretch of a line a row is about, by node seq, and how it was read. */
    record Stretch(Line line, int fromSeq, int toSeq, String how) {
    }

    /** What the registry says about a row: the counties, the stretches followed, and a review if needed. */
    record Reading(List<Placement.PlacedCounty> counties, List<Stretch> stretches, Optional<Placement.Review> review) {
        List<Placement.LineCourse> courses() {
            return stretches.stream().map(s -> new Placement.LineCourse(s.line().id(), s.fromSeq(), s.toSeq())).toList();
        }
    }

    LineReader(Gazetteer gazetteer, PlaceReader placeReader, LineRegistry registry) {
        this.gazetteer = gazetteer;
        this.placeReader = placeReader;
        this.registry = registry;
        Set<String> registryNames = new java.util.HashSet<>();
        registry.lines().forEach(l -> registryNames.addAll(l.names()));
        for (Line l : registry.lines()) {
            // A variant never takes another line's own name.
            Set<String> taken = new java.util.HashSet<>(registryNames);
            taken.removeAll(l.names());
            for (String n : l.names()) {
                for (String form : forms(n)) {
                    if (taken.add(form)) {
                        add(new Name(form, l, null));
                    }
                }
            }
            for (Line.Section s : l.sections()) {
                // A section alias that is itself a line's name (温玉铁路, 杭绍甬智慧高速公路杭绍段) names the line too.
                for (String n : sectionNames(s)) {
                    if (n.length() >= 4 && KIND_WORD.matcher(n).find() && !n.startsWith("S") && !n.matches("^[一二三四五六七八九十]期.*")) {
                        add(new Name(n, l, s));
                    }
                }
            }
            Map<String, Integer> byCity = new HashMap<>();
            l.nodes().stream().filter(Line.Node::inProvince)
                    .forEach(n -> gazetteer.cityOf(n.countyCode()).ifPresent(c -> byCity.merge(c, 1, Integer::sum)));
            byCity.entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e -> cityOfLine.put(l.id(), e.getKey()));
        }
        names.values().forEach(list -> list.sort(Comparator.comparingInt((Name n) -> n.text().length()).reversed()));
    }

    /**
     * The ways a list writes a line's name: 杭州至温州高速铁路 for 杭州至温州铁路, 杭温高铁 for 杭温铁路,
     * 苍泰高速 for 苍泰高速公路. The registry's own names come first; a variant is only an extra way in.
     */
    private static List<String> forms(String name) {
        List<String> out = new ArrayList<>();
        out.add(name);
        String[][] swaps = {{"高速铁路", "铁路"}, {"铁路", "高速铁路"}, {"高铁", "铁路"}, {"铁路", "高铁"},
                {"高速公路", "高速"}, {"城际铁路", "城际"}, {"市域铁路", "市域(郊)铁路"}};
        for (String[] swap : swaps) {
            if (name.endsWith(swap[0]) && !(swap[0].equals("铁路") && name.endsWith("高速铁路"))
                    && !(swap[0].equals("铁路") && name.endsWith("城际铁路"))) {
                out.add(name.substring(0, name.length() - swap[0].length()) + swap[1]);
            }
        }
        return out;
    }

    private static final Pattern KIND_WORD = Pattern.compile("铁路|高铁|城际|高速|公路|国道|大桥|隧道|航道|运河|轨道交通|地铁");

    private void add(Name n) {
        names.computeIfAbsent(n.text().charAt(0), k -> new ArrayList<>()).add(n);
    }

    private static List<String> sectionNames(Line.Section s) {
        List<String> out = new ArrayList<>();
        out.add(s.name());
        out.addAll(s.aliases());
        return out;
    }

    /**
     * The registry's reading of a project name, or empty when the name names no line of the registry
     * as a whole or a stretch of one (a station, a link road, or a stretch the registry cannot place
     * are left to the other evidence). locationCounties: the counties 建设地点 names, which narrow.
     */
    Optional<Reading> read(String name, String content, List<String> locationCounties) {
        if (registry.size() == 0 || name.isEmpty()) {
            return Optional.empty();
        }
        List<Mention> mentions = mentions(name);
        if (mentions.isEmpty()) {
            return transitProgramme(name, content, locationCounties);
        }
        List<Stretch> stretches = new ArrayList<>();
        Set<String> seenLines = new LinkedHashSet<>();
        for (int i = 0; i < mentions.size(); i++) {
            Mention m = mentions.get(i);
            if (!seenLines.add(m.name().line().id())) {
                continue;
            }
            if (crossStreet(name, m)) {
                // '崇超路(康桥路—320国道)': the line is where another road ends, not the project.
                seenLines.remove(m.name().line().id());
                continue;
            }
            int tailEnd = name.length();
            for (int j = i + 1; j < mentions.size(); j++) {
                if (!mentions.get(j).name().line().id().equals(m.name().line().id())) {
                    tailEnd = mentions.get(j).start();
                    break;
                }
            }
            String tail = name.substring(m.end(), tailEnd);
            for (Mention other : mentions) {
                // A bracketed other name of the same line ('瑞苍高速公路(龙丽温至甬台温复线联络线)') is not a piece of it.
                if (other != m && other.name().line() == m.name().line() && other.start() >= m.end() && other.end() <= tailEnd) {
                    tail = tail.replace(other.name().text(), " ");
                }
            }
            Optional<List<Stretch>> read = stretches(m, tail);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            stretches.addAll(read.get());
        }
        // '杭州地铁3号线、10号线': the other numbers name lines of the same city's network.
        Set<String> named = new java.util.HashSet<>(seenLines);
        for (String city : stretches.stream().filter(st -> NETWORK_KINDS.contains(st.line().kind()) || st.line().kind().equals("intercity"))
                .map(st -> cityOfLine.get(st.line().id())).filter(java.util.Objects::nonNull).distinct().toList()) {
            List<Line> cityLines = registry.lines().stream().filter(l -> city.equals(cityOfLine.get(l.id()))).toList();
            for (Stretch st : linesNamed(name, cityLines)) {
                if (named.add(st.line().id())) {
                    stretches.add(st);
                }
            }
        }
        return reading(stretches, locationCounties, Optional.empty());
    }

    /** A line named inside brackets as one end of another road's stretch ('(宣杭铁路—崇杭街)'). */
    private static boolean crossStreet(String text, Mention m) {
        int open = Math.max(text.lastIndexOf('(', m.start()), text.lastIndexOf('（', m.start()));
        int close = Math.max(text.lastIndexOf(')', m.start()), text.lastIndexOf('）', m.start()));
        boolean inBrackets = open >= 0 && open > close;
        boolean connectorBefore = m.start() > 0 && SECTION_CONNECTOR.matcher(text.substring(m.start() - 1, m.start())).matches();
        boolean connectorAfter = m.end() < text.length() && SECTION_CONNECTOR.matcher(text.substring(m.end(), m.end() + 1)).matches();
        return inBrackets && (connectorBefore || connectorAfter);
    }

    /** Leftmost-longest names of the registry in the text. */
    private List<Mention> mentions(String text) {
        List<Mention> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            Mention hit = null;
            for (Name n : names.getOrDefault(text.charAt(i), List.of())) {
                if (text.startsWith(n.text(), i) && bounded(text, i, i + n.text().length())
                        && describesALine(n.text(), text, i + n.text().length())) {
                    hit = new Mention(i, i + n.text().length(), n);
                    break;
                }
            }
            if (hit != null) {
                out.add(hit);
                i = hit.end();
            } else {
                i++;
            }
        }
        return out;
    }

    private static final Pattern ROAD_NUMBER = Pattern.compile("[GSX][0-9]+[A-Z]?");

    /** Words that make a name a line's name: 瓯江 alone is a river (瓯江实验室, 瓯江口), 瓯江航道 a line. */
    private static final Pattern LINE_WORD = Pattern.compile(
            "铁路|高铁|城际|市域|轨道|地铁|轻轨|有轨电车|高速|公路|国道|省道|快速路|快速环线|绕城|环线|中环|大道|大桥|桥|隧道|通道"
                    + "|航道|运河|线|管道|管线|输水|引水|干渠|工程");

    /**
     * A name that does not say it is a line (a river's, a code's: 瓯江, G60) names the line only where
     * a line word, a stretch or the end of the name follows it (瓯江航道, G60沪昆高速, 瓯江(温州段)).
     */
    private static boolean describesALine(String name, String text, int end) {
        String after = text.substring(end);
        if (ROAD_NUMBER.matcher(name).matches()) {
            // 'S2线' is a rail line's number, 'S2' a road's.
            return !after.startsWith("线") && !after.startsWith("号");
        }
        if (LINE_WORD.matcher(name).find()) {
            return true;
        }
        return after.isEmpty() || LINE_WORD.matcher(after).lookingAt() || after.startsWith("段") || after.startsWith("(")
                || after.startsWith("至") || after.startsWith("—");
    }

    /** 'G15' and 'S9' are names only where no letter or digit continues them (not in 'S911', 'G1512'). */
    private static boolean bounded(String text, int start, int end) {
        boolean asciiStart = isAsciiAlnum(text.charAt(start));
        boolean asciiEnd = isAsciiAlnum(text.charAt(end - 1));
        return !(asciiStart && start > 0 && isAsciiAlnum(text.charAt(start - 1)))
                && !(asciiEnd && end < text.length() && isAsciiAlnum(text.charAt(end)));
    }

    private static boolean isAsciiAlnum(char ch) {
        return ch < 128 && Character.isLetterOrDigit(ch);
    }

    /**
     * The stretches one mention stands for, read from the text after it (tail):
     * a section of the registry, an 'X至Y' clause between nodes or places, an 'X段' place, or the whole
     * line. Empty when the mention is a facility or branch of the line, or names a stretch that the
     * registry cannot place.
     */
    private Optional<List<Stretch>> stretches(Mention m, String tail) {
        Line line = m.name().line();
        if (m.name().section() != null) {
            return Optional.of(List.of(section(line, m.name().section())));
        }
        // An alias that names a section itself ('温州市域铁路S3线一期工程' ends with the section 'S3线一期工程').
        for (Line.Section s : line.sections()) {
            for (String n : sectionNames(s)) {
                if (n.length() >= 2 && m.name().text().endsWith(n) && !m.name().text().equals(n)) {
                    return Optional.of(narrowedBy(List.of(section(line, s)), List.of()));
                }
            }
        }
        String masked = maskNodes(line, tail);
        // A stretch clause in brackets ('(姜山北枢纽至奉化西坞)') is read below, not as a facility.
        String outsideClauses = masked.replaceAll("[(][^()]*(至|—|－|～|~|到|-)[^()]*[)]", " ");
        if (PIECE.matcher(outsideClauses).find()) {
            return Optional.empty();
        }
        if (line.kind().equals("waterway") && !WATERWAY_WORK.matcher(m.name().text() + tail).find()) {
            return Optional.empty();
        }
        // 1. Sections of the registry named in the tail, longest first, without overlaps ('宁波二期' is
        // read as the section 宁波段二期: 段 is left out on both sides).
        List<Stretch> named = new ArrayList<>();
        boolean[] used = new boolean[tail.length()];
        boolean[] clause = new boolean[tail.length()];
        List<Map.Entry<String, Line.Section>> sectionNames = new ArrayList<>();
        for (Line.Section s : line.sections()) {
            for (String n : sectionNames(s)) {
                if (n.length() >= 2) {
                    sectionNames.add(Map.entry(n, s));
                }
                String bare = n.replace("段", "");
                if (bare.length() >= 3 && !bare.equals(n)) {
                    sectionNames.add(Map.entry(bare, s));
                }
            }
        }
        sectionNames.sort(Comparator.comparingInt((Map.Entry<String, Line.Section> e) -> e.getKey().length()).reversed());
        for (Map.Entry<String, Line.Section> e : sectionNames) {
            int at = tail.indexOf(e.getKey());
            if (at >= 0 && !anyUsed(used, at, at + e.getKey().length())) {
                java.util.Arrays.fill(used, at, at + e.getKey().length(), true);
                if (SECTION_CONNECTOR.matcher(e.getKey()).find()) {
                    // The places of 'X至Y段' are its ends, not a county the project is narrowed to.
                    java.util.Arrays.fill(clause, at, at + e.getKey().length(), true);
                }
                named.add(section(line, e.getValue()));
            }
        }
        List<Stretch> found = innermost(named);
        if (found.isEmpty()) {
            // 2. 'X至Y' between nodes or places of the line.
            List<Token> tokens = tokens(line, tail);
            Matcher connector = SECTION_CONNECTOR.matcher(tail);
            while (connector.find()) {
                Token before = null;
                Token after = null;
                for (Token t : tokens) {
                    if (t.end() <= connector.start()) {
                        before = t;
                    } else if (after == null && t.start() >= connector.end()) {
                        after = t;
                    }
                }
                if (before == null || after == null) {
                    continue;
                }
                // A place written right before a node qualifies it ('平湖平善大道', '至南湖嘉南公路'): the node is the end.
                Token qualifierBefore = null;
                for (Token t : tokens) {
                    if (!t.node() && t.end() == before.start()) {
                        qualifierBefore = t;
                    }
                    if (!after.node() && t.node() && t.start() == after.end()) {
                        after = t;
                        break;
                    }
                }
                int clauseStart = qualifierBefore == null ? before.start() : qualifierBefore.start();
                if (before.seqs().isEmpty() || after.seqs().isEmpty()) {
                    return Optional.empty();
                }
                // Of several nodes in one end's county, the stretch runs between the nearest ones.
                int from = before.node() ? before.seqs().get(0) : nearest(before.seqs(), after.seqs());
                int to = after.node() ? after.seqs().get(0) : nearest(after.seqs(), before.seqs());
                if (!before.node() && !after.node()) {
                    // Two places: from the first node in one to the last in the other.
                    List<Integer> all = new ArrayList<>(before.seqs());
                    all.addAll(after.seqs());
                    from = all.stream().min(Integer::compare).orElseThrow();
                    to = all.stream().max(Integer::compare).orElseThrow();
                }
                java.util.Arrays.fill(used, clauseStart, after.end(), true);
                java.util.Arrays.fill(clause, clauseStart, after.end(), true);
                found.add(new Stretch(line, Math.min(from, to), Math.max(from, to), tail.substring(clauseStart, after.end())));
            }
        }
        // 3. Places named outside the clauses ('宁波段', '(文成段)', '浙江段', '义乌境内') narrow the stretch, or
        // make it when nothing else did; a '…段' place the line has no node in is a stretch the registry cannot place.
        List<Place> scope = new ArrayList<>();
        for (Place p : placeReader.places(tail)) {
            if (p.codes().size() != 1 || p.town() || anyUsed(clause, p.start(), p.end())) {
                continue;
            }
            boolean stretchWord = tail.startsWith("段", p.end()) || tail.startsWith("境内", p.end())
                    || tail.matches("^.{" + p.end() + "}[区县市]段.*");
            if (seqsIn(line, p).isEmpty()) {
                if (stretchWord && !p.level().equals("province")) {
                    return Optional.empty();
                }
                continue;
            }
            scope.add(p);
            java.util.Arrays.fill(used, p.start(), p.end(), true);
        }
        // '(绍兴、台州段)': a place listed before a section's place is a stretch of its own.
        for (Place p : scope) {
            boolean listed = tail.startsWith("、", p.end());
            boolean covered = found.stream().anyMatch(st -> seqsIn(line, p).stream().anyMatch(q -> q >= st.fromSeq() && q <= st.toSeq()));
            if (listed && !covered && !found.isEmpty()) {
                List<Integer> seqs = seqsIn(line, p);
                found.add(new Stretch(line, seqs.get(0), seqs.get(seqs.size() - 1), p.text() + "段"));
            }
        }
        if (found.isEmpty() && !scope.isEmpty()) {
            found.add(new Stretch(line, line.nodes().get(0).seq(), line.nodes().get(line.nodes().size() - 1).seq(), ""));
        }
        if (found.isEmpty()) {
            if (unreadStretch(tail, used)) {
                return Optional.empty();
            }
            // 4. The whole line.
            found.add(new Stretch(line, line.nodes().get(0).seq(), line.nodes().get(line.nodes().size() - 1).seq(), ""));
        }
        return Optional.of(narrowedBy(found, scope));
    }

    /** A '…段' of the text that no section, clause or place explains ('西段' only says which half). */
    private static boolean unreadStretch(String tail, boolean[] used) {
        for (int i = tail.indexOf('段'); i >= 0; i = tail.indexOf('段', i + 1)) {
            boolean direction = i > 0 && "东西南北中".indexOf(tail.charAt(i - 1)) >= 0;
            if (!used[i] && !direction) {
                return true;
            }
        }
        return false;
    }

    /** Of sections named together, the ones inside another ('宁波段(奉化西坞至麻岙岭)') are the project. */
    private static List<Stretch> innermost(List<Stretch> named) {
        List<Stretch> out = new ArrayList<>();
        for (Stretch s : named) {
            boolean containsAnother = named.stream().anyMatch(o -> o != s && s.fromSeq() <= o.fromSeq() && o.toSeq() <= s.toSeq()
                    && (s.fromSeq() != o.fromSeq() || s.toSeq() != o.toSeq()));
            if (!containsAnother) {
                out.add(s);
            }
        }
        return out;
    }

    private static int nearest(List<Integer> from, List<Integer> to) {
        int best = from.get(0);
        int bestDistance = Integer.MAX_VALUE;
        for (int f : from) {
            for (int t : to) {
                if (Math.abs(f - t) < bestDistance) {
                    bestDistance = Math.abs(f - t);
                    best = f;
                }
            }
        }
        return best;
    }

    private static boolean anyUsed(boolean[] used, int from, int to) {
        for (int i = from; i < to; i++) {
            if (used[i]) {
                return true;
            }
        }
        return false;
    }

    private static Stretch section(Line line, Line.Section s) {
        int a = line.node(s.fromNode()).orElseThrow().seq();
        int b = line.node(s.toNode()).orElseThrow().seq();
        return new Stretch(line, Math.min(a, b), Math.max(a, b), s.name());
    }

    /** A node of the line or a place, where it stands in the text, and the line's node seqs it stands for. */
    private record Token(String text, int start, int end, List<Integer> seqs, boolean node) {
    }

    /** Node names of the line (the longest first) and places, in text order, without overlaps. */
    private List<Token> tokens(Line line, String text) {
        List<Token> out = new ArrayList<>();
        boolean[] used = new boolean[text.length()];
        List<Line.Node> byLength = line.nodes().stream()
                .sorted(Comparator.comparingInt((Line.Node n) -> n.name().length()).reversed()).toList();
        for (Line.Node n : byLength) {
            for (String form : nodeForms(n)) {
                int at = text.indexOf(form);
                while (at >= 0) {
                    if (!anyUsed(used, at, at + form.length())) {
                        java.util.Arrays.fill(used, at, at + form.length(), true);
                        out.add(new Token(form, at, at + form.length(), List.of(n.seq()), true));
                    }
                    at = text.indexOf(form, at + 1);
                }
            }
        }
        for (Place p : placeReader.places(text)) {
            if (p.codes().size() != 1 || anyUsed(used, p.start(), p.end())) {
                continue;
            }
            out.add(new Token(p.text(), p.start(), p.end(), seqsIn(line, p), false));
        }
        out.sort(Comparator.comparingInt(Token::start));
        return out;
    }

    /** '义乌' for the node 义乌, '温州北' and '温州北站' for 温州北, '宁海' for 宁海西互通 is not taken. */
    private static List<String> nodeForms(Line.Node n) {
        String name = n.name();
        List<String> out = new ArrayList<>();
        if (name.length() >= 2) {
            out.add(name);
        }
        for (String suffix : List.of("站", "枢纽", "互通", "隧道")) {
            if (name.endsWith(suffix) && name.length() - suffix.length() >= 2) {
                out.add(name.substring(0, name.length() - suffix.length()));
            }
        }
        return out;
    }

    /** The seqs of the line's nodes inside a place: a county, a city, the province, or a town's county. */
    private List<Integer> seqsIn(Line line, Place p) {
        String code = p.codes().get(0);
        return line.nodes().stream().filter(Line.Node::inProvince).filter(n -> switch (p.level()) {
            case "province" -> true;
            case "city" -> gazetteer.cityOf(n.countyCode()).map(code::equals).orElse(false);
            default -> n.countyCode().equals(code);
        }).map(Line.Node::seq).toList();
    }

    /** Stretches cut to their nodes inside the places the row narrows them to, when any of their nodes lies there. */
    private List<Stretch> narrowedBy(List<Stretch> stretches, List<Place> scope) {
        if (scope.isEmpty()) {
            return stretches;
        }
        List<Stretch> out = new ArrayList<>();
        for (Stretch s : stretches) {
            Set<Integer> inside = new java.util.TreeSet<>();
            for (Place p : scope) {
                seqsIn(s.line(), p).stream().filter(q -> q >= s.fromSeq() && q <= s.toSeq()).forEach(inside::add);
            }
            if (inside.isEmpty()) {
                out.add(s);
            } else {
                String how = s.how().isEmpty() ? String.join("、", scope.stream().map(Place::text).toList()) + "段" : s.how();
                out.add(new Stretch(s.line(), ((java.util.TreeSet<Integer>) inside).first(),
                        ((java.util.TreeSet<Integer>) inside).last(), how));
            }
        }
        return out;
    }

    /**
     * '宁波市城市轨道交通工程', '杭州地铁3号线、10号线': the lines it names in its city, else the city's
     * metro and tram network as the registry has it, with a review item.
     */
    private Optional<Reading> transitProgramme(String name, String content, List<String> locationCounties) {
        Matcher transit = TRANSIT.matcher(name);
        if (!transit.find()) {
            return Optional.empty();
        }
        String city = null;
        for (Place p : placeReader.places(name.substring(0, transit.start()))) {
            if (p.codes().size() == 1) {
                city = p.level().equals("city") ? p.codes().get(0) : gazetteer.cityOf(p.codes().get(0)).orElse(null);
                break;
            }
        }
        if (city == null) {
            return Optional.empty();
        }
        final String cityCode = city;
        List<Line> cityLines = registry.lines().stream().filter(l -> cityCode.equals(cityOfLine.get(l.id()))).toList();
        // The lines it names, in its name or else in its 建设内容 ('轨道交通2号线二期工程、轨道交通4号线…').
        List<Stretch> named = linesNamed(name, cityLines);
        if (named.isEmpty() && !LINE_LABEL.matcher(name).find()) {
            named = linesNamed(content, cityLines);
        }
        if (!named.isEmpty()) {
            return reading(named, locationCounties, Optional.empty());
        }
        boolean wantsRail = !name.contains("有轨电车");
        List<Stretch> network = cityLines.stream()
                .filter(l -> wantsRail ? NETWORK_KINDS.contains(l.kind()) || l.names().stream().anyMatch(n -> n.contains("轨道交通"))
                        : l.kind().equals("tram"))
                .map(l -> whole(l, "")).toList();
        // A network of suburban lines alone is not the city's metro: without a metro or tram line of the
        // city in the registry the programme stays at city level.
        if (network.stream().noneMatch(st -> NETWORK_KINDS.contains(st.line().kind()))) {
            return Optional.empty();
        }
        String cityName = gazetteer.division(cityCode).map(d -> d.name()).orElse(cityCode);
        return reading(network, locationCounties, Optional.of(new Placement.Review("line-network",
                "未写明线路：按线路登记中" + cityName + "的" + network.size() + "条轨道交通线路落位（"
                        + String.join("、", network.stream().map(s -> s.line().name()).toList()) + "）")));
    }

    private static List<Stretch> linesNamed(String text, List<Line> cityLines) {
        List<Stretch> out = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        Matcher label = LINE_LABEL.matcher(text);
        while (label.find()) {
            String l = label.group();
            cityLines.stream().filter(x -> x.names().stream().anyMatch(n -> labelled(n, l)))
                    .findFirst().filter(x -> seen.add(x.id())).ifPresent(x -> out.add(whole(x, "")));
        }
        return out;
    }

    /** '杭州地铁3号线' carries the label 3号线, '杭州地铁13号线' does not. */
    private static boolean labelled(String name, String label) {
        int at = name.endsWith(label) ? name.length() - label.length() : name.indexOf(label + "一期");
        return at >= 0 && (at == 0 || !Character.isLetterOrDigit(name.charAt(at - 1)) || name.charAt(at - 1) > 127);
    }

    private static Stretch whole(Line l, String how) {
        return new Stretch(l, l.nodes().get(0).seq(), l.nodes().get(l.nodes().size() - 1).seq(), how);
    }

    /** Counties of the stretches in order, each with the first node that puts it there; 建设地点 narrows. */
    private Optional<Reading> reading(List<Stretch> stretches, List<String> locationCounties, Optional<Placement.Review> review) {
        Map<String, String> evidence = new LinkedHashMap<>();
        for (Stretch s : stretches) {
            for (Line.Node n : s.line().nodes()) {
                if (n.inProvince() && n.seq() >= s.fromSeq() && n.seq() <= s.toSeq() && !evidence.containsKey(n.countyCode())) {
                    evidence.put(n.countyCode(), evidenceText(s, n));
                }
            }
        }
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        List<String> kept = locationCounties.stream().filter(evidence::containsKey).toList();
        List<Stretch> courses = stretches;
        // Only a 建设地点 that lies wholly on the line narrows it: one that names other counties (an old
        // name, another part of the row's work) says nothing about which part of the line is meant.
        if (!kept.isEmpty() && kept.size() == locationCounties.size() && kept.size() < evidence.size()) {
            // 建设地点 names some of the line's counties: the project is the line's part there.
            evidence.keySet().retainAll(kept);
            courses = stretches.stream().map(s -> cut(s, kept)).filter(java.util.Objects::nonNull).toList();
        }
        List<Placement.PlacedCounty> counties = evidence.entrySet().stream()
                .map(e -> new Placement.PlacedCounty(e.getKey(), "line", e.getValue())).toList();
        return Optional.of(new Reading(counties, courses, review));
    }

    private static Stretch cut(Stretch s, List<String> counties) {
        List<Integer> seqs = s.line().nodes().stream().filter(n -> n.seq() >= s.fromSeq() && n.seq() <= s.toSeq()
                && counties.contains(n.countyCode())).map(Line.Node::seq).toList();
        return seqs.isEmpty() ? null : new Stretch(s.line(), seqs.get(0), seqs.get(seqs.size() - 1), s.how());
    }

    private String evidenceText(Stretch s, Line.Node n) {
        Line.Source src = s.line().source();
        return "线路登记“" + s.line().name() + "”" + (s.how().isEmpty() ? "" : "（" + s.how() + "）") + "途经“" + n.name() + "”"
                + "（" + gazetteer.division(n.countyCode()).map(d -> d.name()).orElse(n.countyCode()) + "）；来源："
                + first(src.title()) + (first(src.publisher()).isEmpty() ? "" : "，" + first(src.publisher()))
                + (first(src.date()).isEmpty() ? "" : "，" + first(src.date()));
    }

    /** The first of a ' ; '-separated list of sources. */
    private static String first(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf(';');
        return (i < 0 ? s : s.substring(0, i)).trim();
    }

    /** Blanks the line's node names out of a text, so a node called '…枢纽' is not read as a facility. */
    private static String maskNodes(Line line, String text) {
        String out = text;
        for (Line.Node n : line.nodes()) {
            if (n.name().length() >= 2 && out.contains(n.name())) {
                out = out.replace(n.name(), " ".repeat(n.name().length()));
            }
        }
        return out;
    }
}
