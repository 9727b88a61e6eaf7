package io.tributary.output.sqs;

import io.tributary.output.aws.AwsErrors;
import io.tributary.output.aws.AwsJsonClient;
import io.tributary.output.aws.BatchApi;
import io.tributary.output.aws.BatchLimits;
import io.tributary.output.aws.EntryResult;
import io.tributary.record.JsonWriter;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * SQS SendMessageBatch (AWS JSON 1.0, target {@code AmazonSQS.SendMessageBatch}): the one call the sqs output
 * makes, written straight from the entries and read back with a streaming parser. A queue given by name is looked
 * up with GetQueueUrl on the first send (not at start, so a queue created after Tributary starts, or a passing
 * outage, costs a retry rather than the pipeline); a failed lookup fails the call and the records wait for the
 * engine's retry.
 */
final class SendMessageBatchApi implements BatchApi<SqsEntry> {
    static final String TARGET = "AmazonSQS.SendMessageBatch";
    static final String GET_QUEUE_URL = "AmazonSQS.GetQueueUrl";

    private final AwsJsonClient client;
    private final String queueName;
    private final BatchLimits limits;
    private final boolean fifo;
    private volatile String queueUrl;
    private final java.util.concurrent.locks.ReentrantLock queueUrlLock = new java.util.concurrent.locks.ReentrantLock();

    SendMessageBatchApi(AwsJsonClient client, String queueUrl, String queueName, BatchLimits limits, boolean fifo) {
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
        // A lock, not synchronized: the first flushes wait here on virtual threads during a network call, which
        // on Java 21-23 would pin their carrier threads.
        queueUrlLock.lock();
        try {
            if (queueUrl == null) {
                JsonWriter w = new JsonWriter(64).raw("{\"QueueName\":").string(queueName).raw((byte) '}');
                queueUrl = client.call(GET_QUEUE_URL, w.array(), w.size(), SendMessageBatchApi::readQueueUrl);
            }
            return queueUrl;
        } finally {
            queueUrlLock.unlock();
        }
    }

    @Override public List<EntryResult> send(List<SqsEntry> batch) {
        JsonWriter body = body(queueUrl(), batch);
        return client.call(TARGET, body.array(), body.size(), (answer, n) -> results(answer, n, batch.size()));
    }

    /**
     * {"QueueUrl":...,"Entries":[{"Id":"0","MessageBody":...,"MessageGroupId":...,"MessageDeduplicationId":...,
     * "MessageAttributes":{name:{"DataType":"String","StringValue":...}}},...]}. Entry ids are the batch positions.
     */
    static JsonWriter body(String queueUrl, List<SqsEntry> batch) {
        long bytes = 0;
        for (SqsEntry e : batch) bytes += e.size();
        JsonWriter w = new JsonWriter((int) Math.min(Integer.MAX_VALUE - 64, bytes + bytes / 8 + 256L * batch.size() + 256));
        w.raw("{\"QueueUrl\":").string(queueUrl).raw(",\"Entries\":[");
        for (int i = 0; i < batch.size(); i++) {
            SqsEntry e = batch.get(i);
            if (i > 0) w.raw((byte) ',');
            w.raw("{\"Id\":\"").raw(Integer.toString(i)).raw("\",\"MessageBody\":").string(e.body());
            if (e.groupId() != null) w.raw(",\"MessageGroupId\":").string(e.groupId());
            if (e.deduplicationId() != null) w.raw(",\"MessageDeduplicationId\":").string(e.deduplicationId());
            if (!e.attributes().isEmpty()) {
                w.raw(",\"MessageAttributes\":{");
                boolean first = true;
                for (Map.Entry<String, String> a : e.attributes().entrySet()) {
                    if (!first) w.raw((byte) ',');
                    first = false;
                    w.string(a.getKey()).raw(":{\"DataType\":\"String\",\"StringValue\":").string(a.getValue()).raw((byte) '}');
                }
                w.raw((byte) '}');
            }
            w.raw((byte) '}');
        }
        return w.raw("]}");
    }

    /**
     * One result per entry, from {"Successful":[{"Id",...}],"Failed":[{"Id","SenderFault","Code","Message"}]}.
     * SenderFault: the message itself is refused (too large for the queue, a bad attribute): dropped and counted.
     * Otherwise SQS failed to take it (throttling, an internal error): sent again. An entry the answer does not
     * mention was not taken either: sent again.
     */
    static List<EntryResult> results(byte[] answer, int length, int entries) throws IOException {
        EntryResult[] out = new EntryResult[entries];
        try (JsonParser p = JsonNodeParser.DEFAULT_JSON_FACTORY.createParser(answer, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                boolean successful = field.equals("Successful");
                if (!(successful || field.equals("Failed")) || t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String id = null;
                    String code = null;
                    String message = null;
                    boolean senderFault = false;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        switch (name) {
                            case "Id" -> id = p.getValueAsString();
                            case "Code" -> code = p.getValueAsString();
                            case "Message" -> message = p.getValueAsString();
                            case "SenderFault" -> senderFault = p.getValueAsBoolean();
                            default -> p.skipChildren();
                        }
                    }
                    int i = index(id, entries);
                    if (i < 0) continue;
                    out[i] = successful ? EntryResult.DELIVERED : new EntryResult.Failed(code == null ? "UnknownError" : code,
                            message, !senderFault, !senderFault && AwsErrors.isThrottling(code));
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) out[i] = new EntryResult.Failed("NoResult", "SendMessageBatch answered nothing for this entry", true, false);
        }
        return Arrays.asList(out);
    }

    /** {"QueueUrl":"..."} */
    static String readQueueUrl(byte[] answer, int length) {
        try (JsonParser p = JsonNodeParser.DEFAULT_JSON_FACTORY.createParser(answer, 0, length)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("QueueUrl")) return p.getValueAsString();
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw SdkClientException.builder().message("unreadable GetQueueUrl answer: " + e).cause(e).build();
        }
        throw SdkClientException.builder().message("GetQueueUrl answered no QueueUrl").build();
    }

    private static int index(String id, int n) {
        if (id == null) return -1;
        try {
            int i = Integer.parseInt(id);
            return i >= 0 && i < n ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
