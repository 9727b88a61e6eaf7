package io.tributary.output.aws;

import io.tributary.spi.FlushResult;
import io.tributary.spi.PluginLog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records one flush gave up, by reason, and one log line per reason for the whole flush (a burst), naming the
 * tag and the sizes. Thread-safe: batches of one flush report from several threads.
 */
public final class DropReport {
    private static final class Tally {
        long records;
        long largest;
        String detail;
    }

    private final Map<String, Tally> byReason = new LinkedHashMap<>();

    /** {@code detail} describes the reason once (e.g. the service's message); the first one is kept. */
    public synchronized void add(String reason, long records, long size, String detail) {
        Tally t = byReason.computeIfAbsent(reason, r -> new Tally());
        t.records += records;
        t.largest = Math.max(t.largest, size);
        if (t.detail == null) t.detail = detail;
    }

    public synchronized long total() {
        long n = 0;
        for (Tally t : byReason.values()) n += t.records;
        return n;
    }

    public synchronized List<FlushResult.Drop> drops() {
        List<FlushResult.Drop> out = new ArrayList<>(byReason.size());
        for (Map.Entry<String, Tally> e : byReason.entrySet()) out.add(new FlushResult.Drop(e.getKey(), e.getValue().records));
        return out;
    }

    /** One line per reason; the caller logs this once at the end of the flush. */
    public synchronized void log(PluginLog log, String tag, int maxRecordBytes) {
        for (Map.Entry<String, Tally> e : byReason.entrySet()) {
            Tally t = e.getValue();
            if (e.getKey().equals("oversize")) {
                log.warn("dropped " + t.records + " record(s) with tag '" + tag + "' over the " + maxRecordBytes
                        + "-byte record limit (largest " + t.largest + " bytes)");
            } else {
                log.warn("dropped " + t.records + " record(s) with tag '" + tag + "': " + e.getKey()
                        + (t.detail == null || t.detail.isEmpty() ? "" : " (" + t.detail + ")"));
            }
        }
    }
}
