package io.tributary.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kinesis Data Streams {@code PutRecords}: at most 500 entries and 5 MiB per request, 1 MiB of data per record,
 * the stream must be the one configured. Answers {@code {"FailedRecordCount", "Records":[...]}} with one result
 * per entry in order, as Kinesis does.
 */
final class PutRecordsApi implements AwsApi {
    static final int MAX_ENTRIES = 500;
    static final int MAX_RECORD_BYTES = 1024 * 1024;
    private static final byte[] STREAM_FIELD = "\"StreamName\"".getBytes(StandardCharsets.US_ASCII);
    private static final String OK_ENTRY = "{\"SequenceNumber\":\"49546986683135544286507457936321625675700192471156785154\",\"ShardId\":\"shardId-000000000000\"}";
    private static final String FAILED_ENTRY = "{\"ErrorCode\":\"ProvisionedThroughputExceededException\",\"ErrorMessage\":"
            + "\"Rate exceeded for shard shardId-000000000000 in stream bench-stream under account 123456789012.\"}";

    private final String stream;
    private final ConcurrentHashMap<Integer, byte[]> allOk = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, byte[]> allOkCbor = new ConcurrentHashMap<>();
    private final ThreadLocal<DataFields> scanners = ThreadLocal.withInitial(DataFields::new);

    PutRecordsApi(String stream) { this.stream = stream; }

    @Override public String target() { return "Kinesis_20131202.PutRecords"; }
    @Override public String signingName() { return "kinesis"; }
    @Override public String contentType() { return "application/x-amz-json-1.1"; }
    @Override public int maxEntries() { return MAX_ENTRIES; }
    @Override public String entryErrorCode() { return "ProvisionedThroughputExceededException"; }

    @Override
    public Entries parse(byte[] body) throws Refusal {
        if (body.length > 5 * 1024 * 1024) throw new Refusal("ValidationException", "request of " + body.length + " bytes exceeds 5 MiB");
        if (!names(body, STREAM_FIELD, stream)) throw new Refusal("ResourceNotFoundException", "Stream not found: expected " + stream);
        Entries e = new Entries();
        scanners.get().scan(body, (start, end, seq, decoded) -> {
            if (decoded > MAX_RECORD_BYTES) throw new Refusal("ValidationException", "record of " + decoded + " bytes exceeds 1 MiB");
            e.add(seq, null, null);
        });
        if (e.count == 0 || e.count > MAX_ENTRIES) {
            throw new Refusal("ValidationException", e.count + " records: PutRecords takes 1 to " + MAX_ENTRIES);
        }
        return e;
    }

    @Override
    public byte[] answer(Entries entries, boolean[] failed, int failedCount) {
        if (failedCount == 0) return allOk.computeIfAbsent(entries.count, n -> build(n, null, 0));
        return build(entries.count, failed, failedCount);
    }

    private static byte[] build(int n, boolean[] failed, int failedCount) {
        StringBuilder sb = new StringBuilder(64 + n * 130).append("{\"FailedRecordCount\":").append(failedCount)
                .append(",\"Records\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append(failed != null && failed[i] ? FAILED_ENTRY : OK_ENTRY);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Override public boolean speaksCbor() { return true; }

    /** The same request in CBOR: {@code {"Records": [{"Data": bytes, "PartitionKey": text}], "StreamName": text}}. */
    @Override
    public Entries parseCbor(byte[] body) throws Refusal {
        if (body.length > 5 * 1024 * 1024) throw new Refusal("ValidationException", "request of " + body.length + " bytes exceeds 5 MiB");
        CborReader r = new CborReader(body);
        if (r.next().major() != CborReader.MAP) throw new Refusal("SerializationException", "body is not a CBOR map");
        Entries e = new Entries();
        boolean streamOk = false;
        long fields = r.arg();
        for (long f = 0; fields == CborReader.INDEFINITE ? !r.atBreak() : f < fields; f++) {
            if (r.next().major() != CborReader.TEXT) throw new Refusal("SerializationException", "map key is not text");
            if (r.textEquals("StreamName")) {
                streamOk = r.next().major() == CborReader.TEXT && r.textEquals(stream);
            } else if (r.textEquals("Records")) {
                if (r.next().major() != CborReader.ARRAY) throw new Refusal("SerializationException", "Records is not an array");
                long n = r.arg();
                for (long i = 0; n == CborReader.INDEFINITE ? !r.atBreak() : i < n; i++) record(r, e);
            } else {
                r.next().skipValue();
            }
        }
        if (!streamOk) throw new Refusal("ResourceNotFoundException", "Stream not found: expected " + stream);
        if (e.count == 0 || e.count > MAX_ENTRIES) {
            throw new Refusal("ValidationException", e.count + " records: PutRecords takes 1 to " + MAX_ENTRIES);
        }
        return e;
    }

    private static void record(CborReader r, Entries e) throws Refusal {
        if (r.next().major() != CborReader.MAP) throw new Refusal("SerializationException", "a record is not a map");
        long seq = -1;
        boolean data = false;
        long fields = r.arg();
        for (long f = 0; fields == CborReader.INDEFINITE ? !r.atBreak() : f < fields; f++) {
            if (r.next().major() != CborReader.TEXT) throw new Refusal("SerializationException", "map key is not text");
            if (r.textEquals("Data")) {
                if (r.next().major() != CborReader.BYTES) throw new Refusal("SerializationException", "Data is not a byte string");
                int size = r.stringEnd() - r.stringStart();
                if (size > MAX_RECORD_BYTES) throw new Refusal("ValidationException", "record of " + size + " bytes exceeds 1 MiB");
                seq = DataFields.seqIn(r.bytes(), r.stringStart(), Math.min(r.stringEnd(), r.stringStart() + 48));
                data = true;
            } else {
                r.next().skipValue();
            }
        }
        if (!data) throw new Refusal("ValidationException", "a record has no Data");
        e.add(seq, null, null);
    }

    @Override
    public byte[] answerCbor(Entries entries, boolean[] failed, int failedCount) {
        if (failedCount == 0) return allOkCbor.computeIfAbsent(entries.count, n -> buildCbor(n, null, 0));
        return buildCbor(entries.count, failed, failedCount);
    }

    private static byte[] buildCbor(int n, boolean[] failed, int failedCount) {
        CborWriter w = new CborWriter().map(2).text("FailedRecordCount").integer(failedCount).text("Records").array(n);
        for (int i = 0; i < n; i++) {
            if (failed != null && failed[i]) {
                w.map(2).text("ErrorCode").text("ProvisionedThroughputExceededException").text("ErrorMessage")
                        .text("Rate exceeded for shard shardId-000000000000 in stream bench-stream under account 123456789012.");
            } else {
                w.map(2).text("SequenceNumber").text("49546986683135544286507457936321625675700192471156785154")
                        .text("ShardId").text("shardId-000000000000");
            }
        }
        return w.bytes();
    }

    /** Whether the top-level string field {@code field} of the JSON body equals {@code expected}. */
    static boolean names(byte[] body, byte[] field, String expected) {
        int i = DataFields.indexOf(body, field, 0);
        if (i < 0) return false;
        i += field.length;
        while (i < body.length && (body[i] == ' ' || body[i] == ':')) i++;
        if (i >= body.length || body[i] != '"') return false;
        byte[] want = expected.getBytes(StandardCharsets.UTF_8);
        if (i + 1 + want.length >= body.length) return false;
        for (int j = 0; j < want.length; j++) if (body[i + 1 + j] != want[j]) return false;
        return body[i + 1 + want.length] == '"';
    }
}
