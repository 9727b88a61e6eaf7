package io.tributary.bench.e2e;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kinesis Data Firehose {@code PutRecordBatch}: at most 500 records and 4 MiB per request, 1,000 KiB per record,
 * the delivery stream must be the one configured. Answers {@code {"FailedPutCount", "Encrypted",
 * "RequestResponses":[...]}} with one result per record in order.
 */
final class PutRecordBatchApi implements AwsApi {
    static final int MAX_ENTRIES = 500;
    static final int MAX_RECORD_BYTES = 1000 * 1024;
    private static final byte[] STREAM_FIELD = "\"DeliveryStreamName\"".getBytes(StandardCharsets.US_ASCII);
    private static final String OK_ENTRY = "{\"RecordId\":\"49546986683135544286507457936321625675700192471156785154\"}";
    private static final String FAILED_ENTRY = "{\"ErrorCode\":\"ServiceUnavailableException\",\"ErrorMessage\":\"Slow down.\"}";

    private final String stream;
    private final ConcurrentHashMap<Integer, byte[]> allOk = new ConcurrentHashMap<>();
    private final ThreadLocal<DataFields> scanners = ThreadLocal.withInitial(DataFields::new);

    PutRecordBatchApi(String stream) { this.stream = stream; }

    @Override public String target() { return "Firehose_20150804.PutRecordBatch"; }
    @Override public String signingName() { return "firehose"; }
    @Override public String contentType() { return "application/x-amz-json-1.1"; }
    @Override public int maxEntries() { return MAX_ENTRIES; }
    @Override public String entryErrorCode() { return "ServiceUnavailableException"; }

    @Override
    public Entries parse(byte[] body) throws Refusal {
        if (body.length > 4 * 1024 * 1024) throw new Refusal("InvalidArgumentException", "request of " + body.length + " bytes exceeds 4 MiB");
        if (!PutRecordsApi.names(body, STREAM_FIELD, stream)) {
            throw new Refusal("ResourceNotFoundException", "Firehose " + "delivery stream not found: expected " + stream);
        }
        Entries e = new Entries();
        scanners.get().scan(body, (start, end, seq, decoded) -> {
            if (decoded > MAX_RECORD_BYTES) throw new Refusal("InvalidArgumentException", "record of " + decoded + " bytes exceeds 1,000 KiB");
            e.add(seq, null, null);
        });
        if (e.count == 0 || e.count > MAX_ENTRIES) {
            throw new Refusal("InvalidArgumentException", e.count + " records: PutRecordBatch takes 1 to " + MAX_ENTRIES);
        }
        return e;
    }

    @Override
    public byte[] answer(Entries entries, boolean[] failed, int failedCount) {
        if (failedCount == 0) return allOk.computeIfAbsent(entries.count, n -> build(n, null, 0));
        return build(entries.count, failed, failedCount);
    }

    private static byte[] build(int n, boolean[] failed, int failedCount) {
        StringBuilder sb = new StringBuilder(64 + n * 80).append("{\"FailedPutCount\":").append(failedCount)
                .append(",\"Encrypted\":false,\"RequestResponses\":[");
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(',');
            sb.append(failed != null && failed[i] ? FAILED_ENTRY : OK_ENTRY);
        }
        return sb.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
