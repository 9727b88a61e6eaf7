package io.tributary.output.aws;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credentials strict test servers accept, as IAM would: long-term keys, and temporary ones (with a session
 * token) that the STS test server issues and that stop working when they expire.
 */
public final class KeyRing {
    public record Key(String accessKeyId, String secret, String sessionToken, Instant expires) {}

    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final Clock clock;

    public KeyRing(Clock clock) { this.clock = clock; }

    public Key add(String id, String secret) {
        Key k = new Key(id, secret, null, null);
        keys.put(id, k);
        return k;
    }

    public Key addTemporary(String id, String secret, String token, Instant expires) {
        Key k = new Key(id, secret, token, expires);
        keys.put(id, k);
        return k;
    }

    public Key find(String id) { return keys.get(id); }

    public boolean expired(Key k) { return k.expires() != null && !clock.instant().isBefore(k.expires()); }
}
