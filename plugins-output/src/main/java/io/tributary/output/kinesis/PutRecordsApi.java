package io.tributary.output.kinesis;

import io.tributary.output.aws.AwsErrors;
import io.tributary.output.aws.BatchApi;
import io.tributary.output.aws.BatchLimits;
import io.tributary.output.aws.EntryResult;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.util.ArrayList;
import java.util.List;

/** Kinesis Data Streams PutRecords: the one call the kinesis output makes. */
final class PutRecordsApi implements BatchApi<KinesisEntry> {
    private final KinesisClient client;
    private final String stream;
    private final BatchLimits limits;

    PutRecordsApi(KinesisClient client, String stream, BatchLimits limits) {
        this.client = client;
        this.stream = stream;
        this.limits = limits;
    }

    @Override public BatchLimits limits() { return limits; }

    @Override public int encodedSize(KinesisEntry entry) { return entry.size(); }

    @Override public List<EntryResult> send(List<KinesisEntry> batch) {
        List<PutRecordsRequestEntry> records = new ArrayList<>(batch.size());
        for (KinesisEntry e : batch) {
            // The entry's bytes are never changed after encoding, so the SDK may wrap them without a copy.
            records.add(PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArrayUnsafe(e.data()))
                    .partitionKey(e.partitionKey()).build());
        }
        PutRecordsResponse response = client.putRecords(PutRecordsRequest.builder().streamName(stream).records(records).build());
        List<PutRecordsResultEntry> results = response.records();
        List<EntryResult> out = new ArrayList<>(results.size());
        boolean anyFailed = response.failedRecordCount() != null && response.failedRecordCount() > 0;
        for (PutRecordsResultEntry r : results) {
            if (!anyFailed || r.errorCode() == null) {
                out.add(EntryResult.DELIVERED);
            } else {
                // ProvisionedThroughputExceeded, InternalFailure and the KMS errors: none of them is the record's
                // fault, so every failed entry is sent again; throttling codes also slow the sender down.
                out.add(new EntryResult.Failed(r.errorCode(), r.errorMessage(), true, AwsErrors.isThrottling(r.errorCode())));
            }
        }
        return out;
    }
}
