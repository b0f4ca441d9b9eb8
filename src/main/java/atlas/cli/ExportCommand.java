package atlas.cli;

import atlas.db.Database;
import atlas.db.DatabaseException;
import atlas.db.DatabaseTarget;
import atlas.export.Region;
import atlas.export.Regions;
import atlas.export.SnapshotException;
import atlas.export.SnapshotRequest;
import atlas.export.SnapshotWriter;
import atlas.layers.Layers;
import atlas.layers.ProjectFilter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ./atlas export --region 330500 [--category …] [--q …] [--datetime …] [--formats csv,png] [--out huzhou.zip]
 * [--generated-at 2024-05-01T00:00:00Z]: the same snapshot as POST /api/exports, written to a file.
 */
final class ExportCommand {
    static final String USAGE = "usage: ./atlas export --region CODE|AREA-ID|minLon,minLat,maxLon,maxLat [--city C] [--county C]"
            + " [--area ID] [--category …] [--nature …] [--source FILE] [--precision P] [--min_investment N] [--max_investment N]"
            + " [--q TEXT] [--datetime 2021/2023] [--formats geojson,csv,xlsx,png,svg] [--out FILE.zip] [--generated-at RFC3339]";
    private static final List<String> FILTERS = List.of("city", "county", "area", "category", "nature", "source", "precision",
            "min_investment", "max_investment", "q", "datetime", "bbox");
    private static final Set<String> OTHERS = Set.of("region", "formats", "out", "generated-at");

    private ExportCommand() {
    }

    static int run(DatabaseTarget target, Options options, PrintStream out) {
        for (String name : options.options().keySet()) {
            if (!FILTERS.contains(name.replace('-', '_')) && !OTHERS.contains(name)) {
                throw new UsageException("unknown option --" + name + "\n" + USAGE);
            }
        }
        if (!options.args().isEmpty()) {
            throw new UsageException("unexpected '" + options.args().get(0) + "'\n" + USAGE);
        }
        String regionSpec = options.option("region").orElseThrow(() -> new UsageException("--region is required\n" + USAGE));
        Map<String, List<String>> query = new LinkedHashMap<>();
        options.options().forEach((k, v) -> {
            if (FILTERS.contains(k.replace('-', '_'))) {
                query.put(k.replace('-', '_'), List.of(v));
            }
        });
        ProjectFilter filters;
        try {
            filters = ProjectFilter.parse(query);
        } catch (atlas.layers.FilterException e) {
            throw new UsageException(e.getMessage());
        }
        Set<SnapshotRequest.Format> formats = EnumSet.allOf(SnapshotRequest.Format.class);
        Instant generatedAt;
        try {
            if (options.option("formats").isPresent()) {
                formats = EnumSet.noneOf(SnapshotRequest.Format.class);
                for (String f : options.option("formats").get().split(",")) {
                    formats.add(SnapshotRequest.Format.parse(f.trim()));
                }
            }
            generatedAt = options.option("generated-at").map(Instant::parse).orElse(Instant.now());
        } catch (SnapshotException e) {
            throw new UsageException("--formats: " + e.getMessage());
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--generated-at: an RFC 3339 UTC time like 2024-05-01T08:00:00Z");
        }
        try (Database db = Commands.open(target); Connection c = db.connection()) {
            SnapshotRequest req;
            try {
                Region region = Regions.resolve(c, regionSpec);
                req = new SnapshotRequest(region, filters, formats, generatedAt);
                req.projectFilter();
            } catch (SnapshotException e) {
                throw new UsageException("--" + (e.field().startsWith("filters.") ? e.field().substring(8) : e.field()) + ": " + e.getMessage());
            }
            Path file = Path.of(options.option("out").orElse(req.fileName())).toAbsolutePath();
            Path partial = file.resolveSibling(file.getFileName() + ".part");
            SnapshotWriter.Result r;
            try (OutputStream os = Files.newOutputStream(partial)) {
                r = new SnapshotWriter(new Layers()).write(c, req, new java.io.BufferedOutputStream(os, 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
            } catch (IOException | SQLException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.printf("wrote %s: %s, %d projects, 总投资 %,.2f 亿元 (%s)%n", file, req.region().name(), r.projects(),
                    r.totalInvestment(), String.join(", ", r.entries()));
            return 0;
        } catch (SQLException e) {
            throw new DatabaseException(e.getMessage(), e);
        } catch (IOException e) {
            System.err.println("export: " + e.getMessage());
            return 1;
        }
    }
}
