package io.tributary.output.aws;

import io.tributary.record.EventCursor;
import io.tributary.record.JsonWriter;
import io.tributary.record.MalformedMsgpackException;
import io.tributary.record.Msgpack;
import io.tributary.record.MsgpackValues;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes records as {@link RecordFormat} says, straight from their msgpack bytes into a reused buffer: no maps,
 * no strings per record. One per flush (it reuses buffers); not thread-safe.
 */
public final class RecordFormatter {
    private final RecordFormat format;
    private final byte[][] dataKeys;
    private final byte[] timeKey;
    private final byte[] dots;
    private final TimeFormat timeFormat;
    private final Compression.Compressor compressor;
    private final JsonWriter out = new JsonWriter(1024);
    private byte[] keyScratch = new byte[64];

    RecordFormatter(RecordFormat format) {
        this.format = format;
        this.dataKeys = format.dataKeyBytes();
        this.timeKey = format.timeKey() == null ? null : format.timeKey().getBytes(StandardCharsets.UTF_8);
        this.dots = format.replaceDots() == null ? null : format.replaceDots().getBytes(StandardCharsets.UTF_8);
        this.timeFormat = format.timeKey() == null ? null : TimeFormat.compile(format.timeKeyFormat(), format.lStyle());
        this.compressor = format.compression() == Compression.NONE ? null : format.compression().newCompressor();
    }

    public RecordFormat format() { return format; }

    /**
     * Formats the event into the buffer returned by {@link #buffer()} (uncompressed, newline included). Returns
     * false when the record has nothing to send ({@code log_key} absent).
     */
    public boolean write(EventCursor c) {
        out.reset();
        byte[] b = c.data();
        int body = c.bodyStart();
        int end = c.bodyEnd();
        if (format.logKey() != null) {
            int v = format.logKey().find(b, body, end);
            if (v < 0 || Msgpack.isNil(b, v, end)) return false;
            if (Msgpack.isStringOrBinary(b, v, end)) {
                // A string is sent as it is, unquoted, as the Go plugins do: the log line itself.
                out.raw(b, Msgpack.payloadOffset(b, v, end), Msgpack.payloadLength(b, v, end));
            } else {
                value(b, v, end, 0);
            }
        } else if (dataKeys == null && timeKey == null && dots == null) {
            out.msgpack(b, body, end);
        } else {
            record(c, b, body, end);
        }
        if (format.appendNewline()) out.raw((byte) '\n');
        return true;
    }

    /** The formatted record; valid until the next {@link #write}. */
    public JsonWriter buffer() { return out; }

    /** The formatted record as the payload to send: compressed when configured, else a copy of the buffer. */
    public byte[] payload() {
        return compressor == null ? out.toByteArray() : compressor.compress(out.array(), 0, out.size());
    }

    /** Compresses arbitrary bytes as configured (an aggregate of records). */
    public byte[] compress(byte[] data, int offset, int length) {
        return compressor == null ? Arrays.copyOfRange(data, offset, offset + length) : compressor.compress(data, offset, length);
    }

    private void record(EventCursor c, byte[] b, int pos, int end) {
        long n = Msgpack.mapLength(b, pos, end);
        int p = pos + Msgpack.containerHeaderSize(b, pos, end);
        out.raw((byte) '{');
        boolean first = true;
        for (long i = 0; i < n; i++) {
            int keyPos = p;
            int valuePos = Msgpack.skip(b, keyPos, end);
            int next = Msgpack.skip(b, valuePos, end);
            p = next;
            if (dataKeys != null && !isOneOf(b, keyPos, end, dataKeys)) continue;
            // time_key replaces a key of the same name instead of repeating it.
            if (timeKey != null && isOneOf(b, keyPos, end, timeKey)) continue;
            if (!first) out.raw((byte) ',');
            first = false;
            keyAt(b, keyPos, end);
            out.raw((byte) ':');
            value(b, valuePos, end, 1);
        }
        if (timeKey != null) {
            if (!first) out.raw((byte) ',');
            keyBytes(timeKey, 0, timeKey.length);
            out.raw((byte) ':').raw((byte) '"');
            int start = out.size();
            timeFormat.write(c.time(), out);
            escapeInPlace(start);
            out.raw((byte) '"');
        }
        out.raw((byte) '}');
    }

