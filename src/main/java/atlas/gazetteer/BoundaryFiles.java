package atlas.gazetteer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Reads a boundary file as GeoJSON text: GeoJSON directly; Shapefile and GeoPackage through GDAL's
 * ogr2ogr (Debian gdal-bin), reprojected to WGS84 lon/lat on the way.
 */
public final class BoundaryFiles {
    private BoundaryFiles() {
    }

    public static String readAsGeoJson(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (!Files.isRegularFile(file)) {
                throw new BoundaryImportException("no such file: " + file, List.of());
            }
            if (name.endsWith(".geojson") || name.endsWith(".json")) {
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            if (name.endsWith(".shp") || name.endsWith(".gpkg") || name.endsWith(".zip")) {
                return ogr2ogr(file);
            }
        } catch (IOException e) {
            throw new BoundaryImportException("cannot read " + file + ": " + e.getMessage(), List.of());
        }
        throw new BoundaryImportException("unsupported boundary file " + file.getFileName()
                + ": use GeoJSON (.geojson/.json), Shapefile (.shp) or GeoPackage (.gpkg)", List.of());
    }

    private static String ogr2ogr(Path file) throws IOException {
        String source = file.toString().endsWith(".zip") ? "/vsizip/" + file.toAbsolutePath() : file.toString();
        Process p = new ProcessBuilder("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:4326",
                "-lco", "RFC7946=YES", "/vsistdout/", source).redirectError(ProcessBuilder.Redirect.PIPE).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BoundaryImportException("ogr2ogr could not read " + file.getFileName() + ": " + err.strip(), List.of());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BoundaryImportException("interrupted", List.of());
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
