package atlas.identity;

/**
 * What the scorer says of two entries.
 *
 * @param relation same, part or related
 * @param partOf   for 'part': the key of the whole, else null
 * @param score    0..1
 * @param method   code or score
 * @param evidence the reasons, in Chinese
 */
public record Judgement(String relation, String partOf, double score, String method, String evidence) {
}
