package io.tributary.filter.aws;

import io.tributary.filter.RecordOrder;
import io.tributary.parser.JsonText;
import io.tributary.record.LogEvent;
import io.tributary.spi.FilterContext;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.PluginLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Adds EC2 instance metadata to every record. Metadata is fetched in groups (one per enabled field, plus the
 * tags); a group that fails is retried no sooner than retry_interval_s later, and records pass meanwhile with
 * the groups already known, as Fluent Bit does. Fetching runs on the engine's timer, never on an input thread.
 */
final class AwsFilter implements FilterPlugin {
    /** One enabled field: its record key and how to read it. */
    record Field(String key, String path) {}

    private final Ec2Metadata imds;
    private final List<Field> fields;
    private final boolean tags;
    private final Set<String> tagsInclude;
    private final Set<String> tagsExclude;
    private final Duration retryInterval;
    /** Copy-on-write: the fields fetched so far, in the order they are added to records. */
    private volatile Map<String, String> known = Map.of();
    private final Map<String, String> fetched = new LinkedHashMap<>();
    private final Map<String, Long> lastAttemptNanos = new LinkedHashMap<>();
    private boolean tagsDone;
    private volatile PluginLog log = PluginLog.of("filter:aws");
    private volatile ScheduledFuture<?> fetcher;

    AwsFilter(Ec2Metadata imds, List<Field> fields, boolean tags, Set<String> tagsInclude, Set<String> tagsExclude,
              Duration retryInterval) {
        this.imds = imds;
        this.fields = List.copyOf(fields);
        this.tags = tags;
        this.tagsInclude = Set.copyOf(tagsInclude);
        this.tagsExclude = Set.copyOf(tagsExclude);
        this.retryInterval = retryInterval;
    }

    @Override public void start(FilterContext context) {
        this.log = context.log();
        fetchMissing();
        if (!complete()) {
            fetcher = context.timer().scheduleWithFixedDelay(() -> { if (!complete()) fetchMissing(); },
                    1, 1, TimeUnit.SECONDS);
        }
    }

    private synchronized boolean complete() {
        return fetched.size() == fields.size() && (!tags || tagsDone);
    }

    /** Fetches every group not yet known whose retry interval has passed. */
    synchronized void fetchMissing() {
        long now = System.nanoTime();
        boolean changed = false;
        for (Field f : fields) {
            if (fetched.containsKey(f.key()) || !due(f.key(), now)) continue;
            try {
                fetched.put(f.key(), read(f));
                changed = true;
            } catch (Ec2Metadata.MetadataException e) {
                log.warn("could not fetch EC2 metadata '" + f.key() + "': " + e.getMessage() + "; retrying in " + retryInterval.toSeconds() + "s");
                if (e.status == 0) {
                    // Unreachable: don't spend a timeout on every other group now; they are tried on the next round.
                    for (Field other : fields) lastAttemptNanos.putIfAbsent(other.key(), now);
                    lastAttemptNanos.putIfAbsent("tags", now);
                    break;
                }
            }
        }
        if (tags && !tagsDone && due("tags", now)) {
            try {
                fetchTags();
                tagsDone = true;
                changed = true;
            } catch (Ec2Metadata.MetadataException e) {
                if (e.status == 404) {
                    // No tags, or tags not allowed in metadata on this instance: nothing to add, nothing to retry.
                    log.warn("EC2 instance tags are not available from IMDS (enable 'Allow tags in instance metadata')");
                    tagsDone = true;
                } else {
                    log.warn("could not fetch EC2 tags: " + e.getMessage() + "; retrying in " + retryInterval.toSeconds() + "s");
                }
            }
        }
        if (changed) known = java.util.Collections.unmodifiableMap(orderedKnown());
        if (complete() && fetcher != null) fetcher.cancel(false);
    }

    private Map<String, String> orderedKnown() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : fields) if (fetched.containsKey(f.key())) m.put(f.key(), fetched.get(f.key()));
        for (Map.Entry<String, String> e : fetched.entrySet()) m.putIfAbsent(e.getKey(), e.getValue());
        return m;
    }

    private boolean due(String group, long now) {
        Long last = lastAttemptNanos.get(group);
        if (last != null && now - last < retryInterval.toNanos()) return false;
        lastAttemptNanos.put(group, now);
        return true;
    }

    private String read(Field f) throws Ec2Metadata.MetadataException {
        return switch (f.key()) {
            case "vpc_id" -> imds.get("/latest/meta-data/network/interfaces/macs/" + imds.get("/latest/meta-data/mac") + "/vpc-id");
            case "account_id" -> {
                String doc = imds.get("/latest/dynamic/instance-identity/document");
                Map<String, Object> m = JsonText.parseObjectOrNull(doc);
                if (m == null || !(m.get("accountId") instanceof String id)) {
                    throw new Ec2Metadata.MetadataException("instance identity document has no accountId", 0);
                }
                yield id;
            }
            default -> imds.get(f.path());
        };
    }

    private void fetchTags() throws Ec2Metadata.MetadataException {
        String list = imds.get("/latest/meta-data/tags/instance");
        List<String> keys = new ArrayList<>();
        for (String k : list.split("\n")) {
            String key = k.trim();
            if (key.isEmpty()) continue;
            if (!tagsInclude.isEmpty() && !tagsInclude.contains(key)) continue;
            if (tagsExclude.contains(key)) continue;
            keys.add(key);
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String k : keys) values.put(k, imds.get("/latest/meta-data/tags/instance/" + k));
        fetched.putAll(values);
    }

    @Override public void filter(String tag, List<LogEvent> events) {
        Map<String, String> add = known;
        if (add.isEmpty()) return;
        for (int i = 0, n = events.size(); i < n; i++) {
            Map<String, Object> body = events.get(i).body();
            for (Map.Entry<String, String> e : add.entrySet()) RecordOrder.putLast(body, e.getKey(), e.getValue());
        }
    }

    @Override public void stop() {
        ScheduledFuture<?> f = fetcher;
        if (f != null) f.cancel(false);
    }
}
