package atlas.export;

import atlas.layers.Collection;
import atlas.layers.ItemsQuery;
import atlas.layers.Layers;
import atlas.layers.ProjectFilter;
import atlas.layers.ProjectStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.locationtech.jts.geom.Geometry;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a regional snapshot as a zip, streaming: project features go out as Layers.streamItems
 * yields them (GeoJSON straight into the zip, CSV to a temporary file, XLSX through SXSSF's window);
 * only what the picture needs (a colour, an amount and coordinates per project) stays in memory.
 * Everything is read in one REPEATABLE READ snapshot, ordered stably, and zip entries carry the
 * generated-at time: the same data, filters and generated_at give the same bytes.
 */
public final class SnapshotWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Collection PROJECTS = Collection.byId("projects").orElseThrow();

    private final Layers layers;

    public SnapshotWriter(Layers layers) {
        this.layers = layers;
    }

    /** What was written, for the CLI's message. */
    public record Result(long projects, BigDecimal totalInvestment, List<String> entries) {
    }

    public Result write(Connection c, SnapshotRequest req, OutputStream out) throws SQLException, IOException {
        boolean auto = c.getAutoCommit();
        int isolation = c.getTransactionIsolation();
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            Result r = new Run(c, req).write(out);
            c.commit();
            return r;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setTransactionIsolation(isolation);
            c.setAutoCommit(auto);
        }
    }

    /** One export: its context, read once, then the entries in a fixed order. */
    private final class Run {
        private final Connection c;
        private final SnapshotRequest req;
        private final ProjectFilter filter;
        private final List<String> entries = new ArrayList<>();

        Run(Connection c, SnapshotRequest req) {
            this.c = c;
            this.req = req;
            this.filter = req.projectFilter();
        }

        Result write(OutputStream out) throws SQLException, IOException {
            Map<String, String> names = ExportSql.divisionNames(c);
            List<ExportSql.SourceDocument> docs = ExportSql.sourceDocuments(c);
            List<ExportSql.Boundary> boundaries = ExportSql.boundaries(c);
            Map<String, Integer> colours = categoryColours();
            ProjectStats.Stats byCounty = ProjectStats.live(c, "county", filter);
            ProjectStats.Stats byCity = ProjectStats.live(c, "city", filter);
            ProjectStats.Stats byCategory = ProjectStats.live(c, "category", filter);
            ProjectStats.Stats byPrecision = ProjectStats.live(c, "precision", filter);
            ProjectStats.Stats bySource = ProjectStats.live(c, "source", filter);
            boolean picture = req.formats().contains(SnapshotRequest.Format.PNG) || req.formats().contains(SnapshotRequest.Format.SVG);
            Geometry regionGeom = null;
            MapPicture map = null;
            List<ExportSql.County> counties = List.of();
            List<ExportSql.County> cities = List.of();
            List<ExportSql.Area> areas = List.of();
            if (picture) {
                regionGeom = ExportSql.regionGeometry(c, req.region());
                map = new MapPicture(regionGeom == null ? null : regionGeom.getEnvelopeInternal());
                counties = ExportSql.counties(c, req.region(), map.frameBounds());
                cities = ExportSql.cities(c, map.frameBounds());
                // 四大建设 areas cover whole cities: outlined they would tint everything; they stay in areas.geojson.
                areas = ExportSql.areas(c, req.region()).stream().filter(a -> !a.kind().equals("construction")).toList();
            }

            ZipOutputStream z = ZipNormaliser.keepingOpen(out);
            boolean ogr = has(SnapshotRequest.Format.GPKG) || has(SnapshotRequest.Format.SHP);
            // GeoPackage and Shapefile are made by ogr2ogr from the same GeoJSON, kept in temporary files.
            Path ogrAreas = ogr ? Files.createTempFile("atlas-export-areas", ".geojson") : null;
            Path ogrProjects = ogr ? Files.createTempFile("atlas-export-projects", ".geojson") : null;
            if (ogr) {
                try (Writer w = Files.newBufferedWriter(ogrAreas, StandardCharsets.UTF_8)) {
                    w.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
                    boolean[] first = {true};
                    ExportSql.areaFeatures(c, req.region(), f -> feature(w, f, first));
                    w.write("\n]}\n");
                }
            }
            if (has(SnapshotRequest.Format.GEOJSON)) {
                begin(z, "areas.geojson");
                Writer w = writer(z);
                w.write("{\"type\":\"FeatureCollection\",\"name\":\"areas\",\"features\":[\n");
                boolean[] first = {true};
                ExportSql.areaFeatures(c, req.region(), f -> feature(w, f, first));
                w.write("\n]}\n");
                w.flush();
                z.closeEntry();
            }

            Path csvFile = null;
            Path xlsxFile = null;
            try (ProjectsWorkbook wb = has(SnapshotRequest.Format.XLSX) ? new ProjectsWorkbook() : null) {
                csvFile = has(SnapshotRequest.Format.CSV) ? Files.createTempFile("atlas-export", ".csv") : null;
                Writer csvOut = csvFile == null ? null : Files.newBufferedWriter(csvFile, StandardCharsets.UTF_8);
                CsvTable csv = csvOut == null ? null : new CsvTable(csvOut);
                Writer geo = null;
                if (has(SnapshotRequest.Format.GEOJSON)) {
                    begin(z, "projects.geojson");
                    geo = writer(z);
                    geo.write("{\"type\":\"FeatureCollection\",\"name\":\"projects\",\"features\":[\n");
                }
                Writer geoOut = geo;
                Writer ogrOut = ogr ? Files.newBufferedWriter(ogrProjects, StandardCharsets.UTF_8) : null;
                if (ogrOut != null) {
                    ogrOut.write("{\"type\":\"FeatureCollection\",\"features\":[\n");
                }
                boolean[] ogrFirst = {true};
                boolean[] first = {true};
                List<MapPicture.Mark> marks = new ArrayList<>();
                Map<String, Long> categoryCounts = new LinkedHashMap<>();
                long[] count = {0};
                BigDecimal[] total = {BigDecimal.ZERO};
                long[] unplotted = {0};
                boolean draw = picture;
                layers.streamItems(c, PROJECTS, new ItemsQuery(Integer.MAX_VALUE, 0, Optional.empty(), Optional.empty(), filter, List.of()),
                        f -> {
                            try {
                                if (geoOut != null) {
                                    feature(geoOut, f, first);
                                }
                                if (ogrOut != null) {
                                    feature(ogrOut, f, ogrFirst);
                                }
                                ProjectRow row = ProjectRow.parse(f, names);
                                count[0]++;
                                if (row.totalInvestment() != null) {
                                    total[0] = total[0].add(row.totalInvestment());
                                }
                                if (csv != null) {
                                    csv.row(row.values());
                                }
                                if (wb != null) {
                                    wb.add(row);
                                }
                                if (draw) {
                                    String key = row.category() == null ? "未分类" : row.category();
                                    categoryCounts.merge(key, 1L, Long::sum);
                                    MapPicture.Mark m = mark(row, colours.getOrDefault(key, colours.size()));
                                    if (m == null) {
                                        unplotted[0]++;
                                    } else {
                                        marks.add(m);
                                    }
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
                if (geoOut != null) {
                    geoOut.write("\n]}\n");
                    geoOut.flush();
                    z.closeEntry();
                }
                if (ogrOut != null) {
                    ogrOut.write("\n]}\n");
                    ogrOut.close();
                }
                if (has(SnapshotRequest.Format.GPKG)) {
                    Path gpkg = Files.createTempFile("atlas-export", ".gpkg");
                    try {
                        Files.delete(gpkg);  // ogr2ogr creates it
                        OgrFiles.geoPackage(ogrProjects, ogrAreas, req.crs(), entryTime(), gpkg);
                        begin(z, "projects.gpkg");
                        Files.copy(gpkg, z);
                        z.closeEntry();
                    } finally {
                        Files.deleteIfExists(gpkg);
                    }
                }
                if (has(SnapshotRequest.Format.SHP)) {
                    begin(z, "projects-shp.zip");
                    OgrFiles.shapefiles(ogrProjects, ogrAreas, req.crs(), entryTime(), new OutputStream() {
                        // the inner zip writes into the open entry; the snapshot's zip stays open
                        @Override
                        public void write(int b) throws IOException {
                            z.write(b);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            z.write(b, off, len);
                        }
                    });
                    z.closeEntry();
                }
                if (csvOut != null) {
                    csvOut.close();
                    begin(z, "projects.csv");
                    Files.copy(csvFile, z);
                    z.closeEntry();
                }
                if (wb != null) {
                    xlsxFile = Files.createTempFile("atlas-export", ".xlsx");
                    try (OutputStream x = Files.newOutputStream(xlsxFile)) {
                        wb.finish(byCounty, byCategory, req.region().name(), req.generatedAt(), x);
                    }
                    begin(z, "projects.xlsx");
                    ZipNormaliser.copy(xlsxFile, z, entryTime());
                    z.closeEntry();
                }
                if (has(SnapshotRequest.Format.CSV) || has(SnapshotRequest.Format.XLSX)) {
                    writeWorkItems(z);
                }
                if (picture) {
                    MapPicture.Scene scene = scene(regionGeom, counties, cities, areas, marks, categoryCounts, colours,
                            count[0], total[0], unplotted[0], docs, boundaries);
                    if (has(SnapshotRequest.Format.PNG)) {
                        PngCanvas png = new PngCanvas(MapPicture.WIDTH, MapPicture.HEIGHT);
                        map.paint(scene, png);
                        begin(z, "map.png");
                        png.writeTo(z);
                        z.closeEntry();
                    }
                    if (has(SnapshotRequest.Format.SVG)) {
                        begin(z, "map.svg");
                        Writer w = writer(z);
                        SvgCanvas svg = new SvgCanvas(w, MapPicture.WIDTH, MapPicture.HEIGHT);
                        map.paint(scene, svg);
                        svg.finish();
                        z.closeEntry();
                    }
                }
                entries.add("summary.json");
                entries.add("README.txt");
                Map<String, Object> summary = Summary.of(req, byCounty, byCity, byCategory, byPrecision, bySource, docs,
                        boundaries, picture ? count[0] - unplotted[0] : -1, entries);
                begin(z, "summary.json");
                z.write(JSON.writeValueAsBytes(summary));
                z.write('\n');
                z.closeEntry();
                begin(z, "README.txt");
                z.write(Summary.readme(req, summary).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
                z.finish();
                z.flush();
                return new Result(count[0], total[0], List.copyOf(entries));
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } finally {
                if (ogrProjects != null) {
                    Files.deleteIfExists(ogrProjects);
                    Files.deleteIfExists(ogrAreas);
                }
                if (csvFile != null) {
                    Files.deleteIfExists(csvFile);
                }
                if (xlsxFile != null) {
                    Files.deleteIfExists(xlsxFile);
                }
            }
        }

        /** The region's work items (改革 / 政策 / 平台 / 项目 / 任务), beside its projects. */
        private void writeWorkItems(ZipOutputStream z) throws SQLException, IOException {
            Region r = req.region();
            atlas.worklists.WorkItemQuery q = atlas.worklists.WorkItemQuery.all().within(
                    r.kind() == Region.Kind.COUNTY ? Optional.of(r.key()) : Optional.empty(),
                    r.kind() == Region.Kind.CITY ? Optional.of(r.key()) : Optional.empty(),
                    r.kind() == Region.Kind.AREA ? Optional.of(r.key()) : Optional.empty(),
                    r.kind() == Region.Kind.BBOX ? r.bbox() : Optional.empty());
            q = new atlas.worklists.WorkItemQuery(q.kind(), q.unit(), q.leadUnit(), q.deadlineFrom(), q.deadlineTo(),
                    q.county(), q.city(), q.area(), q.source(), q.q(), q.bbox(),
                    java.time.LocalDate.ofInstant(req.generatedAt(), java.time.ZoneId.of("Asia/Shanghai")), q.limit(), q.offset());
            List<atlas.worklists.WorkItemsExport.Row> rows = atlas.worklists.WorkItemsExport.rows(c, q);
            if (has(SnapshotRequest.Format.CSV)) {
                begin(z, "work-items.csv");
                Writer w = writer(z);
                atlas.worklists.WorkItemsExport.writeCsv(rows, w);
                z.closeEntry();
            }
            if (has(SnapshotRequest.Format.XLSX)) {
                Path tmp = Files.createTempFile("atlas-work-items", ".xlsx");
                try {
                    try (OutputStream x = Files.newOutputStream(tmp)) {
                        atlas.worklists.WorkItemsExport.writeXlsx(rows, r.name(), req.generatedAt(), x);
                    }
                    begin(z, "work-items.xlsx");
                    ZipNormaliser.copy(tmp, z, entryTime());
                    z.closeEntry();
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }

        private boolean has(SnapshotRequest.Format f) {
            return req.formats().contains(f);
        }

        private void begin(ZipOutputStream z, String name) throws IOException {
            ZipEntry e = new ZipEntry(name);
            e.setTimeLocal(entryTime());
            z.putNextEntry(e);
            if (!entries.contains(name)) {
                entries.add(name);
            }
        }

        private LocalDateTime entryTime() {
            return LocalDateTime.ofInstant(req.generatedAt(), Labels.CHINA);
        }

        /** Category -> palette index in the web map's order: by 总投资 over all projects, largest first. */
        private Map<String, Integer> categoryColours() throws SQLException {
            List<ProjectStats.Group> groups = new ArrayList<>(ProjectStats.live(c, "category", ProjectFilter.none()).groups());
            groups.sort((a, b) -> orZero(b.totalInvestment()).compareTo(orZero(a.totalInvestment())));
            Map<String, Integer> m = new HashMap<>();
            for (ProjectStats.Group g : groups) {
                m.putIfAbsent(g.key(), m.size());
            }
            return m;
        }

        private MapPicture.Scene scene(Geometry regionGeom, List<ExportSql.County> counties, List<ExportSql.County> cities,
                                       List<ExportSql.Area> areas, List<MapPicture.Mark> marks, Map<String, Long> categoryCounts,
                                       Map<String, Integer> colours, long count, BigDecimal total, long unplotted,
                                       List<ExportSql.SourceDocument> docs, List<ExportSql.Boundary> boundaries) {
            List<MapPicture.LegendEntry> legend = new ArrayList<>();
            categoryCounts.forEach((k, n) -> legend.add(new MapPicture.LegendEntry(Labels.shortCategory(k),
                    colours.getOrDefault(k, colours.size()), n)));
            legend.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : Integer.compare(a.colour(), b.colour()));
            Region r = req.region();
            String filters = Labels.filters(req.filters().asParameters());
            String subtitle = "共 " + count + " 个项目，总投资 " + Labels.yi(total) + " 亿元"
                    + (r.kind() == Region.Kind.BBOX ? "" : "　区域：" + r.key()) + "　筛选：" + filters;
            List<String> notes = new ArrayList<>();
            StringBuilder src = new StringBuilder("数据来源：");
            for (int i = 0; i < docs.size(); i++) {
                src.append(i == 0 ? "" : "、").append(docs.get(i).label());
            }
            src.append("。项目位置按项目代码、建设地点和名称推断，为区县代表点或线路示意，不是具体选址。");
            notes.add(src.toString());
            StringBuilder b = new StringBuilder("行政区划边界：");
            for (int i = 0; i < boundaries.size(); i++) {
                b.append(i == 0 ? "" : "；").append(boundaries.get(i).source()).append("，边界年份 ").append(boundaries.get(i).vintage());
            }
            b.append("。坐标 CGCS2000/WGS84 经纬度，等距圆柱投影（经度按纬度余弦缩放）。");
            notes.add(b.toString());
            notes.add((unplotted > 0 ? "另有 " + unplotted + " 个项目定位到地级市、全省或未定位，图上未标点（见 projects.csv）。" : "")
                    + "Project Atlas 生成于 " + Labels.dateTimeZh(req.generatedAt()) + "。");
            String title = r.name() + "“四大建设”项目分布图";
            return new MapPicture.Scene(title, Labels.dateZh(req.generatedAt()), subtitle, notes, regionGeom, counties,
                    cities, areas, marks, legend, r.kind() == Region.Kind.PROVINCE || countiesIn(counties) > 30);
        }
    }

    private static long countiesIn(List<ExportSql.County> counties) {
        return counties.stream().filter(ExportSql.County::inRegion).count();
    }

    /** The picture's view of one project, or null when it has no geometry (city-, province-level). */
    static MapPicture.Mark mark(ProjectRow row, int colour) {
        JsonNode g = row.geometry();
        if (g == null || g.isNull() || g.isMissingNode()) {
            return null;
        }
        double inv = row.totalInvestment() == null ? 0 : row.totalInvestment().doubleValue();
        JsonNode coords = g.path("coordinates");
        List<double[]> parts = new ArrayList<>();
        switch (g.path("type").asText()) {
            case "Point" -> parts.add(new double[]{coords.get(0).asDouble(), coords.get(1).asDouble()});
            case "MultiPoint" -> coords.forEach(p -> parts.add(new double[]{p.get(0).asDouble(), p.get(1).asDouble()}));
            case "LineString" -> parts.add(flat(coords));
            case "MultiLineString" -> coords.forEach(l -> parts.add(flat(l)));
            default -> {
                return null;
            }
        }
        boolean line = g.path("type").asText().contains("Line");
        return new MapPicture.Mark(colour, inv, line, parts);
    }

    private static double[] flat(JsonNode line) {
        double[] out = new double[line.size() * 2];
        for (int i = 0; i < line.size(); i++) {
            out[2 * i] = line.get(i).get(0).asDouble();
            out[2 * i + 1] = line.get(i).get(1).asDouble();
        }
        return out;
    }

    private static void feature(Writer w, String feature, boolean[] first) {
        try {
            if (!first[0]) {
                w.write(",\n");
            }
            first[0] = false;
            w.write(feature);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Writer writer(OutputStream z) {
        return new BufferedWriter(new OutputStreamWriter(new FilterOutputStream(z) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();  // the zip stays open for the next entry
            }
        }, StandardCharsets.UTF_8), 1 << 16);
    }

    private static BigDecimal orZero(BigDecimal d) {
        return d == null ? BigDecimal.ZERO : d;
    }
}
