package atlas.cli;

import atlas.identity.Continuity;

import java.io.PrintStream;
import java.util.List;

/** The terminal form of what a later list brought: new, continued and gone projects. */
final class ContinuityPrinter {
    private static final int SHOWN = 20;

    private ContinuityPrinter() {
    }

    static void print(String file, Continuity k, PrintStream out) {
        out.printf("%s: %d new, %d continued from earlier lists, %d gone from the previous list%n",
                file, k.added().size(), k.continued().size(), k.gone().size());
        list("new", k.added(), out);
        list("gone", k.gone(), out);
    }

    private static void list(String what, List<Continuity.Item> items, PrintStream out) {
        items.stream().limit(SHOWN).forEach(i -> out.println("  " + what + ": 序号" + i.seq() + " " + i.name() + " (" + i.id() + ")"));
        if (items.size() > SHOWN) {
            out.println("  … and " + (items.size() - SHOWN) + " more " + what);
        }
    }
}
