package io.tributary.output.sqs;

import io.tributary.output.aws.AwsErrors;
import io.tributary.output.aws.BatchApi;
import io.tributary.output.aws.BatchLimits;
import io.tributary.output.aws.EntryResult;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * SQS SendMessageBatch: the one call the sqs output makes. A queue given by name is looked up with GetQueueUrl on
 * the first send (not at start, so a queue created after Tributary starts, or a passing outage, costs a retry
 * rather than the pipeline); a failed lookup fails the call and the records wait for the engine's retry.
 */
final class SendMessageBatchApi implements BatchApi<SqsEntry> {
    private final SqsClient client;
    private final String queueName;
    private final BatchLimits limits;
    private final boolean fifo;
    private volatile String queueUrl;

    SendMessageBatchApi(SqsClient client, String queueUrl, String queueName, BatchLimits limits, boolean fifo) {
        this.client = client;
        this.queueUrl = queueUrl;
        this.queueName = queueName;
        this.limits = limits;
        this.fifo = fifo;
    }

    @Override public BatchLimits limits() { return limits; }

    @Override public int encodedSize(SqsEntry entry) { return entry.size(); }

    /** A FIFO queue keeps the order of arrival within a message group, so the batches go in order. */
    @Override public boolean ordered() { return fifo; }

    String queueUrl() {
        String url = queueUrl;
        if (url != null) return url;
        synchronized (this) {
            if (queueUrl == null) {
                queueUrl = client.getQueueUrl(GetQueueUrlRequest.builder().queueName(queueName).build()).queueUrl();
            }
            return queueUrl;
        }
    }

    @Override public List<EntryResult> send(List<SqsEntry> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            SqsEntry e = batch.get(i);
            SendMessageBatchRequestEntry.Builder b = SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(e.body());
            if (e.groupId() != null) b.messageGroupId(e.groupId());
            if (e.deduplicationId() != null) b.messageDeduplicationId(e.deduplicationId());
            if (!e.attributes().isEmpty()) b.messageAttributes(e.attributes());
            entries.add(b.build());
        }
        SendMessageBatchResponse response = client.sendMessageBatch(SendMessageBatchRequest.builder()
                .queueUrl(queueUrl()).entries(entries).build());
        EntryResult[] out = new EntryResult[batch.size()];
        for (SendMessageBatchResultEntry ok : response.successful()) {
            int i = index(ok.id(), out.length);
            if (i >= 0) out[i] = EntryResult.DELIVERED;
        }
        for (BatchResultErrorEntry f : response.failed()) {
            int i = index(f.id(), out.length);
            if (i < 0) continue;
            // SenderFault: the message itself is refused (too large for the queue, bad attribute): drop and count it.
            // Otherwise SQS failed to take it (throttling, an internal error): send it again.
            boolean retryable = !Boolean.TRUE.equals(f.senderFault());
            out[i] = new EntryResult.Failed(f.code() == null ? "UnknownError" : f.code(), f.message(), retryable,
                    retryable && AwsErrors.isThrottling(f.code()));
        }
        for (int i = 0; i < out.length; i++) {
            // An entry the answer does not mention was not taken: send it again.
            if (out[i] == null) out[i] = new EntryResult.Failed("NoResult", "SendMessageBatch answered nothing for this entry", true, false);
        }
        return Arrays.asList(out);
    }

    private static int index(String id, int n) {
        try {
            int i = Integer.parseInt(id);
            return i >= 0 && i < n ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
