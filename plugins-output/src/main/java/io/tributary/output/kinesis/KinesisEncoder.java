package io.tributary.output.kinesis;

import io.tributary.output.aws.EventEncoder;
import io.tributary.output.aws.KeyPath;
import io.tributary.output.aws.RecordFormatter;
import io.tributary.record.EventCursor;
import io.tributary.record.JsonWriter;
import io.tributary.record.Msgpack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Turns one chunk's events into PutRecords entries: the record formatted, its partition key (from the record or
 * random), and, when configured, KPL or simple aggregation. One per flush.
 */
final class KinesisEncoder implements EventEncoder<KinesisEntry> {
    /** Kinesis accepts partition keys of 1 to 256 Unicode characters. */
    static final int MAX_PARTITION_KEY_CHARS = 256;
    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            .getBytes(StandardCharsets.US_ASCII);

    private final RecordFormatter formatter;
    private final Optional<KeyPath> partitionKey;
    private final KinesisConfig.Aggregation aggregation;
    private final int maxRecordBytes;
    private final RandomGenerator random;
    private final KplAggregate kpl;
    private final JsonWriter lines;
    private int linesFirst = -1;
    private int linesLast = -1;
    private String linesKey;
    private final int linesLimit;

    KinesisEncoder(KinesisConfig.Settings s, RandomGenerator random) {
        this.formatter = s.format().newFormatter();
        this.partitionKey = s.partitionKey();
        this.aggregation = s.aggregation();
        this.maxRecordBytes = s.limits().maxRecordBytes();
        this.random = random;
        this.kpl = aggregation == KinesisConfig.Aggregation.KPL ? new KplAggregate(maxRecordBytes) : null;
        this.lines = aggregation == KinesisConfig.Aggregation.SIMPLE ? new JsonWriter(64 * 1024) : null;
        // Leave room for the partition key and for compression's worst case, so a full aggregate always fits.
        this.linesLimit = maxRecordBytes - MAX_PARTITION_KEY_CHARS * 4
                - s.format().compression().worstCaseOverhead(maxRecordBytes);
    }

    @Override public void encode(int event, EventCursor cursor, Sink<KinesisEntry> sink) {
        if (!formatter.write(cursor)) {
            sink.drop(event, "log_key_missing", cursor.eventLength());
            return;
        }
        String key = partitionKey(cursor);
        switch (aggregation) {
            case NONE -> sink.accept(entry(formatter.payload(), key, event, event));
            case KPL -> {
                byte[] data = formatter.payload();
                if (kpl.offer(key, data, event)) return;
                sink.accept(kpl.finish());
                if (!kpl.offer(key, data, event)) sink.accept(entry(data, key, event, event));   // alone over the limit
            }
            case SIMPLE -> addLine(event, key, sink);
        }
    }

    /** Fluent Bit's simple aggregation: records one per line, concatenated, the aggregate compressed as a whole. */
    private void addLine(int event, String key, Sink<KinesisEntry> sink) {
        JsonWriter rec = formatter.buffer();
        boolean newline = rec.size() > 0 && rec.array()[rec.size() - 1] == '\n';
        int size = rec.size() + (newline ? 0 : 1);
        if (linesFirst >= 0 && lines.size() + size > linesLimit) flushLines(sink);
        if (size > linesLimit) {
            // Alone over the limit: send it as it is and let the batcher count it as oversize.
            sink.accept(entry(formatter.payload(), key, event, event));
            return;
        }
        lines.raw(rec.array(), 0, rec.size());
        if (!newline) lines.raw((byte) '\n');
        if (linesFirst < 0) {
            linesFirst = event;
            linesKey = key;
        }
        linesLast = event;
    }

    private void flushLines(Sink<KinesisEntry> sink) {
        if (linesFirst < 0) return;
        byte[] data = formatter.compress(lines.array(), 0, lines.size());
        sink.accept(entry(data, linesKey, linesFirst, linesLast));
        lines.reset();
        linesFirst = linesLast = -1;
        linesKey = null;
    }

    @Override public void finish(Sink<KinesisEntry> sink) {
        if (kpl != null && !kpl.isEmpty()) sink.accept(kpl.finish());
        if (lines != null) flushLines(sink);
    }

    private static KinesisEntry entry(byte[] data, String key, int first, int last) {
        return new KinesisEntry(data, key, KplAggregate.utf8Length(key), first, last);
    }

    /** The record's key value when it is a non-empty string, truncated to 256 characters; otherwise random. */
    private String partitionKey(EventCursor c) {
        if (partitionKey.isPresent()) {
            byte[] b = c.data();
            int v = partitionKey.get().find(b, c.bodyStart(), c.bodyEnd());
            if (v >= 0 && Msgpack.isStringOrBinary(b, v, c.bodyEnd())) {
                int len = Msgpack.payloadLength(b, v, c.bodyEnd());
                if (len > 0) {
                    String s = new String(b, Msgpack.payloadOffset(b, v, c.bodyEnd()), len, StandardCharsets.UTF_8);
                    return truncate(s);
                }
            }
        }
        return randomKey();
    }

    static String truncate(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_PARTITION_KEY_CHARS) return s;
        return s.substring(0, s.offsetByCodePoints(0, MAX_PARTITION_KEY_CHARS));
    }

    private String randomKey() {
        // Latin-1 bytes become the String's own compact storage: no char[] and no compression pass per record.
        byte[] k = new byte[12];
        long bits = random.nextLong();
        for (int i = 0; i < 10; i++, bits >>>= 6) k[i] = ALPHABET[(int) ((bits & 63) % ALPHABET.length)];
        bits = random.nextLong();
        k[10] = ALPHABET[(int) Math.floorMod(bits, ALPHABET.length)];
        k[11] = ALPHABET[(int) Math.floorMod(bits >>> 32, ALPHABET.length)];
        return new String(k, StandardCharsets.ISO_8859_1);
    }

    @Override public String toString() { return "KinesisEncoder" + Arrays.asList(aggregation, maxRecordBytes); }
}
