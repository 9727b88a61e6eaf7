package io.tributary.output.firehose;

import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.BatchApi;
import io.tributary.output.aws.BatchLimits;
import io.tributary.output.aws.EntryResult;
import io.tributary.output.aws.EntryResults;
import io.tributary.output.aws.SpareBodies;
import io.tributary.record.JsonWriter;

import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Amazon Data Firehose PutRecordBatch (JSON 1.1, target {@code Firehose_20150804.PutRecordBatch}): the one call the
 * firehose output makes. The request is written straight from the entries, each record's data base64-encoded
 * once into the request buffer; the answer is read with a streaming parser into one result per entry.
 */
final class PutRecordBatchApi implements BatchApi<FirehoseEntry> {
    static final String TARGET = "Firehose_20150804.PutRecordBatch";

    private final AwsJsonClient client;
    private final String deliveryStream;
    private final BatchLimits limits;
    private final SpareBodies<JsonWriter> spareBodies = new SpareBodies<>(4, () -> new JsonWriter(16));

    PutRecordBatchApi(AwsJsonClient client, String deliveryStream, BatchLimits limits) {
        this.client = client;
        this.deliveryStream = deliveryStream;
        this.limits = limits;
    }

    @Override public BatchLimits limits() { return limits; }

    /** Firehose counts a record's data bytes (before base64) against its limits. */
    @Override public int encodedSize(FirehoseEntry entry) { return entry.data().length; }

    @Override public List<EntryResult> send(List<FirehoseEntry> batch) {
        return spareBodies.lend(reused -> {
            JsonWriter body = body(deliveryStream, batch, reused);
            return client.call(TARGET, body.array(), body.size(), (answer, n) -> results(answer, n, batch.size()));
        });
    }

    /** {"DeliveryStreamName":...,"Records":[{"Data":base64},...]}, written in one buffer. */
    static JsonWriter body(String stream, List<FirehoseEntry> batch) { return body(stream, batch, new JsonWriter(16)); }

    /** As {@link #body(String, List)}, written into {@code w}. */
    static JsonWriter body(String stream, List<FirehoseEntry> batch, JsonWriter w) {
        long dataBytes = 0;
        int largest = 0;
        for (FirehoseEntry e : batch) {
            dataBytes += e.data().length;
            largest = Math.max(largest, e.data().length);
        }
        w.reset((int) Math.min(Integer.MAX_VALUE - 64, dataBytes * 4 / 3 + 16L * batch.size() + 256));
        w.raw("{\"DeliveryStreamName\":").string(stream).raw(",\"Records\":[");
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] scratch = new byte[4 * ((largest + 2) / 3)];
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) w.raw((byte) ',');
            int n = base64.encode(batch.get(i).data(), scratch);
            w.raw("{\"Data\":\"").raw(scratch, 0, n).raw("\"}");
        }
        return w.raw("]}");
    }

    private static final EntryResults.ZeroFailures NONE_FAILED = new EntryResults.ZeroFailures("FailedPutCount");

    /** One result per entry, from {"FailedPutCount":n,"Encrypted":b,"RequestResponses":[{"RecordId"}|{"ErrorCode",...}]}. */
    static List<EntryResult> results(byte[] answer, int length, int expected) throws IOException {
        // The common answer: nothing failed. Its record ids need no parsing.
        if (NONE_FAILED.in(answer, length)) return java.util.Collections.nCopies(expected, EntryResult.DELIVERED);
        return EntryResults.parse(answer, length, "RequestResponses", expected);
    }
}
