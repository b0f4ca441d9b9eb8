package atlas.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Link precision and recall against a hand-labelled pair set (bench/identity-pairs.csv): a labelled
 * pair is found when the stored links join its two entries; a stored link is right when its pair is
 * labelled. Taken links (linked, confirmed) and taken + review links are scored apart.
 */
public final class LinkEvaluation {
    public record Score(int labelled, int predicted, int truePositives, int relationRight, double precision, double recall,
                        List<String> missed, List<String> wrong) {
        public double f1() {
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
    }

    public record Result(Score taken, Score withReview) {
    }

    private record Labelled(String a, String b, String relation) {
    }

    public static Result evaluate(Connection c, Path pairs) throws IOException, SQLException {
        Map<String, String> keys = new HashMap<>();   // "000|61" -> project_key
        Map<String, String> names = new HashMap<>();  // project_key -> "000 序号61 name"
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT substr(d.file_name, 1, 3), p.seq, p.project_key, p.name FROM project p JOIN source_document d ON d.id = p.document_id")) {
            while (rs.next()) {
                keys.put(rs.getString(1) + "|" + rs.getString(2), rs.getString(3));
                names.put(rs.getString(3), rs.getString(1) + " 序号" + rs.getString(2) + " " + rs.getString(4));
            }
        }
        List<Labelled> labelled = new ArrayList<>();
        int line = 0;
        for (String row : Files.readAllLines(pairs, StandardCharsets.UTF_8)) {
            line++;
            if (row.isBlank() || row.startsWith("#") || row.startsWith("list_a,")) {
                continue;
            }
            String[] f = row.split(",", -1);
            if (f.length < 8) {
                throw new IllegalArgumentException(pairs + " line " + line + ": expected 8 fields, got " + f.length);
            }
            String a = keys.get(f[0] + "|" + f[1]);
            String b = keys.get(f[3] + "|" + f[4]);
            if (a == null || b == null) {
                throw new IllegalArgumentException(pairs + " line " + line + ": no entry " + (a == null ? f[0] + " 序号" + f[1] : f[3] + " 序号" + f[4]));
            }
            labelled.add(new Labelled(a, b, f[6]));
        }
        Map<String, String> taken = new HashMap<>();
        Map<String, String> review = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT entry_a, entry_b, relation, status FROM project_link WHERE status <> 'rejected'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String pair = IdentityStore.pair(rs.getString(1), rs.getString(2));
                (rs.getString(4).equals("review") ? review : taken).put(pair, rs.getString(3));
            }
        }
        Map<String, String> all = new HashMap<>(taken);
        all.putAll(review);
        return new Result(score(labelled, taken, names), score(labelled, all, names));
    }

    private static Score score(List<Labelled> labelled, Map<String, String> predicted, Map<String, String> names) {
        Set<String> truth = new HashSet<>();
        int tp = 0;
        int relationRight = 0;
        List<String> missed = new ArrayList<>();
        for (Labelled l : labelled) {
            String pair = IdentityStore.pair(l.a(), l.b());
            truth.add(pair);
            String found = predicted.get(pair);
            if (found != null) {
                tp++;
                relationRight += found.equals(l.relation()) ? 1 : 0;
            } else {
                missed.add(names.get(l.a()) + " ↔ " + names.get(l.b()) + " (" + l.relation() + ")");
            }
        }
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> p : predicted.entrySet()) {
            if (!truth.contains(p.getKey())) {
                String[] k = p.getKey().split("\n");
                wrong.add(names.get(k[0]) + " ↔ " + names.get(k[1]) + " (" + p.getValue() + ")");
            }
        }
        int n = predicted.size();
        return new Score(labelled.size(), n, tp, relationRight, n == 0 ? 0 : (double) (n - wrong.size()) / n,
                labelled.isEmpty() ? 0 : (double) tp / labelled.size(), missed, wrong);
    }
}
