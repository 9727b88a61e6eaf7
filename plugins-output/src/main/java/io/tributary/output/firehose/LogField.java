package io.tributary.output.firehose;

import io.tributary.output.aws.KeyPath;
import io.tributary.record.EventCursor;
import io.tributary.record.JsonWriter;
import io.tributary.record.Msgpack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of {@code log_group} or {@code log_stream}: a fixed name, or a record key written {@code $key}, nested
 * as {@code $kubernetes->pod_name} or in Fluent Bit's record accessor form {@code $kubernetes['pod_name']}. One per
 * encoder (it remembers the last value to avoid a new string per record); not thread-safe.
 */
final class LogField {
    /** CloudWatch Logs names are 1 to 512 characters. */
    static final int MAX_CHARS = 512;
    private static final Pattern ACCESSOR = Pattern.compile("\\[['\"]([^'\"]+)['\"]\\]");

    private final String text;
    private final String fixed;
    private final KeyPath key;
    private byte[] lastBytes = new byte[0];
    private String lastValue;

    private LogField(String text, String fixed, KeyPath key) {
        this.text = text;
        this.fixed = fixed;
        this.key = key;
    }

    /** Throws IllegalArgumentException for an empty name or key. */
    static LogField parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) throw new IllegalArgumentException("is empty");
        if (!t.startsWith("$")) return new LogField(t, truncate(t), null);
        String path = t.substring(1);
        Matcher m = ACCESSOR.matcher(path);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement("->" + m.group(1)));
        m.appendTail(sb);
        if (sb.isEmpty()) throw new IllegalArgumentException("'" + t + "' names no record key");
        return new LogField(t, null, KeyPath.parse(sb.toString()));
    }

    /** No name configured: every record gets the fallback. */
    static LogField unset() { return new LogField("(unset)", null, null); }

    /** A copy with its own cache, for one encoder. */
    LogField copy() { return new LogField(text, fixed, key); }

    /** The name for the record at {@code c}; {@code fallback} when the key is absent, null or empty. */
    String resolve(EventCursor c, String fallback) {
        if (fixed != null) return fixed;
        if (key == null) return fallback;
        byte[] b = c.data();
        int end = c.bodyEnd();
        int v = key.find(b, c.bodyStart(), end);
        if (v < 0 || Msgpack.isNil(b, v, end)) return fallback;
        int off;
        int len;
        byte[] src;
        if (Msgpack.isStringOrBinary(b, v, end)) {
            src = b;
            off = Msgpack.payloadOffset(b, v, end);
            len = Msgpack.payloadLength(b, v, end);
        } else {
            JsonWriter w = new JsonWriter(32);
            w.msgpack(b, v, end);
            src = w.array();
            off = 0;
            len = w.size();
        }
        if (len == 0) return fallback;
        if (len == lastBytes.length && Arrays.equals(src, off, off + len, lastBytes, 0, len)) return lastValue;
        lastBytes = Arrays.copyOfRange(src, off, off + len);
        lastValue = truncate(new String(lastBytes, StandardCharsets.UTF_8));
        return lastValue;
    }

    private static String truncate(String s) {
        if (s.codePointCount(0, s.length()) <= MAX_CHARS) return s;
        return s.substring(0, s.offsetByCodePoints(0, MAX_CHARS));
    }

    @Override public String toString() { return text; }
}
