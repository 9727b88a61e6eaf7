package io.tributary.output.kinesis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A KPL aggregated record being built: the 4 magic bytes {@code F3 89 9A C2}, a protobuf {@code AggregatedRecord}
 * (partition key table, then records that point into it) and the MD5 of the protobuf bytes, as the KPL's
 * aggregation format defines them and the KCL de-aggregates them. "Offer, else flush": {@link #offer} computes the
 * size the record would add and refuses it when the aggregate would exceed the limit.
 */
final class KplAggregate {
    static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_BYTES = 16;

    private final int maxRecordBytes;
    private final Map<String, Integer> keyIndex = new HashMap<>();
    private final List<byte[]> keys = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private final List<Integer> dataKeyIndex = new ArrayList<>();
    private final MessageDigest md5;
    private long protobufBytes;
    private String firstKey;
    private int firstKeyBytes;
    private int firstEvent = -1;
    private int lastEvent = -1;

    KplAggregate(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    boolean isEmpty() { return data.isEmpty(); }

    int count() { return data.size(); }

    /** Adds one user record unless the finished aggregate (with its outer partition key) would exceed the limit. */
    boolean offer(String partitionKey, byte[] record, int event) {
        Integer idx = keyIndex.get(partitionKey);
        long added = 0;
        byte[] keyBytes = null;
        if (idx == null) {
            keyBytes = partitionKey.getBytes(StandardCharsets.UTF_8);
            added += field(keyBytes.length);
        }
        int index = idx == null ? keys.size() : idx;
        added += field(recordBytes(index, record.length));
        String outerKey = firstKey == null ? partitionKey : firstKey;
        int outerKeyBytes = firstKey == null ? utf8Length(partitionKey) : firstKeyBytes;
        if (!isEmpty() && MAGIC.length + protobufBytes + added + MD5_BYTES + outerKeyBytes > maxRecordBytes) return false;
        if (idx == null) {
            keyIndex.put(partitionKey, index);
            keys.add(keyBytes);
        }
        data.add(record);
        dataKeyIndex.add(index);
        protobufBytes += added;
        if (firstKey == null) {
            firstKey = outerKey;
            firstKeyBytes = outerKeyBytes;
            firstEvent = event;
        }
        lastEvent = event;
        return true;
    }

    /** The aggregate as one Kinesis entry; resets this builder. A single record goes as it is, as the KPL does. */
    KinesisEntry finish() {
        KinesisEntry entry;
        if (data.size() == 1) {
            entry = new KinesisEntry(data.get(0), firstKey, firstKeyBytes, firstEvent, lastEvent);
        } else {
            byte[] out = new byte[(int) (MAGIC.length + protobufBytes + MD5_BYTES)];
            System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
            int p = MAGIC.length;
            for (byte[] k : keys) p = bytesField(out, p, 1, k, k.length);
            for (int i = 0; i < data.size(); i++) {
                byte[] d = data.get(i);
                int idx = dataKeyIndex.get(i);
                p = tag(out, p, 3, 2);
                p = varint(out, p, recordBytes(idx, d.length));
                p = tag(out, p, 1, 0);
                p = varint(out, p, idx);
                p = bytesField(out, p, 3, d, d.length);
            }
            md5.reset();
            md5.update(out, MAGIC.length, p - MAGIC.length);
            byte[] sum = md5.digest();
            System.arraycopy(sum, 0, out, p, MD5_BYTES);
            entry = new KinesisEntry(out, firstKey, firstKeyBytes, firstEvent, lastEvent);
        }
        keyIndex.clear();
        keys.clear();
        data.clear();
        dataKeyIndex.clear();
        protobufBytes = 0;
        firstKey = null;
        firstEvent = lastEvent = -1;
        return entry;
    }

    /** Size of a Record message: partition_key_index (field 1, varint) and data (field 3, bytes). */
    private static long recordBytes(int keyIndex, int dataLength) {
        return 1 + varintSize(keyIndex) + field(dataLength);
    }

    /** Size of a length-delimited field with a one-byte tag. */
    private static long field(long length) { return 1 + varintSize(length) + length; }

    private static int varintSize(long v) {
        int n = 1;
        while ((v >>>= 7) != 0) n++;
        return n;
    }

    private static int tag(byte[] out, int p, int field, int wireType) {
        out[p] = (byte) ((field << 3) | wireType);
        return p + 1;
    }

    private static int varint(byte[] out, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            out[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }

    private static int bytesField(byte[] out, int p, int field, byte[] b, int len) {
        p = tag(out, p, field, 2);
        p = varint(out, p, len);
        System.arraycopy(b, 0, out, p, len);
        return p + len;
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) n++;
            else if (c < 0x800) n += 2;
            else if (Character.isHighSurrogate(c)) { n += 4; i++; }
            else n += 3;
        }
        return n;
    }
}
