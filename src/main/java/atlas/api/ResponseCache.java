package atlas.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small least-recently-used cache of computed answers (tiles, statistics), keyed by the data
 * version and the request: a new import changes the version, so stale entries are never served.
 */
final class ResponseCache<V> {
    private final Map<String, V> entries;

    ResponseCache(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<V> get(String version, String request) {
        return Optional.ofNullable(entries.get(version + "|" + request));
    }

    synchronized void put(String version, String request, V value) {
        entries.put(version + "|" + request, value);
    }
}
