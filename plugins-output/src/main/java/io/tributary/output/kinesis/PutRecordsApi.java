package io.tributary.output.kinesis;

import io.tributary.output.aws.AnswerParser;
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
 * Kinesis Data Streams PutRecords (target {@code Kinesis_20131202.PutRecords}): the one call the kinesis output
 * makes. Sent in CBOR as the AWS SDK for Java sends it (record data as byte strings: a quarter smaller than JSON's
 * base64, and nothing to encode), or in JSON 1.1 as Fluent Bit sends it (the {@code protocol} option). The
 * request is written straight from the entries into one buffer; the answer is read with a streaming parser into
 * one result per entry.
 */
final class PutRecordsApi implements BatchApi<KinesisEntry> {
    static final String TARGET = "Kinesis_20131202.PutRecords";
    static final String CBOR_TYPE = "application/x-amz-cbor-1.1";

    private final AwsJsonClient client;
    private final String stream;
    private final BatchLimits limits;
    private final boolean cbor;
    /** Request bodies are up to 5 MiB each: reused, not garbage; a few are kept for the concurrent calls. */
    private final SpareBodies<CborWriter> spareCbor = new SpareBodies<>(4, () -> new CborWriter(16));
    private final SpareBodies<JsonWriter> spareJson = new SpareBodies<>(4, () -> new JsonWriter(16));

    PutRecordsApi(AwsJsonClient client, String stream, BatchLimits limits, boolean cbor) {
        this.client = client;
        this.stream = stream;
        this.limits = limits;
        this.cbor = cbor;
    }


    @Override public BatchLimits limits() { return limits; }

    @Override public int encodedSize(KinesisEntry entry) { return entry.size(); }

    @Override public List<EntryResult> send(List<KinesisEntry> batch) {
        AnswerParser<List<EntryResult>> parse = (answer, n) -> results(answer, n, batch.size());
        if (cbor) {
            return spareCbor.lend(reused -> {
                CborWriter body = cborBody(stream, batch, reused);
                return client.call(TARGET, CBOR_TYPE, body.array(), body.size(), parse);
            });
        }
        return spareJson.lend(reused -> {
            JsonWriter body = body(stream, batch, reused);
            return client.call(TARGET, body.array(), body.size(), parse);
        });
    }

    /** {"StreamName":...,"Records":[{"Data":base64,"PartitionKey":...},...]}, written in one buffer. */
    static JsonWriter body(String stream, List<KinesisEntry> batch) { return body(stream, batch, new JsonWriter(16)); }

    /** As {@link #body(String, List)}, written into {@code w}. */
    static JsonWriter body(String stream, List<KinesisEntry> batch, JsonWriter w) {
        long dataBytes = 0;
        for (KinesisEntry e : batch) dataBytes += e.size();
        w.reset((int) Math.min(Integer.MAX_VALUE - 64, dataBytes * 4 / 3 + 64L * batch.size() + 256));
        w.raw("{\"StreamName\":").string(stream).raw(",\"Records\":[");
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] scratch = new byte[1024];
        for (int i = 0; i < batch.size(); i++) {
            KinesisEntry e = batch.get(i);
            if (i > 0) w.raw((byte) ',');
            w.raw("{\"Data\":\"");
            int encoded = 4 * ((e.data().length + 2) / 3);
            if (scratch.length < encoded) scratch = new byte[Math.max(encoded, scratch.length * 2)];
            int n = base64.encode(e.data(), scratch);
            w.raw(scratch, 0, n).raw("\",\"PartitionKey\":").string(e.partitionKey()).raw((byte) '}');
        }
        return w.raw("]}");
    }

    /** The same request in CBOR: {"StreamName": text, "Records": [{"Data": bytes, "PartitionKey": text}, ...]}. */
    static CborWriter cborBody(String stream, List<KinesisEntry> batch) { return cborBody(stream, batch, null); }

    /** As {@link #cborBody(String, List)}, written into {@code reuse} when given. */
    static CborWriter cborBody(String stream, List<KinesisEntry> batch, CborWriter reuse) {
        long bytes = 0;
        for (KinesisEntry e : batch) bytes += e.size();
        int capacity = (int) Math.min(Integer.MAX_VALUE - 64, bytes + 32L * batch.size() + 256);
        CborWriter w = reuse == null ? new CborWriter(capacity) : reuse.reset(capacity);
        w.map(2).text("StreamName").text(stream).text("Records").array(batch.size());
        for (KinesisEntry e : batch) w.map(2).text("Data").bytes(e.data()).text("PartitionKey").text(e.partitionKey());
        return w;
    }

    private static final EntryResults.ZeroFailures NONE_FAILED = new EntryResults.ZeroFailures("FailedRecordCount");

    /**
     * One result per entry, from {"FailedRecordCount":n,"Records":[{"SequenceNumber",...}|{"ErrorCode",...}]} in
     * JSON or CBOR.
     */
    static List<EntryResult> results(byte[] answer, int expected) throws IOException {
        return results(answer, answer.length, expected);
    }

    /** As {@link #results(byte[], int)} for {@code answer[0, length)}. */
    static List<EntryResult> results(byte[] answer, int length, int expected) throws IOException {
        // The common answer: nothing failed. Its 500 sequence numbers need no parsing.
        if (NONE_FAILED.in(answer, length)) return java.util.Collections.nCopies(expected, EntryResult.DELIVERED);
        return EntryResults.parse(answer, length, "Records", expected);
    }
}
