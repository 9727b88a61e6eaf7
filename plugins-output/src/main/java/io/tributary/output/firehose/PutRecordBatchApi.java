package io.tributary.output.firehose;

import io.tributary.output.aws.AwsErrors;
import io.tributary.output.aws.BatchApi;
import io.tributary.output.aws.BatchLimits;
import io.tributary.output.aws.EntryResult;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.ArrayList;
import java.util.List;

/** Amazon Data Firehose PutRecordBatch: the one call the firehose output makes. */
final class PutRecordBatchApi implements BatchApi<FirehoseEntry> {
    private final FirehoseClient client;
    private final String deliveryStream;
    private final BatchLimits limits;

    PutRecordBatchApi(FirehoseClient client, String deliveryStream, BatchLimits limits) {
        this.client = client;
        this.deliveryStream = deliveryStream;
        this.limits = limits;
    }

    @Override public BatchLimits limits() { return limits; }

    /** Firehose counts a record's data bytes (before base64) against its limits. */
    @Override public int encodedSize(FirehoseEntry entry) { return entry.data().length; }

    @Override public List<EntryResult> send(List<FirehoseEntry> batch) {
        List<Record> records = new ArrayList<>(batch.size());
        for (FirehoseEntry e : batch) {
            // Entry bytes are never changed after encoding, so the SDK may wrap them without a copy.
            records.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(e.data())).build());
        }
        PutRecordBatchResponse response = client.putRecordBatch(PutRecordBatchRequest.builder()
                .deliveryStreamName(deliveryStream).records(records).build());
        boolean anyFailed = response.failedPutCount() != null && response.failedPutCount() > 0;
        List<PutRecordBatchResponseEntry> results = response.requestResponses();
        List<EntryResult> out = new ArrayList<>(results.size());
        for (PutRecordBatchResponseEntry r : results) {
            if (!anyFailed || r.errorCode() == null) {
                out.add(EntryResult.DELIVERED);
            } else {
                // ServiceUnavailableException, InternalFailure and the KMS errors: none is the record's fault, so
                // each failed record goes again; the throttling ones also slow the sender down.
                out.add(new EntryResult.Failed(r.errorCode(), r.errorMessage(), true, AwsErrors.isThrottling(r.errorCode())));
            }
        }
        return out;
    }
}
