package atlas.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Content hashes of the bundled datasets that are loaded, so a restart reloads only what changed. */
public final class DatasetVersions {
    private DatasetVersions() {
    }

    public static String sha256(List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                md.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Optional<String> loaded(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM dataset_version WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public static void record(Connection c, String name, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO dataset_version (name, sha256) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, loaded_at = now()""")) {
            ps.setString(1, name);
            ps.setString(2, sha256);
            ps.executeUpdate();
        }
    }
}
