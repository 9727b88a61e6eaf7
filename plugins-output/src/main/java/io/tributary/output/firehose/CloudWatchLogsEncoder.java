package io.tributary.output.firehose;

import io.tributary.output.aws.Compression;
import io.tributary.output.aws.EventEncoder;
import io.tributary.output.aws.EventOrdinals;
import io.tributary.output.aws.RecordFormatter;
import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.JsonWriter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code format cloudwatch_logs}: records gathered per log group and log stream into the envelopes a CloudWatch Logs
 * subscription delivers ({@code messageType DATA_MESSAGE}, owner, logGroup, logStream, subscriptionFilters,
 * logEvents of id, timestamp and message), each envelope gzip-compressed into one Firehose record under the record
 * limit. Consumers of CloudWatch subscription data (a Lambda, Splunk or Elastic ingestion) read them unchanged.
 *
 * <p>An envelope holds at most 10,000 events, as a CloudWatch Logs batch does. Its uncompressed size is bounded by
 * what the last envelope's compression ratio says will fit in a record; one that still compresses over the limit
 * is split in half until each part fits, and a single event that cannot fit is left to the batcher, which counts
 * it as oversize. One per flush; not thread-safe.
 */
final class CloudWatchLogsEncoder implements EventEncoder<FirehoseEntry> {
    static final int MAX_EVENTS = 10_000;
    /** Upper bound of an envelope before compression, whatever the compression ratio. */
    static final int MAX_UNCOMPRESSED = 4 << 20;

    private final RecordFormatter formatter;
    private final CloudWatchSettings settings;
    private final LogField group;
    private final LogField stream;
    private final String tag;
    private final CloudWatchEventIds ids;
    private final int maxRecordBytes;
    private final Compression.Compressor gzip = Compression.GZIP.newCompressor();
    private final Map<Key, Envelope> open = new HashMap<>();
    private final List<Envelope> order = new ArrayList<>();
    private final JsonWriter doc = new JsonWriter(64 * 1024);
    private Envelope last;
    private double ratio = 1.0;

    private record Key(String group, String stream) {}

    /** The events gathered so far for one log group and stream. */
    private static final class Envelope {
        final String group;
        final String stream;
        // Small at first: a chunk from many hosts opens an envelope per host.
        final JsonWriter events = new JsonWriter(1024);
        int[] chunkIndex = new int[64];
        int[] start = new int[64];
        int[] end = new int[64];
        int count;

        Envelope(String group, String stream) {
            this.group = group;
            this.stream = stream;
        }

        void added(int event, int from, int to) {
            if (count == chunkIndex.length) {
                chunkIndex = Arrays.copyOf(chunkIndex, count * 2);
                start = Arrays.copyOf(start, count * 2);
                end = Arrays.copyOf(end, count * 2);
            }
            chunkIndex[count] = event;
            start[count] = from;
            end[count++] = to;
        }

        /** Keeps only the last event, moved to the front of the buffer. */
        void keepLast() {
            int n = end[count - 1] - start[count - 1];
            byte[] a = events.array();
            System.arraycopy(a, start[count - 1], a, 0, n);
            events.truncate(n);
            chunkIndex[0] = chunkIndex[count - 1];
            start[0] = 0;
            end[0] = n;
            count = 1;
        }
    }

    CloudWatchLogsEncoder(RecordFormatter formatter, CloudWatchSettings settings, Chunk chunk, int hostSalt, int maxRecordBytes) {
        this.formatter = formatter;
        this.settings = settings;
        this.group = settings.group().copy();
        this.stream = settings.stream().copy();
        this.tag = chunk.tag();
        this.ids = new CloudWatchEventIds(chunk.createdMillis(), hostSalt, chunk.id());
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Event ids come from each record's first position in its chunk, so a retried record keeps its id. */
    @Override public boolean keepsOrdinals() { return true; }

    @Override public void encode(int event, EventCursor cursor, Sink<FirehoseEntry> sink) {
        if (!formatter.write(cursor)) {
            sink.drop(event, "log_key_missing", cursor.eventLength());
            return;
        }
        // Everything that reads the record comes first: if it throws, the envelope is left as it was.
        String g = group.resolve(cursor, tag);
        String s = stream.resolve(cursor, settings.defaultStream());
        long millis = cursor.time().toMillis();
        String id = ids.id(millis, EventOrdinals.of(cursor, event));
        Envelope env = envelope(g, s);
        JsonWriter w = env.events;
        if (env.count > 0) w.raw((byte) ',');
        int from = w.size();
        w.raw("{\"id\":\"").raw(id).raw("\",\"timestamp\":").number(millis).raw(",\"message\":");
        JsonWriter message = formatter.buffer();
        w.string(message.array(), 0, message.size());
        w.raw((byte) '}');
        env.added(event, from, w.size());

        if (env.count > 1 && w.size() > budget()) {
            // The new event would push the envelope past what fits: send the ones before it, keep it for the next.
            emit(env, 0, env.count - 1, sink);
            env.keepLast();
        }
        if (env.count >= MAX_EVENTS || w.size() >= budget()) {
            emit(env, 0, env.count, sink);
            env.events.reset();
            env.count = 0;
        }
    }

    @Override public void finish(Sink<FirehoseEntry> sink) {
        for (Envelope env : order) {
            if (env.count > 0) emit(env, 0, env.count, sink);
        }
        open.clear();
        order.clear();
        last = null;
    }

    private Envelope envelope(String g, String s) {
        if (last != null && last.group.equals(g) && last.stream.equals(s)) return last;
        Key k = new Key(g, s);
        Envelope env = open.get(k);
        if (env == null) {
            env = new Envelope(g, s);
            open.put(k, env);
            order.add(env);
        }
        last = env;
        return env;
    }

    /** Uncompressed bytes that should compress to under the record limit, judged by the last envelope's ratio. */
    private int budget() {
        double fit = maxRecordBytes * ratio * 0.8;
        return (int) Math.max(64 * 1024, Math.min(MAX_UNCOMPRESSED, fit));
    }

    /** Compresses events [from, to) of the envelope into one record, splitting in half while it does not fit. */
    private void emit(Envelope env, int from, int to, Sink<FirehoseEntry> sink) {
        doc.reset();
        doc.raw("{\"messageType\":\"DATA_MESSAGE\",\"owner\":").string(settings.owner())
                .raw(",\"logGroup\":").string(env.group)
                .raw(",\"logStream\":").string(env.stream)
                .raw(",\"subscriptionFilters\":[");
        List<String> filters = settings.subscriptionFilters().isEmpty() ? List.of(env.group) : settings.subscriptionFilters();
        for (int i = 0; i < filters.size(); i++) {
            if (i > 0) doc.raw((byte) ',');
            doc.string(filters.get(i));
        }
        doc.raw("],\"logEvents\":[");
        doc.raw(env.events.array(), env.start[from], env.end[to - 1] - env.start[from]);
        doc.raw("]}");
        byte[] gz = gzip.compress(doc.array(), 0, doc.size());
        if (gz.length > maxRecordBytes && to - from > 1) {
            int mid = (from + to) >>> 1;
            emit(env, from, mid, sink);
            emit(env, mid, to, sink);
            return;
        }
        ratio = Math.max(1.0, doc.size() / (double) Math.max(1, gz.length));
        int[] events = Arrays.copyOfRange(env.chunkIndex, from, to);
        sink.accept(new FirehoseEntry(gz, events[0], events[events.length - 1], events));
    }
}
