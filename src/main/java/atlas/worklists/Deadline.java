package atlas.worklists;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 完成时限 as printed and the date it means. A month ('12月', '2021年12月', '9 月底报送省政府') is the
 * month's last day; a year without a month ('全年', '年底', '全年持续推进') is the year's last day; a
 * quarter or half year its last day. The document's year fills a missing year. When a cell names
 * several months the latest one is the deadline.
 *
 * @param text the cell as printed ("" when empty)
 * @param date the deadline, empty when the cell holds none that can be read
 */
public record Deadline(String text, Optional<LocalDate> date) {
    private static final Pattern MONTH = Pattern.compile("(?:((?:19|20)\\d{2})\\s*年\\s*)?(\\d{1,2})\\s*月(上旬|中旬)?");
    private static final Pattern YEAR_MONTH_DASH = Pattern.compile("((?:19|20)\\d{2})[-./](\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(?:((?:19|20)\\d{2})\\s*年\\s*)?(一|二|三|四|1|2|3|4|第一|第二|第三|第四)季度");
    private static final Pattern HALF = Pattern.compile("(?:((?:19|20)\\d{2})\\s*年\\s*)?(上半年|下半年)");
    private static final Pattern WHOLE_YEAR = Pattern.compile("(?:((?:19|20)\\d{2})\\s*年\\s*)?(全年|年底|年内|年末)|((?:19|20)\\d{2})\\s*年(?!\\s*\\d)");

    /** Reads a cell; documentYear (0 if unknown) fills a missing year. */
    public static Deadline parse(String cell, int documentYear) {
        String text = cell == null ? "" : cell.strip();
        String c = Normalizer.normalize(text, Normalizer.Form.NFKC);
        LocalDate best = null;
        Matcher m = MONTH.matcher(c);
        while (m.find()) {
            int month = Integer.parseInt(m.group(2));
            int year = m.group(1) != null ? Integer.parseInt(m.group(1)) : documentYear;
            if (month < 1 || month > 12 || year == 0) {
                continue;
            }
            LocalDate d = m.group(3) == null ? YearMonth.of(year, month).atEndOfMonth()
                    : LocalDate.of(year, month, m.group(3).equals("上旬") ? 10 : 20);
            best = later(best, d);
        }
        m = YEAR_MONTH_DASH.matcher(c);
        while (best == null && m.find()) {
            int month = Integer.parseInt(m.group(2));
            if (month >= 1 && month <= 12) {
                best = later(best, YearMonth.of(Integer.parseInt(m.group(1)), month).atEndOfMonth());
            }
        }
        if (best == null) {
            m = QUARTER.matcher(c);
            while (m.find()) {
                int year = m.group(1) != null ? Integer.parseInt(m.group(1)) : documentYear;
                int q = switch (m.group(2).replace("第", "")) {
                    case "一", "1" -> 1;
                    case "二", "2" -> 2;
                    case "三", "3" -> 3;
                    default -> 4;
                };
                if (year > 0) {
                    best = later(best, YearMonth.of(year, q * 3).atEndOfMonth());
                }
            }
        }
        if (best == null) {
            m = HALF.matcher(c);
            while (m.find()) {
                int year = m.group(1) != null ? Integer.parseInt(m.group(1)) : documentYear;
                if (year > 0) {
                    best = later(best, YearMonth.of(year, m.group(2).equals("上半年") ? 6 : 12).atEndOfMonth());
                }
            }
        }
        if (best == null) {
            m = WHOLE_YEAR.matcher(c);
            while (m.find()) {
                String y = m.group(1) != null ? m.group(1) : m.group(3);
                int year = y != null ? Integer.parseInt(y) : documentYear;
                if (year > 0) {
                    best = later(best, LocalDate.of(year, 12, 31));
                }
            }
        }
        return new Deadline(text, Optional.ofNullable(best));
    }

    /** True when the cell reads as a deadline (used to find a deadline cell pushed right by an extra cell). */
    public static boolean looksLike(String cell) {
        String c = Normalizer.normalize(cell, Normalizer.Form.NFKC).strip();
        return c.length() <= 20 && parse(c, 2000).date().isPresent() || c.matches("持续推进.{0,4}|长期.{0,4}");
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
