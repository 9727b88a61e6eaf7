package io.tributary.filter.ecs;

import io.tributary.filter.RecordOrder;
import io.tributary.record.LogEvent;
import io.tributary.spi.FilterContext;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.PluginLog;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds ECS metadata to records through {@code Add KEY TEMPLATE}. The container a record belongs to is found
 * from its {@code container_id} field (FireLens sets it) or from the 12 characters after ecs_tag_prefix in its
 * tag. Lookups are cached for ecs_meta_cache_ttl; a failed lookup is retried (agent_endpoint_retries times)
 * and then the record gets what is known (cluster fields), with one warning per burst.
 */
final class EcsFilter implements FilterPlugin {
    record Add(String key, EcsTemplate template) {}

    private record Cached(EcsMetadata metadata, long fetchedNanos) {}

    private static final EcsMetadata UNKNOWN = new EcsMetadata(null, null, null, null, null, null, null, null, null, null, null);
    private static final String CLUSTER = "\u0000cluster";
    private static final String NO_CONTAINER = "\u0000task";

    private final EcsMetadataSource source;
    private final List<Add> adds;
    private final String tagPrefix;
    private final boolean clusterOnly;
    private final Duration ttl;
    private final int retries;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile PluginLog log = PluginLog.of("filter:ecs");
    private volatile long lastWarnNanos;

    EcsFilter(EcsMetadataSource source, List<Add> adds, String tagPrefix, boolean clusterOnly, Duration ttl, int retries) {
        this.source = source;
        this.adds = List.copyOf(adds);
        this.tagPrefix = tagPrefix;
        this.clusterOnly = clusterOnly;
        this.ttl = ttl;
        this.retries = retries;
    }

    @Override public void start(FilterContext context) { this.log = context.log(); }

    @Override public void filter(String tag, List<LogEvent> events) {
        String tagContainer = containerFromTag(tag);
        for (int i = 0, n = events.size(); i < n; i++) {
            Map<String, Object> body = events.get(i).body();
            String id = body.get("container_id") instanceof String s && !s.isEmpty() ? s : tagContainer;
            EcsMetadata m = clusterOnly ? lookup(CLUSTER) : lookup(id == null ? NO_CONTAINER : id);
            if (m == UNKNOWN && !clusterOnly) m = lookup(id == null ? CLUSTER : NO_CONTAINER);
            for (Add a : adds) {
                if (clusterOnly && a.template().needsTask()) continue;
                String v = a.template().render(m);
                if (v != null) RecordOrder.putLast(body, a.key(), v);
            }
        }
    }

    /** The 12-character short container ID after the prefix, or null when the tag does not carry one. */
    String containerFromTag(String tag) {
        if (tagPrefix == null || !tag.startsWith(tagPrefix) || tag.length() < tagPrefix.length() + 12) return null;
        String id = tag.substring(tagPrefix.length(), tagPrefix.length() + 12);
        for (int i = 0; i < id.length(); i++) if (Character.digit(id.charAt(i), 16) < 0) return null;
        return id;
    }

    private EcsMetadata lookup(String key) {
        long now = System.nanoTime();
        Cached c = cache.get(key);
        if (c != null && now - c.fetchedNanos < ttl.toNanos()) return c.metadata;
        IOException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            try {
                EcsMetadata m = key.equals(CLUSTER) ? source.cluster()
                        : key.equals(NO_CONTAINER) ? source.withoutContainer() : source.container(key);
                if (m == null) break;
                cache.put(key, new Cached(m, now));
                return m;
            } catch (IOException e) {
                last = e;
            }
        }
        // Remember the miss for a short while so a burst of records does not query the endpoint for each one.
        cache.put(key, new Cached(UNKNOWN, now - ttl.toNanos() + Math.min(ttl.toNanos(), 10_000_000_000L)));
        if (now - lastWarnNanos > 10_000_000_000L) {
            lastWarnNanos = now;
            log.warn(key.equals(CLUSTER) ? "could not read ECS cluster metadata" + (last == null ? "" : ": " + last.getMessage())
                    : "no ECS task metadata for container " + key + (last == null ? "" : ": " + last.getMessage()));
        }
        return UNKNOWN;
    }
}
