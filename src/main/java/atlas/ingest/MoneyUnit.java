package atlas.ingest;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The unit a list prints its amounts in; every amount is stored in 亿元. */
public enum MoneyUnit {
    YI("亿元", 0),
    WAN("万元", 4),
    YUAN("元", 8);

    private final String label;
    private final int powerBelowYi;

    MoneyUnit(String label, int powerBelowYi) {
        this.label = label;
        this.powerBelowYi = powerBelowYi;
    }

    /** 亿元, 万元 or 元. */
    public String label() {
        return label;
    }

    /** The amount in 亿元. */
    BigDecimal toYi(BigDecimal amount) {
        return powerBelowYi == 0 ? amount : amount.movePointLeft(powerBelowYi).stripTrailingZeros();
    }

    /** A caption such as 单位：万元, （金额单位：亿元）, 单位:元 (spaces and full-width folded). */
    private static final Pattern CAPTION = Pattern.compile("(?:计量|金额|投资|资金)?单位[:：]?(亿元|万元|元)");

    /** The unit a caption line declares, if any. */
    static Optional<MoneyUnit> inCaption(String text) {
        Matcher m = CAPTION.matcher(ColumnMap.normalise(text));
        return m.find() ? parse(m.group(1)) : Optional.empty();
    }

    /** The unit a header names: 总投资(万元), 投资（亿元）/总投资, 金额(元). */
    static Optional<MoneyUnit> inHeader(String header) {
        String h = ColumnMap.normalise(header);
        if (h.contains("万元")) {
            return Optional.of(WAN);
        }
        if (h.contains("亿元") || h.contains("(亿)")) {
            return Optional.of(YI);
        }
        if (h.contains("(元)") || h.endsWith("元)")) {
            return Optional.of(YUAN);
        }
        return Optional.empty();
    }

    /** A cell of a unit column: exactly 亿元 / 万元 / 元 (also 亿 / 万). */
    static Optional<MoneyUnit> parse(String cell) {
        return switch (ColumnMap.normalise(cell)) {
            case "亿元", "亿" -> Optional.of(YI);
            case "万元", "万" -> Optional.of(WAN);
            case "元" -> Optional.of(YUAN);
            default -> Optional.empty();
        };
    }
}