    private void value(byte[] b, int pos, int end, int depth) {
        if (dots == null || depth > MsgpackValues.MAX_DEPTH) {
            if (depth > MsgpackValues.MAX_DEPTH) throw new MalformedMsgpackException("msgpack nested too deep");
            out.msgpack(b, pos, end);
            return;
        }
        if (Msgpack.isMap(b, pos, end)) {
            long n = Msgpack.mapLength(b, pos, end);
            int p = pos + Msgpack.containerHeaderSize(b, pos, end);
            out.raw((byte) '{');
            for (long i = 0; i < n; i++) {
                if (i > 0) out.raw((byte) ',');
                keyAt(b, p, end);
                p = Msgpack.skip(b, p, end);
                out.raw((byte) ':');
                value(b, p, end, depth + 1);
                p = Msgpack.skip(b, p, end);
            }
            out.raw((byte) '}');
        } else if (Msgpack.isArray(b, pos, end)) {
            long n = Msgpack.arrayLength(b, pos, end);
            int p = pos + Msgpack.containerHeaderSize(b, pos, end);
            out.raw((byte) '[');
            for (long i = 0; i < n; i++) {
                if (i > 0) out.raw((byte) ',');
                value(b, p, end, depth + 1);
                p = Msgpack.skip(b, p, end);
            }
            out.raw((byte) ']');
        } else {
            out.msgpack(b, pos, end);
        }
    }

    /** Writes the key at {@code pos} as a JSON string, dots replaced when configured. */
    private void keyAt(byte[] b, int pos, int end) {
        if (!Msgpack.isStringOrBinary(b, pos, end)) {
            JsonWriter k = new JsonWriter(32);
            k.msgpack(b, pos, end);
            byte[] text = k.toByteArray();
            keyBytes(text, 0, text.length);
            return;
        }
        int off = Msgpack.payloadOffset(b, pos, end);
        int len = Msgpack.payloadLength(b, pos, end);
        keyBytes(b, off, off + len);
    }

    private void keyBytes(byte[] b, int from, int to) {
        if (dots == null) {
            out.string(b, from, to - from);
            return;
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            if (keyScratch.length < n + dots.length + 1) keyScratch = Arrays.copyOf(keyScratch, (n + dots.length + 1) * 2);
            if (b[i] == '.') {
                System.arraycopy(dots, 0, keyScratch, n, dots.length);
                n += dots.length;
            } else {
                keyScratch[n++] = b[i];
            }
        }
        out.string(keyScratch, 0, n);
    }

    /** The formatted time is raw text from the pattern: escape it in place if the pattern held a quote or backslash. */
    private void escapeInPlace(int start) {
        byte[] a = out.array();
        int end = out.size();
        for (int i = start; i < end; i++) {
            int ch = a[i] & 0xff;
            if (ch == '"' || ch == '\\' || ch < 0x20) {
                byte[] text = Arrays.copyOfRange(a, start, end);
                out.truncate(start - 1);
                out.string(text, 0, text.length);
                out.truncate(out.size() - 1);
                return;
            }
        }
    }

    private static boolean isOneOf(byte[] b, int keyPos, int end, byte[]... keys) {
        if (!Msgpack.isStringOrBinary(b, keyPos, end)) return false;
        int off = Msgpack.payloadOffset(b, keyPos, end);
        int len = Msgpack.payloadLength(b, keyPos, end);
        for (byte[] k : keys) {
            if (k.length == len && Arrays.equals(b, off, off + len, k, 0, len)) return true;
        }
        return false;
    }
}
