package io.tributary.output.sqs;

import io.tributary.output.aws.Compression;
import io.tributary.output.aws.EventEncoder;
import io.tributary.output.aws.EventOrdinals;
import io.tributary.output.aws.KeyPath;
import io.tributary.output.aws.RecordFormatter;
import io.tributary.record.Chunk;
import io.tributary.record.EventCursor;
import io.tributary.record.JsonWriter;
import io.tributary.record.Msgpack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one chunk's records into SendMessageBatch entries: the body (the formatted record; base64 when compressed,
 * since a message body is text), the FIFO group and deduplication ids, and the attributes. One per flush.
 */
final class SqsEncoder implements EventEncoder<SqsEntry> {
    private static final int MAX_ID_CHARS = 128;
    private static final String STRING = "String";

    private final SqsConfig.Settings settings;
    private final RecordFormatter formatter;
    private final boolean compressed;
    private final String tag;
    private final String idPrefix;
    private final boolean groups;

    SqsEncoder(SqsConfig.Settings settings, Chunk chunk) {
        this.settings = settings;
        this.formatter = settings.format().newFormatter();
        this.compressed = settings.format().compression() != Compression.NONE;
        this.tag = chunk.tag();
        // Host, chunk and the chunk's creation time: ids differ between senders, chunks and restarts.
        this.idPrefix = Integer.toHexString(settings.hostSalt()) + "-" + Long.toString(chunk.id(), 36) + "-"
                + Long.toString(chunk.createdMillis(), 36) + "-";
        this.groups = settings.fifo() || settings.groupId().isPresent() || settings.groupKey().isPresent();
    }

    /** Generated deduplication ids come from each record's first position in its chunk, so a retry keeps its id. */
    @Override public boolean keepsOrdinals() { return settings.generatedDeduplicationIds(); }

    @Override public void encode(int event, EventCursor cursor, Sink<SqsEntry> sink) {
        if (!formatter.write(cursor)) {
            sink.drop(event, "log_key_missing", cursor.eventLength());
            return;
        }
        String body = compressed ? Base64.getEncoder().encodeToString(formatter.payload()) : text(formatter.buffer());
        int size = utf8Length(body);
        String group = groups ? groupId(cursor) : null;
        String dedup = deduplicationId(cursor, event);
        Map<String, String> attributes = Map.of();
        if (!settings.attributes().isEmpty()) {
            attributes = new LinkedHashMap<>();
            for (SqsConfig.Attribute a : settings.attributes()) {
                String v = value(cursor, a.key());
                if (v == null) continue;
                v = validText(v);
                attributes.put(a.name(), v);
                size += utf8Length(a.name()) + STRING.length() + utf8Length(v);
            }
        }
        sink.accept(new SqsEntry(body, group, dedup, attributes, size, event));
    }

    private String groupId(EventCursor c) {
        String v = settings.groupKey().map(k -> id(value(c, k))).orElse(null);
        if (v != null) return v;
        return settings.groupId().orElseGet(() -> id(tag));
    }

    private String deduplicationId(EventCursor c, int event) {
        if (!settings.fifo()) return null;
        String v = settings.deduplicationKey().map(k -> id(value(c, k))).orElse(null);
        if (v != null) return v;
        if (settings.deduplicationId().isPresent()) return settings.deduplicationId().get();
        return idPrefix + EventOrdinals.of(c, event);
    }

    /** The key's value as text (a string as it is, anything else as JSON); null when absent, null or empty. */
    private static String value(EventCursor c, KeyPath key) {
        byte[] b = c.data();
        int end = c.bodyEnd();
        int v = key.find(b, c.bodyStart(), end);
        if (v < 0 || Msgpack.isNil(b, v, end)) return null;
        String s;
        if (Msgpack.isStringOrBinary(b, v, end)) {
            s = new String(b, Msgpack.payloadOffset(b, v, end), Msgpack.payloadLength(b, v, end), StandardCharsets.UTF_8);
        } else {
            JsonWriter w = new JsonWriter(32);
            w.msgpack(b, v, end);
            s = w.toString();
        }
        return s.isEmpty() ? null : s;
    }

    /** A group or deduplication id from a record value: ASCII letters, digits and punctuation, at most 128. */
    static String id(String value) {
        if (value == null) return null;
        int n = Math.min(value.length(), MAX_ID_CHARS);
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            out[i] = ch >= 0x21 && ch <= 0x7e ? ch : '_';
        }
        return new String(out);
    }

    private static String text(JsonWriter w) {
        return validText(new String(w.array(), 0, w.size(), StandardCharsets.UTF_8));
    }

    /**
     * SQS takes only the characters XML allows (#x9, #xA, #xD, #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF) and
     * refuses the whole batch otherwise; others become U+FFFD, so one stray control byte costs neither the record
     * nor its neighbours.
     */
    static String validText(String s) {
        char[] fixed = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch == 0x9 || ch == 0xA || ch == 0xD || (ch >= 0x20 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD);
            if (!ok && Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (!ok) {
                if (fixed == null) fixed = s.toCharArray();
                fixed[i] = '\uFFFD';
            }
        }
        return fixed == null ? s : new String(fixed);
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) n++;
            else if (ch < 0x800) n += 2;
            else if (Character.isHighSurrogate(ch) && i + 1 < s.length()) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }
}
