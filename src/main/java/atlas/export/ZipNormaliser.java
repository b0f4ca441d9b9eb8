package atlas.export;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a zip-based file (the .xlsx POI writes) with one fixed time on every entry, keeping the
 * entries and their order: POI stamps its inner entries with the clock, which would make two
 * snapshots of the same data differ.
 */
final class ZipNormaliser {
    private ZipNormaliser() {
    }

    /** A zip over the caller's stream, which stays open (the HTTP response or the file belongs to the caller). */
    static ZipOutputStream keepingOpen(OutputStream out) {
        return new ZipOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        });
    }

    static void copy(Path zipFile, OutputStream out, LocalDateTime time) throws IOException {
        ZipOutputStream z = keepingOpen(out);
        // ZipFile reads the central directory: POI's local headers carry no sizes, which ZipInputStream refuses.
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
                ZipEntry e = it.nextElement();
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTimeLocal(time);
                z.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(e)) {
                    in.transferTo(z);
                }
                z.closeEntry();
            }
        }
        z.finish();
        z.flush();
    }
}
