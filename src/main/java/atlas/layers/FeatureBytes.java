package atlas.layers;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Project features' GeoJSON bytes (CRS84, as FeatureSql builds them) of one data version, kept in
 * memory up to a byte budget, so a bbox page asks the database only for its ids and count and takes
 * the features it has seen before from here. A new data version starts an empty set: every import or
 * edit moves the version (migration V30), so no feature is served from an older version than the one
 * its request read. Once the budget is spent the set stops growing (no eviction): the features it
 * lacks are read from the database, as without it.
 */
final class FeatureBytes {
    /** The features of one data version. */
    static final class Generation {
        private final long version;
        private final Map<Long, byte[]> features = new ConcurrentHashMap<>();
        private final AtomicLong bytes = new AtomicLong();
        private final long budget;

        private Generation(long version, long budget) {
            this.version = version;
            this.budget = budget;
        }

        byte[] get(long id) {
            return features.get(id);
        }

        /**
         * Keeps a feature read at this version or later (read after the version was). A later
         * version's bytes are never older than this version's: requests that read this version may
         * get them, none that read an older one does.
         */
        void put(long id, byte[] feature) {
            // ~64 bytes of map entry and boxed key besides the array
            if (bytes.get() + feature.length + 64 > budget) {
                return;
            }
            if (features.putIfAbsent(id, feature) == null) {
                bytes.addAndGet(feature.length + 64);
            }
        }

        long bytes() {
            return bytes.get();
        }

        int size() {
            return features.size();
        }
    }

    private final long budget;
    private volatile Generation current;

    FeatureBytes(long budget) {
        this.budget = budget;
        this.current = new Generation(Long.MIN_VALUE, budget);
    }

    boolean enabled() {
        return budget > 0;
    }

    /**
     * The set for the data version a request read; empty when the request read an older version than
     * the newest seen (it then reads its features from the database, as without this set).
     */
    java.util.Optional<Generation> at(String dataVersion) {
        if (budget <= 0) {
            return java.util.Optional.empty();
        }
        long version;
        try {
            version = Long.parseLong(dataVersion);
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
        Generation g = current;
        if (g.version == version) {
            return java.util.Optional.of(g);
        }
        if (version < g.version) {
            return java.util.Optional.empty();
        }
        synchronized (this) {
            if (current.version < version) {
                current = new Generation(version, budget);
            }
            return current.version == version ? java.util.Optional.of(current) : java.util.Optional.empty();
        }
    }
}
