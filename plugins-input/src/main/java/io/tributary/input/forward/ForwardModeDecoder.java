package io.tributary.input.forward;

import io.tributary.record.EventTime;
import io.tributary.record.MalformedMsgpackException;
import io.tributary.record.Msgpack;
import io.tributary.record.MsgpackValues;
import io.tributary.record.MsgpackWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns one {@link ForwardFrame} into events in the chunk format, for the four modes of the Forward Protocol
 * Specification v1:
 * <ul>
 * <li>Message {@code [tag, time, record, option?]} and Forward {@code [tag, [[time, record], ...], option?]}: each
 *     event is written as {@code [[EventTime, metadata], record]}, the record's bytes copied unchanged;</li>
 * <li>PackedForward {@code [tag, bin|str, option?]} and CompressedPackedForward ({@code compressed: "gzip"} or
 *     {@code "zstd"}): the entries are validated in place and handed on as they came when every time is already an
 *     EventTime, else rewritten with EventTime times.</li>
 * </ul>
 * Times may be EventTime (ext 0), an integer or a float. Records must be maps. Option {@code chunk} asks for an
 * ack; {@code metadata} (a map, Message mode, as Fluent Bit) becomes the event's metadata. Nothing is decoded into
 * objects. One decoder per connection; the results stay valid until the next {@link #decode}.
 */
final class ForwardModeDecoder {
    private static final byte[] EMPTY_MAP = {(byte) 0x80};
    private static final int KEEP_WRITER_BYTES = 256 * 1024;

    private final String tagPrefix;
    private final String fixedTag;
    private final PayloadDecompressor decompressor;
    private MsgpackWriter writer = new MsgpackWriter(16 * 1024);
    private final byte[] timeScratch = new byte[10];

    // The last tag as received and as resolved: consecutive frames nearly always share it.
    private byte[] lastRawTag = new byte[0];
    private int lastRawTagLength = -1;
    private String lastTag;

    // Results of the last decode.
    private String tag;
    private byte[] data;
    private int dataOffset;
    private int dataLength;
    private int records;
    private int ackOffset;
    private int ackLength;

    // Options of the frame being decoded.
    private int chunkPos;
    private int chunkEnd;
    private int metadataPos;
    private int metadataEnd;
    private PayloadDecompressor.Kind compression;

    /**
     * @param tagPrefix     Tag_Prefix, or null
     * @param fixedTag      the input's Tag when the user set one (it replaces the sender's tag), or null
     * @param maxInflated   Buffer_Max_Size: the most a compressed payload may inflate to
     */
    ForwardModeDecoder(String tagPrefix, String fixedTag, int maxInflated) {
        this.tagPrefix = tagPrefix;
        this.fixedTag = fixedTag;
        this.decompressor = new PayloadDecompressor(maxInflated);
    }

    /** Decodes the frame; on success {@link #tag()}, {@link #records()}, the data range and the ack are set. */
    void decode(ForwardFrame frame) throws MalformedForwardException {
        try {
            decode(frame.array(), frame.base(), frame);
        } catch (MalformedMsgpackException e) {
            throw new MalformedForwardException(e.getMessage());
        }
    }

    private void decode(byte[] b, int base, ForwardFrame f) throws MalformedForwardException {
        int elements = f.elements();
        tag = resolveTag(b, base + f.elementStart(0), base + f.elementStart(1));
        int second = base + f.elementStart(1);
        int t = b[second] & 0xff;
        boolean array = (t >= 0x90 && t <= 0x9f) || t == 0xdc || t == 0xdd;
        boolean payload = (t >= 0xa0 && t <= 0xbf) || t == 0xd9 || t == 0xda || t == 0xdb
                || t == 0xc4 || t == 0xc5 || t == 0xc6;
        int optionIndex = array || payload ? 2 : 3;
        if (elements > optionIndex + 1) {
            throw new MalformedForwardException("too many elements (" + elements + ") for "
                    + (array ? "Forward" : payload ? "PackedForward" : "Message") + " mode");
        }
        readOptions(b, elements > optionIndex ? base + f.elementStart(optionIndex) : -1,
                elements > optionIndex ? base + f.elementStart(optionIndex + 1) : -1);
        if (array) {
            forwardMode(b, second, base + f.elementStart(2));
        } else if (payload) {
            packedForward(b, second, base + f.elementStart(2));
        } else {
            if (elements < 3) throw new MalformedForwardException("Message mode needs [tag, time, record]");
            messageMode(b, second, base + f.elementStart(2), base + f.elementStart(3));
        }
        if (chunkPos >= 0) {
            ackOffset = chunkPos;
            ackLength = chunkEnd - chunkPos;
        } else {
            ackOffset = ackLength = -1;
        }
    }

    private String resolveTag(byte[] b, int pos, int end) throws MalformedForwardException {
        int t = b[pos] & 0xff;
        boolean str = (t >= 0xa0 && t <= 0xbf) || t == 0xd9 || t == 0xda || t == 0xdb;
        if (!str) throw new MalformedForwardException("tag must be a string, got type 0x" + Integer.toHexString(t));
        int off = Msgpack.payloadOffset(b, pos, end);
        int len = Msgpack.payloadLength(b, pos, end);
        if (len == 0) throw new MalformedForwardException("empty tag");
        if (fixedTag != null) return fixedTag;
        if (len == lastRawTagLength && Arrays.equals(lastRawTag, 0, len, b, off, off + len)) return lastTag;
        String raw = new String(b, off, len, StandardCharsets.UTF_8);
        if (lastRawTag.length < len) lastRawTag = new byte[Math.max(len, 64)];
        System.arraycopy(b, off, lastRawTag, 0, len);
        lastRawTagLength = len;
        lastTag = tagPrefix == null ? raw : tagPrefix + raw;
        return lastTag;
    }

    /** Reads the option map (or nil, as old Docker sends); pos < 0 when the frame has none. */
    private void readOptions(byte[] b, int pos, int end) throws MalformedForwardException {
        chunkPos = chunkEnd = metadataPos = metadataEnd = -1;
        compression = PayloadDecompressor.Kind.NONE;
        if (pos < 0 || Msgpack.isNil(b, pos, end)) return;
        if (!Msgpack.isMap(b, pos, end)) throw new MalformedForwardException("option must be a map");
        long n = Msgpack.mapLength(b, pos, end);
        int p = pos + Msgpack.containerHeaderSize(b, pos, end);
        for (long i = 0; i < n; i++) {
            int keyPos = p;
            int valuePos = Msgpack.skip(b, keyPos, end);
            int valueEnd = Msgpack.skip(b, valuePos, end);
            p = valueEnd;
            int kt = b[keyPos] & 0xff;
            if (kt < 0xa0 || kt > 0xbf) continue; // every key the spec defines is a short string
            int kOff = keyPos + 1;
            int kLen = kt & 0x1f;
            if (is(b, kOff, kLen, "chunk")) {
                if (!Msgpack.isStringOrBinary(b, valuePos, end)) {
                    throw new MalformedForwardException("option chunk must be a string");
                }
                chunkPos = valuePos;
                chunkEnd = valueEnd;
            } else if (is(b, kOff, kLen, "compressed")) {
                compression = compression(b, valuePos, end);
            } else if (is(b, kOff, kLen, "metadata")) {
                if (!Msgpack.isMap(b, valuePos, end)) throw new MalformedForwardException("option metadata must be a map");
                metadataPos = valuePos;
                metadataEnd = valueEnd;
            } else if (is(b, kOff, kLen, "fluent_signal")) {
                // Fluent Bit forwards metrics (1) and traces (2) this way; only logs (0) are records.
                Object v = MsgpackValues.decode(b, valuePos, valueEnd);
                if (!(v instanceof Long signal && signal == 0)) {
                    throw new MalformedForwardException("fluent_signal " + v + " (metrics or traces) is not accepted; only logs");
                }
            }
        }
        if (p != end) throw new MalformedForwardException("option map has trailing bytes");
    }

    private static PayloadDecompressor.Kind compression(byte[] b, int pos, int end) throws MalformedForwardException {
        if (!Msgpack.isStringOrBinary(b, pos, end)) throw new MalformedForwardException("option compressed must be a string");
        int off = Msgpack.payloadOffset(b, pos, end);
        int len = Msgpack.payloadLength(b, pos, end);
        if (is(b, off, len, "gzip")) return PayloadDecompressor.Kind.GZIP;
        if (is(b, off, len, "zstd")) return PayloadDecompressor.Kind.ZSTD;
        if (is(b, off, len, "text") || len == 0) return PayloadDecompressor.Kind.NONE;
        throw new MalformedForwardException("unsupported compressed '"
                + new String(b, off, Math.min(len, 32), StandardCharsets.UTF_8) + "' (gzip or zstd)");
    }

    private static boolean is(byte[] b, int off, int len, String ascii) {
        if (len != ascii.length()) return false;
        for (int i = 0; i < len; i++) if (b[off + i] != ascii.charAt(i)) return false;
        return true;
    }

    private void messageMode(byte[] b, int timePos, int recordPos, int recordEnd) throws MalformedForwardException {
        if (!Msgpack.isMap(b, recordPos, recordEnd)) throw new MalformedForwardException("record must be a map");
        if (RecordValidator.skip(b, recordPos, recordEnd) != recordEnd) throw new MalformedForwardException("record has trailing bytes");
        if (metadataPos >= 0) RecordValidator.skip(b, metadataPos, metadataEnd);
        MsgpackWriter w = freshWriter();
        w.raw(EVENT_HEADER, 0, 2);
        writeTime(w, b, timePos, recordPos);
        if (metadataPos >= 0) w.raw(b, metadataPos, metadataEnd - metadataPos); else w.raw(EMPTY_MAP, 0, 1);
        w.raw(b, recordPos, recordEnd - recordPos);
        result(w.array(), 0, w.size(), 1);
    }

    private static final byte[] EVENT_HEADER = {(byte) 0x92, (byte) 0x92};

    private void forwardMode(byte[] b, int pos, int end) throws MalformedForwardException {
        long n = Msgpack.arrayLength(b, pos, end);
        int p = pos + Msgpack.containerHeaderSize(b, pos, end);
        MsgpackWriter w = freshWriter();
        for (long i = 0; i < n; i++) p = rewriteEntry(w, b, p, end, i);
        if (p != end) throw new MalformedForwardException("entries array has trailing bytes");
        if (n > Integer.MAX_VALUE) throw new MalformedForwardException("too many entries");
        result(w.array(), 0, w.size(), (int) n);
    }

    private void packedForward(byte[] b, int pos, int end) throws MalformedForwardException {
        int off = Msgpack.payloadOffset(b, pos, end);
        int len = Msgpack.payloadLength(b, pos, end);
        if (off + len != end) throw new MalformedForwardException("entries payload has trailing bytes");
        PayloadDecompressor.Kind kind = PayloadDecompressor.detect(compression, b, off, len);
        byte[] src = b;
        if (kind != PayloadDecompressor.Kind.NONE) {
            decompressor.decompress(kind, b, off, len);
            src = decompressor.output();
            off = 0;
            len = decompressor.length();
        }
        if (len == 0) throw new MalformedForwardException("empty entries payload");
        int limit = off + len;
        // First pass: validate every entry and see whether all times are EventTime already (Fluency, Fluent Bit
        // and fluentd send them so), in which case the entries go on byte for byte.
        int count = 0;
        boolean rewrite = false;
        int p = off;
        while (p < limit) {
            p = checkEntry(src, p, limit, count);
            if (entryTimeNeedsRewrite) rewrite = true;
            count++;
        }
        if (!rewrite) {
            result(src, off, len, count);
            return;
        }
        MsgpackWriter w = freshWriter();
        p = off;
        for (int i = 0; i < count; i++) p = rewriteEntry(w, src, p, limit, i);
        result(w.array(), 0, w.size(), count);
    }

    /** Set by {@link #checkEntry}: the entry's time is not a canonical EventTime, so it must be rewritten. */
    private boolean entryTimeNeedsRewrite;

    /** Validates the entry at p ([time, record] or [[time, metadata...], record]); returns its end. */
    private int checkEntry(byte[] b, int p, int end, long index) throws MalformedForwardException {
        if (!Msgpack.isArray(b, p, end) || Msgpack.arrayLength(b, p, end) != 2) {
            throw new MalformedForwardException("entry " + index + " is not a [time, record] array");
        }
        int q = p + Msgpack.containerHeaderSize(b, p, end);
        int recordPos;
        if (Msgpack.isArray(b, q, end)) {
            long n = Msgpack.arrayLength(b, q, end);
            if (n < 1) throw new MalformedForwardException("entry " + index + " has an empty header");
            int timePos = q + Msgpack.containerHeaderSize(b, q, end);
            entryTimeNeedsRewrite = timeKind(b, timePos, end, index) != TIME_EVENT;
            int r = Msgpack.skip(b, timePos, end);
            if (n >= 2 && !Msgpack.isMap(b, r, end)) {
                throw new MalformedForwardException("entry " + index + ": metadata must be a map");
            }
            for (long i = 1; i < n; i++) r = RecordValidator.skip(b, r, end);
            recordPos = r;
        } else {
            entryTimeNeedsRewrite = timeKind(b, q, end, index) != TIME_EVENT;
            recordPos = Msgpack.skip(b, q, end);
        }
        if (!Msgpack.isMap(b, recordPos, end)) throw new MalformedForwardException("entry " + index + ": record must be a map");
        return RecordValidator.skip(b, recordPos, end);
    }

    /** Writes the entry at p as [[EventTime, metadata], record]; returns its end. */
    private int rewriteEntry(MsgpackWriter w, byte[] b, int p, int end, long index) throws MalformedForwardException {
        if (!Msgpack.isArray(b, p, end) || Msgpack.arrayLength(b, p, end) != 2) {
            throw new MalformedForwardException("entry " + index + " is not a [time, record] array");
        }
        int q = p + Msgpack.containerHeaderSize(b, p, end);
        w.raw(EVENT_HEADER, 0, 2);
        int recordPos;
        if (Msgpack.isArray(b, q, end)) {
            long n = Msgpack.arrayLength(b, q, end);
            if (n < 1) throw new MalformedForwardException("entry " + index + " has an empty header");
            int timePos = q + Msgpack.containerHeaderSize(b, q, end);
            int r = Msgpack.skip(b, timePos, end);
            writeTime(w, b, timePos, end, index);
            if (n >= 2) {
                if (!Msgpack.isMap(b, r, end)) throw new MalformedForwardException("entry " + index + ": metadata must be a map");
                int metaEnd = RecordValidator.skip(b, r, end);
                w.raw(b, r, metaEnd - r);
                r = metaEnd;
                for (long i = 2; i < n; i++) r = Msgpack.skip(b, r, end);
            } else {
                w.raw(EMPTY_MAP, 0, 1);
            }
            recordPos = r;
        } else {
            writeTime(w, b, q, end, index);
            w.raw(EMPTY_MAP, 0, 1);
            recordPos = Msgpack.skip(b, q, end);
        }
        if (!Msgpack.isMap(b, recordPos, end)) throw new MalformedForwardException("entry " + index + ": record must be a map");
        int recordEnd = RecordValidator.skip(b, recordPos, end);
        w.raw(b, recordPos, recordEnd - recordPos);
        return recordEnd;
    }

    private static final int TIME_EVENT = 0;
    private static final int TIME_OTHER = 1;

    /** TIME_EVENT for a canonical EventTime (fixext8, type 0), TIME_OTHER for a time to convert; else throws. */
    private static int timeKind(byte[] b, int p, int end, long index) throws MalformedForwardException {
        int t = Msgpack.u8(b, p, end);
        if (t == 0xd7) {
            if (p + 10 > end) throw badTime(index, "truncated EventTime");
            if (b[p + 1] != 0) throw badTime(index, "extension type " + b[p + 1] + " is not EventTime");
            if (Msgpack.u32(b, p + 6, end) > 999_999_999L) throw badTime(index, "EventTime nanoseconds out of range");
            return TIME_EVENT;
        }
        if (t == 0xc7) {
            if (Msgpack.u8(b, p + 1, end) != 8 || Msgpack.u8(b, p + 2, end) != 0) throw badTime(index, "extension is not EventTime");
            if (Msgpack.u32(b, p + 7, end) > 999_999_999L) throw badTime(index, "EventTime nanoseconds out of range");
            return TIME_OTHER;
        }
        if (t <= 0x7f || (t >= 0xcc && t <= 0xcf)) return TIME_OTHER;
        if (t >= 0xe0) throw badTime(index, "negative time");
        if (t >= 0xd0 && t <= 0xd3) {
            EventTime signed = Msgpack.readTime(b, p, end);
            if (signed == null || signed.seconds() < 0) throw badTime(index, "negative time");
            return TIME_OTHER;
        }
        if (t == 0xca || t == 0xcb) {
            double d = t == 0xcb ? Double.longBitsToDouble(Msgpack.i64(b, p + 1, end))
                    : Float.intBitsToFloat((int) Msgpack.u32(b, p + 1, end));
            if (!(d >= 0 && d < 4294967296.0)) throw badTime(index, "float time out of range");
            return TIME_OTHER;
        }
        throw badTime(index, "type 0x" + Integer.toHexString(t) + " (expected EventTime, integer or float)");
    }

    private static MalformedForwardException badTime(long index, String why) {
        return new MalformedForwardException((index < 0 ? "time" : "entry " + index + " time") + ": " + why);
    }

    private void writeTime(MsgpackWriter w, byte[] b, int p, int end) throws MalformedForwardException {
        writeTime(w, b, p, end, -1);
    }

    /** Writes the time at p as a canonical EventTime (fixext8, type 0). */
    private void writeTime(MsgpackWriter w, byte[] b, int p, int end, long index) throws MalformedForwardException {
        int kind = timeKind(b, p, end, index);
        if (kind == TIME_EVENT) {
            w.raw(b, p, 10);
            return;
        }
        long seconds;
        long nanos;
        int t = b[p] & 0xff;
        if (t == 0xc7) {
            seconds = Msgpack.u32(b, p + 3, end);
            nanos = Msgpack.u32(b, p + 7, end);
        } else {
            EventTime time = Msgpack.readTime(b, p, end);
            if (time == null) throw badTime(index, "unreadable");
            seconds = time.seconds();
            nanos = time.nanos();
        }
        if (seconds < 0 || seconds > 0xffffffffL) throw badTime(index, "seconds out of range (0 to 2^32-1)");
        byte[] s = timeScratch;
        s[0] = (byte) 0xd7;
        s[1] = 0;
        s[2] = (byte) (seconds >>> 24); s[3] = (byte) (seconds >>> 16); s[4] = (byte) (seconds >>> 8); s[5] = (byte) seconds;
        s[6] = (byte) (nanos >>> 24); s[7] = (byte) (nanos >>> 16); s[8] = (byte) (nanos >>> 8); s[9] = (byte) nanos;
        w.raw(s, 0, 10);
    }

    private MsgpackWriter freshWriter() {
        MsgpackWriter w = writer;
        w.reset();
        return w;
    }

    private void result(byte[] array, int offset, int length, int count) {
        data = array;
        dataOffset = offset;
        dataLength = length;
        records = count;
    }

    /** Releases buffers a large frame grew, so an idle connection keeps little memory. */
    void trim() {
        if (writer.array().length > KEEP_WRITER_BYTES) writer = new MsgpackWriter(16 * 1024);
        decompressor.trim(KEEP_WRITER_BYTES);
    }

    String tag() { return tag; }
    byte[] data() { return data; }
    int dataOffset() { return dataOffset; }
    int dataLength() { return dataLength; }
    int records() { return records; }

    /** Whether the sender asked for an ack (option chunk). */
    boolean wantsAck() { return ackLength >= 0; }

    /** The chunk value as sent (a msgpack str or bin, header included), within the frame's array. */
    int ackOffset() { return ackOffset; }
    int ackLength() { return ackLength; }
}
