package atlas.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An import's progress: one line rewritten in place on a terminal, nothing at all in a pipe or a log. */
class ImportProgressTest {
    private static String run(boolean terminal) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImportProgress p = new ImportProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), terminal);
        p.file("大湾区2024.csv");
        p.importer("295 rows parsed");
        p.importer("1000 rows, 24000 rows/s");
        p.placed(295, 812);
        p.linked(new atlas.identity.IdentityStore.Figures(681, BigDecimal.TEN, 390, BigDecimal.ONE, 320, 2));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalSeesEveryStageOnOneLine() {
        String shown = run(true);
        for (String stage : new String[]{"295 rows parsed", "stored 1000 rows", "placed 295 entries", "linked 681 entries into 390 projects"}) {
            assertTrue(shown.contains(stage), stage + " in " + shown);
        }
        assertEquals(1, shown.chars().filter(ch -> ch == '\n').count(), "one line, rewritten in place, ended once");
    }

    @Test
    void aPipeSeesNothing() {
        assertEquals("", run(false));
    }
}
