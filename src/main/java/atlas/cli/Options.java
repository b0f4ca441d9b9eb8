package atlas.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Command-line words: positional arguments and --name value / --flag options. */
record Options(List<String> args, Map<String, String> options) {
    private static final java.util.Set<String> FLAGS = java.util.Set.of("partial", "report", "quick", "json", "no-serve", "dry-run");

    static Options parse(String[] argv, int from) {
        List<String> args = new ArrayList<>();
        Map<String, String> opts = new HashMap<>();
        for (int i = from; i < argv.length; i++) {
            String a = argv[i];
            if (a.startsWith("--")) {
                String name = a.substring(2);
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    opts.put(name.substring(0, eq), name.substring(eq + 1));
                } else if (FLAGS.contains(name) || i + 1 >= argv.length || argv[i + 1].startsWith("--")) {
                    opts.put(name, "true");
                } else {
                    opts.put(name, argv[++i]);
                }
            } else {
                args.add(a);
            }
        }
        return new Options(args, opts);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return "true".equals(options.get(name));
    }

    int intOption(String name, int fallback) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got '" + v + "'");
        }
    }
}
