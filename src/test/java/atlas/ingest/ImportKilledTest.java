package atlas.ingest;

import atlas.db.Database;
import atlas.testing.PostgisExtension;
import atlas.testing.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static atlas.ingest.ImportStoreTest.count;
import static atlas.ingest.ImportStoreTest.fingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `./atlas import` killed with SIGKILL in the middle of a long document: PostgreSQL rolls the open transaction
 * back, so nothing of that document stays, and the next import works.
 */
@ExtendWith(PostgisExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportKilledTest {
    private static final int BIG_ROWS = 50_000;

    @TempDir
    Path dir;

    private static String jdbcUrl(Database db) {
        return ((HikariDataSource) db.dataSource()).getJdbcUrl();
    }

    /** `atlas.cli.Main import FILE` in a JVM of its own (the test run's classpath) against the test database. */
    private static Process cli(Database db, Path file) throws Exception {
        Path home = TestDatabases.home();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "atlas.cli.Main", "import", file.toString());
        pb.directory(home.toFile());
        pb.environment().put("DATABASE_URL", jdbcUrl(db));
        pb.environment().remove("ATLAS_ADMIN_TOKEN");
        return pb.start();
    }

    private static List<String> drain(java.io.InputStream in) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process died: that is the point
            }
        });
        t.setDaemon(true);
        t.start();
        return lines;
    }

    private Path bigCsv() throws Exception {
        Path file = dir.resolve("big-list.csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("浙江省中断测试清单\n序号,项目名称,建设地点,项目起止年限,总投资（亿元）,责任单位\n");
            for (int i = 1; i <= BIG_ROWS; i++) {
                w.write(i + ",中断测试项目" + i + ",杭州市萧山区,2021-2023," + (i % 97) + ".5,萧山区政府\n");
            }
        }
        return file;
    }

    private static boolean importRunning(Connection c) throws Exception {
        return count(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND granted") > 0;
    }

    @Test
    void importKilledHalfWayLeavesTheDatabaseAsItWasAndTheNextImportWorks(Database db) throws Exception {
        Path big = bigCsv();
        try (Connection c = db.connection()) {
            String before = fingerprint(c);
            long projects = count(c, "SELECT count(*) FROM project");
            long started = System.nanoTime();
            Process p = cli(db, big);
            List<String> err = drain(p.getErrorStream());
            List<String> out = drain(p.getInputStream());
            // Wait until rows are being written: the import lock held by its transaction (the progress
            // line shows only on a terminal).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && p.isAlive() && !importRunning(c)) {
                Thread.sleep(50);
            }
            assertTrue(p.isAlive(), "the import ended before it could be killed: " + out + err);
            assertTrue(importRunning(c), "the import never got to writing rows: " + out + err);
            long sinceStart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            if (sinceStart < 1500) {
                Thread.sleep(1500 - sinceStart);
            }
            String progress = err.stream().filter(l -> l.contains("rows/s")).reduce((a, b) -> b).orElse("");
            p.destroyForcibly();   // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            System.out.println("killed the import after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)
                    + " ms, last progress: " + progress.strip());
            // The server notices the dead client and rolls its transaction back.
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (importRunning(c) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(0, count(c, "SELECT count(*) FROM source_document WHERE file_name = 'big-list.csv'"));
            assertEquals(0, count(c, "SELECT count(*) FROM project WHERE list_title = '浙江省中断测试清单'"));
            assertEquals(projects, count(c, "SELECT count(*) FROM project"));
            assertEquals(before, fingerprint(c), "the killed import left something behind");

            // The next import (a small file) works, and the big one can be retried from scratch.
            Path small = dir.resolve("small-list.csv");
            Files.writeString(small, "浙江省中断后清单\n序号,项目名称,建设地点,总投资（亿元）\n1,中断后项目甲,湖州市吴兴区,2\n2,中断后项目乙,湖州市吴兴区,3\n");
            Process q = cli(db, small);
            List<String> qOut = drain(q.getInputStream());
            List<String> qErr = drain(q.getErrorStream());
            assertTrue(q.waitFor(120, TimeUnit.SECONDS), "the next import hangs");
            Thread.sleep(200);
            assertEquals(0, q.exitValue(), "next import: " + qOut + qErr);
            assertEquals(2, count(c, "SELECT count(*) FROM project WHERE list_title = '浙江省中断后清单' AND geocoded_at IS NOT NULL"));
            assertEquals(1, count(c, "SELECT count(*) FROM source_document WHERE file_name = 'small-list.csv'"));
        }
    }

    @Test
    void terminalReportNamesTableSeqAndFieldOfEachWarning(Database db) throws Exception {
        Path file = dir.resolve("warn-list.csv");
        Files.writeString(file, "序号,项目名称,建设地点,总投资（亿元）\n1,终端报告项目甲,湖州市吴兴区,2\n7,终端报告项目乙,湖州市吴兴区,约3亿\n");
        Process p = cli(db, file);
        List<String> out = drain(p.getInputStream());
        List<String> err = drain(p.getErrorStream());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        Thread.sleep(200);
        assertEquals(0, p.exitValue(), out + " " + err);
        String warning = out.stream().filter(l -> l.trim().startsWith("warning:")).findFirst().orElse("");
        // issue 4: each warning names the table, 序号 and field, and says why.
        assertTrue(warning.contains("warn-list.csv") && warning.contains("序号 7") && warning.contains("总投资")
                && warning.contains("约3亿"), "terminal warning: '" + warning + "' in " + out);
    }
}
