package atlas.layers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A small least-recently-used cache of computed answers (tiles, statistics), keyed by the data
 * version and the request: a new import changes the version, so stale entries are never served.
 * Requests for an answer being computed wait for it instead of computing it again.
 */
final class ResponseCache<V> {
    private final Map<String, V> entries;
    private final ConcurrentHashMap<String, CompletableFuture<V>> computing = new ConcurrentHashMap<>();

    @FunctionalInterface
    interface Computation<V> {
        V compute() throws Exception;
    }

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

    /**
     * The cached answer, or the one computed now: by this request, or by the one already computing it.
     * settled says whether no writer is half-way through a change of the data (checked after the
     * version was read, before computing): only then is the answer known to be that version's, and kept.
     */
    V get(String version, String request, Computation<Boolean> settled, Computation<V> computation) throws Exception {
        Optional<V> cached = get(version, request);
        if (cached.isPresent()) {
            return cached.get();
        }
        if (!settled.compute()) {
            // A writer has moved the version but not committed: what we read now may be older than it.
            return computation.compute();
        }
        String key = version + "|" + request;
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> running = computing.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
        try {
            V value = computation.compute();
            put(version, request, value);
            mine.complete(value);
            return value;
        } catch (Exception e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(key, mine);
        }
    }
}
