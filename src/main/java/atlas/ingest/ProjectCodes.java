package atlas.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 项目代码 (national investment project codes), e.g. 2205-330200-04-01-2773xx (since 2017: yymm-division-
 * industry-type-serial) or 2016-330900-48-01-026328-001 (older, with a suffix). The second group is the
 * 6-digit division code of the approving authority (330000 = province).
 */
public final class ProjectCodes {
    /** Lenient: 3-4 digit first group (typos like 209-...), letters in the type group (Y1), optional suffix. */
    private static final Pattern CODE = Pattern.compile(
            "(?<![0-9A-Za-z])\\d{3,4}-\\d{6}-\\d{2}-[0-9A-Z]{1,2}-\\d{4,6}(?:-\\d{1,3})?(?![0-9])");
    /** The usual shape; codes outside it get a warning. */
    private static final Pattern STRICT = Pattern.compile("\\d{4}-\\d{6}-\\d{2}-[0-9A-Z]{2}-\\d{6}(-\\d{3})?");
    private static final Pattern DASH = Pattern.compile("\\s*[-－—–‐]\\s*");

    private ProjectCodes() {
    }

    /** All codes in a cell, in order ('一期: 2016-...-002; 二期 2016-...-001' gives both); spaces around dashes are dropped. */
    public static List<String> find(String cell) {
        String text = DASH.matcher(cell).replaceAll("-");
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(text);
        while (m.find()) {
            codes.add(m.group());
        }
        return codes;
    }

    /** True when the code has the usual shape (4-digit first group, 2-char type group, 6-digit serial). */
    public static boolean isWellFormed(String code) {
        return STRICT.matcher(code).matches();
    }

    /** The 6-digit division code (second group), e.g. 330110 for 2019-330110-48-01-007745-000. */
    public static Optional<String> divisionCode(String code) {
        String[] parts = code.split("-");
        return parts.length >= 2 && parts[1].matches("\\d{6}") ? Optional.of(parts[1]) : Optional.empty();
    }
}
