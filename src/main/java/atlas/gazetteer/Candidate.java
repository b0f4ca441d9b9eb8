package atlas.gazetteer;

/**
 * One answer of a name lookup. match: exact (the division's own name), alias (another way of
 * writing it: short, old, town, street, zone), historical (a retired division's name, mapped to
 * today's) or ambiguous (the same text names several divisions).
 */
public record Candidate(String code, String name, String level, String match, String aliasKind, String matchedText) {
}
