package atlas.export;

import atlas.crs.Crs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * GeoPackage and Shapefile copies of a snapshot's GeoJSON layers, written by GDAL's ogr2ogr (Debian
 * gdal-bin) from the CRS84 files, transformed by PROJ (as PostGIS does) into the CRS asked for. Arrays
 * become JSON text (neither format has string lists). Shapefiles hold one geometry type each, so the
 * projects are split into points, lines, polygons and the unplaced (no shape); text is GBK with a
 * .cpg naming code page 936, what ArcGIS in China reads by default.
 */
final class OgrFiles {
    private static final long TIMEOUT_SECONDS = 300;

    /** One layer of a Shapefile set: its file name and which geometries go in (OGR SQL on OGR_GEOMETRY). */
    private record ShapeLayer(String name, String source, String where) {
    }

    private static final List<ShapeLayer> SHAPE_LAYERS = List.of(
            new ShapeLayer("projects_point", "projects", "OGR_GEOMETRY IN ('POINT', 'MULTIPOINT')"),
            new ShapeLayer("projects_line", "projects", "OGR_GEOMETRY IN ('LINESTRING', 'MULTILINESTRING')"),
            new ShapeLayer("projects_polygon", "projects", "OGR_GEOMETRY IN ('POLYGON', 'MULTIPOLYGON')"),
            new ShapeLayer("projects_unplaced", "projects", "OGR_GEOMETRY IS NULL"),
            new ShapeLayer("areas_polygon", "areas", "OGR_GEOMETRY IN ('POLYGON', 'MULTIPOLYGON')"),
            new ShapeLayer("areas_line", "areas", "OGR_GEOMETRY IN ('LINESTRING', 'MULTILINESTRING')"));

    private OgrFiles() {
    }

    /** The target CRS as ogr2ogr takes it (x east, y north: GDAL's order for -t_srs). */
    private static String target(Crs crs) {
        return "EPSG:" + crs.srid();
    }

    /** projects.gpkg: one GeoPackage with a layer per GeoJSON file (name -> file). */
    static void geoPackage(Path projects, Path areas, Crs crs, LocalDateTime time, Path out) throws IOException {
        ogr2ogr(List.of("-f", "GPKG", out.toString(), projects.toString(), "-nln", "projects"), crs, time);
        ogr2ogr(List.of("-f", "GPKG", "-update", out.toString(), areas.toString(), "-nln", "areas"), crs, time);
    }

    /** projects-shp.zip: the Shapefile sets (each .shp, .shx, .dbf, .prj, .cpg), empty layers left out. */
    static void shapefiles(Path projects, Path areas, Crs crs, LocalDateTime time, OutputStream out) throws IOException {
        Path dir = Files.createTempDirectory("atlas-shp");
        try {
            for (ShapeLayer l : SHAPE_LAYERS) {
                Path source = l.source().equals("projects") ? projects : areas;
                ogr2ogr(List.of("-f", "ESRI Shapefile", dir.toString(), source.toString(), "-nln", l.name(),
                        "-where", l.where(), "-lco", "ENCODING=CP936",
                        "-lco", "DBF_DATE_LAST_UPDATE=" + time.toLocalDate()), crs, time);
                Path cpg = dir.resolve(l.name() + ".cpg");
                if (Files.exists(cpg)) {
                    Files.writeString(cpg, "936", StandardCharsets.US_ASCII);
                }
            }
            List<Path> files;
            try (Stream<Path> s = Files.list(dir)) {
                files = s.sorted(Comparator.comparing(Path::toString)).toList();
            }
            ZipOutputStream z = new ZipOutputStream(out);
            for (Path f : files) {
                if (isEmptyLayer(dir, f)) {
                    continue;
                }
                ZipEntry e = new ZipEntry(f.getFileName().toString());
                e.setTimeLocal(time);
                z.putNextEntry(e);
                Files.copy(f, z);
                z.closeEntry();
            }
            z.finish();
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** A layer's files when its .dbf holds no record (dBASE header: record count at byte 4). */
    private static boolean isEmptyLayer(Path dir, Path file) throws IOException {
        String name = file.getFileName().toString();
        Path dbf = dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".dbf");
        if (!Files.exists(dbf)) {
            return false;
        }
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(dbf)) {
            if (in.readNBytes(head, 0, 8) < 8) {
                return true;
            }
        }
        int records = (head[4] & 0xff) | (head[5] & 0xff) << 8 | (head[6] & 0xff) << 16 | (head[7] & 0xff) << 24;
        return records == 0;
    }

    /** Runs ogr2ogr; time stamps the files (GeoPackage contents, dBASE header) with the snapshot's time, not now. */
    private static void ogr2ogr(List<String> args, Crs crs, LocalDateTime time) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-q", "-oo", "ARRAY_AS_STRING=YES",
                "-s_srs", "EPSG:4326", "-t_srs", target(crs)));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OGR_CURRENT_DATE", time + "Z");
        Process p = pb.start();
        byte[] output;
        try {
            output = p.getInputStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ogr2ogr took over " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while ogr2ogr ran", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("ogr2ogr failed (" + p.exitValue() + "): " + new String(output, StandardCharsets.UTF_8).strip());
        }
    }
}
