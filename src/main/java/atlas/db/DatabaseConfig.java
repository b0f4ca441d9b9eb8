package atlas.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Where the database is: an external PostGIS named by DATABASE_URL, or the local cluster. */
public record DatabaseConfig(Optional<String> externalJdbcUrl) {

    public boolean isExternal() {
        return externalJdbcUrl.isPresent();
    }

    /** Accepts postgres://user:pass@host:port/db (libpq style) or a jdbc:postgresql: URL. */
    public static String toJdbc(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return url;
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new DatabaseException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql: (got '"
                    + url.replaceAll("//[^@/]*@", "//***@") + "')", null);
        }
        URI uri = URI.create(url);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath());
        String sep = "?";
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            jdbc.append(sep).append("user=").append(decode(parts[0]));
            sep = "&";
            if (parts.length > 1) {
                jdbc.append("&password=").append(decode(parts[1]));
            }
        }
        if (uri.getRawQuery() != null) {
            jdbc.append(sep).append(uri.getRawQuery());
        }
        return jdbc.toString();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
