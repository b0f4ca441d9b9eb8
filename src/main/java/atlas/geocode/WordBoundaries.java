package atlas.geocode;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import java.util.List;

/**
 * Whether a town's short name found in a text stands as a word there, by HanLP's segmentation: 太阳
 * inside 太阳能 or 水口 inside 取水口 is part of a common noun, not the town. Only a longer word of
 * HanLP's plain noun class ('n') counts against a name; place, person and organisation words do not.
 * One instance per geocoder (HanLP's segmenter keeps no state between calls; the cache here does).
 */
final class WordBoundaries {
    private final Segment segment = HanLP.newSegment().enablePlaceRecognize(true).enableOffset(true);
    private String segmented;
    private List<Term> terms;

    boolean standsAlone(String text, int start, int end) {
        if (!text.equals(segmented)) {
            terms = segment.seg(text);
            segmented = text;
        }
        for (Term t : terms) {
            int from = t.offset;
            int to = t.offset + t.word.length();
            if (from <= start && to >= end && to - from > end - start) {
                return !"n".equals(String.valueOf(t.nature));
            }
            if (from >= end) {
                break;
            }
        }
        return true;
    }
}
