package atlas.geocode;

import atlas.gazetteer.Candidate;
import atlas.gazetteer.Gazetteer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the places written in a piece of text (建设地点, a name, 责任单位) with the gazetteer. */
final class PlaceReader {
    /** Connectors that make 'X至Y' or 'X—Y' a route. */
    static final Pattern ROUTE_CONNECTOR = Pattern.compile("至|—|－|～|~|到");
    /**
     * Two-character short forms of towns and streets that are also ordinary words in project names;
     * in free text they are read as words, never as places.
     */
    private static final Set<String> GENERIC_WORDS = Set.of(
            "城东", "城中", "城北", "城南", "城西", "城厢", "建设", "新城", "新建", "东方", "花园", "江南", "太湖",
            "运河", "滨海", "湖滨", "文教", "解放", "长安", "太平", "和平", "东城", "西城", "南城", "北城", "新兴",
            "中心", "新区", "东湖", "南湖", "西湖", "北山", "南山", "东山", "大同", "大地", "大街", "大门", "天河",
            "永和", "海洋", "红星", "联城", "惠民", "新街", "新河", "新桥", "新安", "新丰", "前进", "沿江", "江口",
            "海滨", "湖东", "湖南", "浦口", "白云", "凤凰", "紫金", "星海", "外滩", "元和", "大洋", "大安", "大唐",
            "东港", "东渡", "东胜", "前江", "南门", "西门", "大关", "东关", "西关", "平和", "和睦", "春江", "长河",
            "海城", "中洲", "南苑", "北苑", "花街", "花桥", "高新", "未来", "文昌", "朝阳", "阳明", "长乐", "永兴",
            "永丰", "永昌", "新塘", "新市", "新明", "新华", "海门", "清江", "金川", "龙山", "龙门", "石门",
            "双桥", "白马", "白石", "明楼", "环山", "园区", "江东", "东华", "杨林", "城市",
            // River names that are also street short forms (甬江街道 of 江北区).
            "甬江");
    private final Gazetteer gazetteer;
    /** Keywords of multi-county plan areas, longest first, that are not themselves a one-county place. */
    private final List<String> maskedKeywords;

    PlaceReader(Gazetteer gazetteer, List<PlanAreaKeywords> areas) {
        this.gazetteer = gazetteer;
        this.maskedKeywords = areas.stream().filter(a -> a.members().size() != 1)
                .flatMap(a -> a.keywords().stream()).filter(k -> k.length() >= 3 && !isOneCountyPlace(k))
                .distinct().sorted(java.util.Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** 紫金港 is a keyword of 城西科创大走廊 but also a site in 西湖区: the site must stay readable. */
    private boolean isOneCountyPlace(String keyword) {
        List<Gazetteer.Mention> ms = gazetteer.mentions(keyword);
        return ms.size() == 1 && ms.get(0).text().equals(keyword)
                && ms.get(0).candidates().stream().map(Candidate::code).distinct().count() == 1
                && ms.get(0).candidates().get(0).level().equals("county");
    }

    List<Place> places(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String masked = maskAreaKeywords(text);
        List<Place> out = new ArrayList<>();
        for (Gazetteer.Mention m : gazetteer.mentions(masked)) {
            List<Candidate> cands = m.candidates();
            if (cands.isEmpty()) {
                continue;
            }
            boolean shortTown = cands.stream().allMatch(c -> c.aliasKind() != null
                    && (c.aliasKind().equals("town") || c.aliasKind().equals("street"))) && m.text().length() <= 2;
            if (shortTown && GENERIC_WORDS.contains(m.text())) {
                continue;
            }
            List<String> codes = cands.stream().map(Candidate::code).distinct().toList();
            boolean historical = cands.stream().allMatch(c -> "old".equals(c.aliasKind()));
            boolean town = cands.stream().allMatch(c -> c.aliasKind() != null
                    && (c.aliasKind().equals("town") || c.aliasKind().equals("street")));
            out.add(new Place(m.text(), m.start(), cands.get(0).level(), codes, historical, town));
        }
        // A city written right before one of its counties only qualifies it (杭州市余杭区 -> 余杭区).
        List<Place> kept = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Place pl = out.get(i);
            Place next = i + 1 < out.size() ? out.get(i + 1) : null;
            boolean qualifier = pl.level().equals("city") && pl.codes().size() == 1 && next != null
                    && next.start() - pl.end() <= 1 && next.codes().size() == 1
                    && !ROUTE_CONNECTOR.matcher(text.substring(pl.end(), next.start())).find()
                    && gazetteer.cityOf(next.codes().get(0)).map(pl.codes().get(0)::equals).orElse(false);
            if (!qualifier) {
                kept.add(pl);
            }
        }
        return kept;
    }

    /** Multi-county plan-area names (城西科创大走廊) would read as towns (城西): blank them out first. */
    private String maskAreaKeywords(String text) {
        String out = text;
        for (String k : maskedKeywords) {
            if (out.contains(k)) {
                out = out.replace(k, "\u3000".repeat(k.length()));
            }
        }
        return out;
    }

    static boolean isGenericWord(String word) {
        return GENERIC_WORDS.contains(word);
    }

    static List<String> countiesOf(List<Place> places) {
        return places.stream().filter(Place::isCounty).map(p -> p.codes().get(0)).distinct().toList();
    }
}
