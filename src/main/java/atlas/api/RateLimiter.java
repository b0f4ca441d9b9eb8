package atlas.api;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most n events per client in a sliding window; the map is pruned so it cannot grow without bound. */
public final class RateLimiter {
    private final int max;
    private final long windowMillis;
    private final Map<String, Deque<Long>> events = new ConcurrentHashMap<>();

    public RateLimiter(int max, long windowMillis) {
        this.max = max;
        this.windowMillis = windowMillis;
    }

    public boolean allow(String client) {
        long now = System.currentTimeMillis();
        if (events.size() > 10_000) {
            events.entrySet().removeIf(e -> e.getValue().isEmpty() || e.getValue().peekLast() < now - windowMillis);
        }
        Deque<Long> q = events.computeIfAbsent(client, k -> new ArrayDeque<>());
        synchronized (q) {
            while (!q.isEmpty() && q.peekFirst() < now - windowMillis) {
                q.pollFirst();
            }
            if (q.size() >= max) {
                return false;
            }
            q.addLast(now);
            return true;
        }
    }
}
