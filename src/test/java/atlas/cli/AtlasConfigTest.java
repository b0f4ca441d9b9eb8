package atlas.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settings a deployment gives in its environment, read in one place. */
@Tag("unit")
class AtlasConfigTest {
    @Test
    void nothingSetMeansTheLocalClusterNoTokenAndNoBaseTiles() {
        AtlasConfig c = AtlasConfig.of(Map.of());
        assertTrue(c.database().externalJdbcUrl().isEmpty());
        assertEquals(Optional.empty(), c.adminToken());
        assertEquals(Optional.empty(), c.tileUrl());
        assertEquals(1_000_000, c.maxRows());
    }

    @Test
    void aDeploymentsSettingsAreRead(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret-from-file\n");
        AtlasConfig c = AtlasConfig.of(Map.of("DATABASE_URL", "postgres://atlas:pw@db.internal:5433/atlas",
                "ATLAS_ADMIN_TOKEN_FILE", token.toString(), "ATLAS_TILE_URL", "https://t{s}.example/{z}/{x}/{y}.png",
                "ATLAS_MAX_ROWS", "5000", "ATLAS_DATA", "/srv/atlas"));
        assertEquals(Optional.of("jdbc:postgresql://db.internal:5433/atlas?user=atlas&password=pw"), c.database().externalJdbcUrl());
        assertEquals(Optional.of("s3cret-from-file\n"), c.adminToken());
        assertEquals(Optional.of("/srv/atlas"), c.dataFolder());
        assertEquals(5000, c.maxRows());
        // The token given directly wins over the file.
        assertEquals(Optional.of("direct"), AtlasConfig.of(Map.of("ATLAS_ADMIN_TOKEN", "direct",
                "ATLAS_ADMIN_TOKEN_FILE", token.toString())).adminToken());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> AtlasConfig.of(Map.of("ATLAS_ADMIN_TOKEN_FILE", dir.resolve("nope").toString())));
        assertTrue(missing.getMessage().contains("ATLAS_ADMIN_TOKEN_FILE"), missing.getMessage());
    }
}
