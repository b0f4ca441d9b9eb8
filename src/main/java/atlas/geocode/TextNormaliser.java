package atlas.geocode;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Puts a text into the form the gazetteer is written in before the geocoder reads it: traditional
 * characters become simplified ones (OpenCC's tables through opencc4j), full-width letters, digits and
 * punctuation become half-width ones, and pinyin glosses that mirrored pages add after a character
 * ('區(qū)') are dropped. Only the geocoder reads the result: the stored and shown text stays as it came.
 */
final class TextNormaliser {
    /** OpenCC's list of traditional characters (one line, bundled with opencc4j). */
    private static final String TRADITIONAL_LIST = "/data/dictionary/tc.txt";
    /** Its simplified counterparts: a character on both lists is not evidence of traditional text. */
    private static final String SIMPLIFIED_LIST = "/data/dictionary/sc.txt";
    private static final String TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
    /** '(qū)', '(chǎng)': lower-case pinyin with at least one tone mark, nothing else, in brackets. */
    private static final Pattern PINYIN_GLOSS = Pattern.compile(
            "\\((?=[a-zü" + TONED + "]*[" + TONED + "])[a-zü" + TONED + "]{1,7}\\)");

    /** Characters that mark a text as traditional: OpenCC's traditional list less what simplified text also uses. */
    private final BitSet traditional;

    /**
     * names: the gazetteer's names. A character they use (於 of 於潜, 乾 of 乾潭) is simplified usage
     * here, so a text is never converted for holding it.
     */
    TextNormaliser(Collection<String> names) {
        this.traditional = traditionalOnly(names);
    }

    String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        boolean convert = false;
        boolean wide = false;
        boolean toned = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x3000) {
                toned |= c >= '\u00E0' && c <= '\u01DC' && TONED.indexOf(c) >= 0;
                continue;
            }
            convert |= traditional.get(c);
            wide |= c == '\u3000' || c >= '\uFF01' && c <= '\uFF5E';
        }
        String out = text;
        if (convert) {
            out = simplified(out);
        }
        if (wide) {
            out = halfWidth(out);
        }
        if (toned && out.indexOf('(') >= 0) {
            out = PINYIN_GLOSS.matcher(out).replaceAll("");
        }
        return out;
    }

    /**
     * opencc4j loads its tables on first use; geocoders run on several threads, and traditional text is
     * rare, so conversions take turns rather than risk two threads loading the tables at once.
     */
    private static synchronized String simplified(String text) {
        return ZhConverterUtil.toSimple(text);
    }

    /**
     * Full-width forms to half-width ones, except the dash and tilde the route reader reads as
     * connectors ('X－Y', 'X～Y'); the ideographic space becomes a space.
     */
    private static String halfWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u3000') {
                b.append(' ');
            } else if (c >= '\uFF01' && c <= '\uFF5E' && c != '－' && c != '～') {
                b.append((char) (c - 0xFEE0));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static BitSet traditionalOnly(Collection<String> names) {
        BitSet set = chars(TRADITIONAL_LIST);
        set.andNot(chars(SIMPLIFIED_LIST));
        for (String name : names) {
            for (int i = 0; i < name.length(); i++) {
                set.clear(name.charAt(i));
            }
        }
        if (set.cardinality() < 1000) {
            throw new IllegalStateException("OpenCC's list of traditional characters " + TRADITIONAL_LIST
                    + " holds only " + set.cardinality() + " characters: is the opencc4j jar complete?");
        }
        return set;
    }

    private static BitSet chars(String resource) {
        try (InputStream in = ZhConverterUtil.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("opencc4j's " + resource + " is not on the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            BitSet set = new BitSet(0x10000);
            text.chars().filter(c -> c >= 0x3400 && !Character.isWhitespace(c)).forEach(set::set);
            return set;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read opencc4j's " + resource, e);
        }
    }
}
