package atlas.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a document says it is: its title, issuing body (发文机关), 文号 and date. Read from the head of an
 * official text document (the part before its first table) where it states them, or given at import;
 * any part may be unknown (null). The file name stays beside it as provenance.
 *
 * @param title  e.g. 浙江省大都市区建设2021年工作要点
 * @param issuer e.g. 浙江省推进“四大建设”工作联席会议办公室
 * @param number 文号, e.g. 浙四大建设办〔2021〕6号
 * @param date   date of issue (成文日期)
 */
public record DocumentTitle(String title, String issuer, String number, LocalDate date) {
    public static final DocumentTitle NONE = new DocumentTitle(null, null, null, null);

    /** Lines read before giving up: a notice's head is its first page. */
    private static final int HEAD_LINES = 80;
    // 浙四大建设办〔2021〕6号, 浙政发[2021]10号, 浙发改规划（2021）3号
    private static final Pattern NUMBER = Pattern.compile(
            "([\\p{IsHan}A-Za-z]{2,20})\\s*[〔\\[［(（]\\s*(\\d{4})\\s*[〕\\]］)）]\\s*(\\d{1,4})\\s*号");
    private static final Pattern DATE = Pattern.compile("^(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日$");
    // 关于印发《X》的通知 / 关于印发X的通知 / 现将《X》印发 / 《X》已经…审议通过，现印发
    private static final Pattern ISSUING = Pattern.compile("关于印发《?(.+?)》?的通知");
    private static final Pattern NAMED = Pattern.compile("《([^》]{4,80})》[^。]{0,40}印发");
    private static final Pattern HEADER = Pattern.compile("^(.{4,40}?)\\s*文件$");
    private static final Pattern ATTACHMENT = Pattern.compile("^(附件|附表|附)\\s*\\d*\\s*[：:]?$");

    public DocumentTitle {
        title = clean(title);
        issuer = clean(issuer);
        number = clean(number);
    }

    /** Names of the parts as given at import (CLI options --title …, API form fields). */
    public static final List<String> FIELDS = List.of("title", "issuer", "number", "date");

    /**
     * The parts given at import, looked up by name (title, issuer, number, date); a date that is not one
     * throws IllegalArgumentException naming it.
     */
    public static DocumentTitle given(Function<String, Optional<String>> field) {
        return new DocumentTitle(field.apply("title").orElse(null), field.apply("issuer").orElse(null),
                field.apply("number").orElse(null), parseDate(field.apply("date").orElse(null)).orElse(null));
    }

    public boolean isEmpty() {
        return title == null && issuer == null && number == null && date == null;
    }

    /** Parts given at import win over the parts read from the document. */
    public DocumentTitle overriddenBy(DocumentTitle given) {
        return new DocumentTitle(
                given.title != null ? given.title : title,
                given.issuer != null ? given.issuer : issuer,
                given.number != null ? given.number : number,
                given.date != null ? given.date : date);
    }

    /**
     * Reads the head of a text document. Its title is the document the notice issues (the 《…》 it names or
     * the X of 关于印发X的通知), else its first line of text that is not a header, number or attachment mark.
     */
    public static DocumentTitle read(List<String> lines) {
        List<String> head = lines.stream().takeWhile(l -> !l.contains("\t")) // a table row ends the head
                .map(DocumentTitle::squash).filter(l -> !l.isEmpty()).limit(HEAD_LINES).toList();
        String issuer = null;
        String number = null;
        LocalDate date = null;
        String issued = null;
        String named = null;
        String firstLine = null;
        for (int i = 0; i < head.size(); i++) {
            String line = head.get(i);
            Matcher m;
            if (issuer == null && (m = HEADER.matcher(line)).matches()) {
                issuer = m.group(1);
                continue;
            }
            if (number == null && (m = NUMBER.matcher(line)).find() && line.length() <= 40) {
                number = m.group(1) + "〔" + m.group(2) + "〕" + m.group(3) + "号";
                continue;
            }
            if (date == null && (m = DATE.matcher(line)).matches()) {
                date = date(m);
                continue;
            }
            if (issued == null && (m = ISSUING.matcher(line.replace(" ", ""))).find()) {
                issued = m.group(1);
                continue;
            }
            if (named == null && (m = NAMED.matcher(line)).find()) {
                named = m.group(1);
            }
            if (firstLine == null && !ATTACHMENT.matcher(line).matches() && line.length() <= 80
                    && !line.endsWith("：") && !line.endsWith(":")) {
                firstLine = line;
            }
        }
        String title = named != null ? named : issued != null ? issued : firstLine;
        return new DocumentTitle(title, issuer, number, date);
    }

    /** An ISO date (2021-04-02) or a date as documents print it (2021年4月2日); empty when blank. */
    public static Optional<LocalDate> parseDate(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        Matcher m = DATE.matcher(t);
        if (m.matches()) {
            return Optional.ofNullable(date(m));
        }
        try {
            return Optional.of(LocalDate.parse(t));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("date '" + text + "' is not a date such as 2021-04-02 or 2021年4月2日");
        }
    }

    private static LocalDate date(Matcher m) {
        try {
            return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Spaces the text export puts inside a title (2021 年 工作要点) are not part of it. */
    private static String squash(String line) {
        String t = line.replace('\u00a0', ' ').strip();
        return t.replaceAll("(?<=[\\p{IsHan}“”])\\s+|\\s+(?=[\\p{IsHan}“”])", "");
    }

    private static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }
}
