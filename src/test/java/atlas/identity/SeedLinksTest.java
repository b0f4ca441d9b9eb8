package atlas.identity;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled lists linked into projects, measured against the hand-labelled pairs in bench/. */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedLinksTest {
    private Database db;

    @BeforeAll
    void start(Database db) {
        this.db = db;
    }

    @Test
    void linksScoreOnTheLabelledPairs() throws Exception {
        try (Connection c = db.connection()) {
            LinkEvaluation.Result r = LinkEvaluation.evaluate(c, Path.of(System.getProperty("atlas.home", "."), "bench", "identity-pairs.csv"));
            for (LinkEvaluation.Score s : java.util.List.of(r.taken(), r.withReview())) {
                System.out.printf("labelled %d predicted %d tp %d relation right %d precision %.3f recall %.3f%n",
                        s.labelled(), s.predicted(), s.truePositives(), s.relationRight(), s.precision(), s.recall());
                s.missed().forEach(m -> System.out.println("  missed " + m));
                s.wrong().forEach(m -> System.out.println("  wrong  " + m));
            }
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                    "SELECT a.name, b.name, l.relation, l.score, l.status, l.evidence FROM project_link l JOIN project a ON a.project_key = l.entry_a JOIN project b ON b.project_key = l.entry_b ORDER BY l.score DESC")) {
                while (rs.next()) {
                    System.out.println("LINK " + rs.getString(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " " + rs.getString(4) + " " + rs.getString(5) + " | " + rs.getString(6));
                }
            }
            assertTrue(r.taken().precision() >= 0.0);
        }
    }
}
