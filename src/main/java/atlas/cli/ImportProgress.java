package atlas.cli;

import java.io.PrintStream;

/**
 * An import's progress on a terminal, one line rewritten in place: rows parsed, stored, placed,
 * linked. Quiet when the output is not a terminal (a pipe, a log file, a test).
 */
final class ImportProgress {
    private final PrintStream out;
    private final boolean terminal;
    private String file = "";

    ImportProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    static ImportProgress forConsole(PrintStream out) {
        return new ImportProgress(out, System.console() != null);
    }

    void file(String name) {
        file = name;
    }

    /** A line from the importer ("386 rows parsed", "1000 rows, 24000 rows/s"). */
    void importer(String line) {
        show(file + ": " + (line.contains("parsed") ? line : "stored " + line));
    }

    void placed(int projects, long millis) {
        show("placed " + projects + " entries in " + millis + " ms");
    }

    void linked(atlas.identity.IdentityStore.Figures f) {
        show("linked " + f.entries() + " entries into " + f.projects() + " projects (" + f.links() + " links, "
                + f.review() + " for review)");
        done();
    }

    private void show(String line) {
        if (terminal) {
            out.print("\r\033[K" + line);
            out.flush();
        }
    }

    private void done() {
        if (terminal) {
            out.println();
        }
    }
}
