package io.tributary.input.forward;

import io.tributary.record.EventTime;
import io.tributary.record.MsgpackWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Forward Protocol v1 messages built by hand from the specification, for the modes no real client sends. */
final class Frames {
    private Frames() {}

    static Map<String, Object> record(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }

    /** One {@code [time, record]} entry; time is an EventTime, a Long or a Double. */
    static byte[] entry(Object time, Map<String, Object> record) {
        return new MsgpackWriter().arrayHeader(2).value(time).map(record).toByteArray();
    }

    /** One {@code [[time, metadata], record]} entry. */
    static byte[] entryWithMetadata(EventTime time, Map<String, Object> metadata, Map<String, Object> record) {
        return new MsgpackWriter().arrayHeader(2).arrayHeader(2).eventTime(time).map(metadata).map(record).toByteArray();
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Message mode: {@code [tag, time, record, option?]}. */
    static byte[] message(String tag, Object time, Map<String, Object> record, Map<String, Object> option) {
        MsgpackWriter w = new MsgpackWriter().arrayHeader(option == null ? 3 : 4).string(tag).value(time).map(record);
        if (option != null) w.map(option);
        return w.toByteArray();
    }

    /** Forward mode: {@code [tag, [entry, ...], option?]}. */
    static byte[] forward(String tag, List<byte[]> entries, Map<String, Object> option) {
        MsgpackWriter w = new MsgpackWriter().arrayHeader(option == null ? 2 : 3).string(tag).arrayHeader(entries.size());
        for (byte[] e : entries) w.raw(e, 0, e.length);
        if (option != null) w.map(option);
        return w.toByteArray();
    }

    /** PackedForward: {@code [tag, bin|str, option?]}. */
    static byte[] packed(String tag, byte[] entries, boolean asBin, Map<String, Object> option) {
        MsgpackWriter w = new MsgpackWriter().arrayHeader(option == null ? 2 : 3).string(tag);
        if (asBin) w.binary(entries, 0, entries.length); else w.string(entries, 0, entries.length);
        if (option != null) w.map(option);
        return w.toByteArray();
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    static byte[] zstd(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (io.airlift.compress.zstd.ZstdOutputStream z = new io.airlift.compress.zstd.ZstdOutputStream(out)) {
            z.write(data);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}
