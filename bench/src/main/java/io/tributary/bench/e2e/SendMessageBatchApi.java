package io.tributary.bench.e2e;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SQS {@code SendMessageBatch} in the JSON protocol the AWS SDKs speak: at most 10 entries, ids unique, bodies
 * and the whole batch within 1 MiB, the queue URL the one configured (its path: the port is chosen at run time). Answers {@code Successful} entries with the
 * MD5 of each body (the SDK checks it) and {@code Failed} entries with {@code SenderFault: false}.
 */
final class SendMessageBatchApi implements AwsApi {
    static final int MAX_ENTRIES = 10;
    static final int MAX_BATCH_BYTES = 1024 * 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final String queuePath;
    private final java.util.concurrent.atomic.AtomicLong nextMessageId = new java.util.concurrent.atomic.AtomicLong();
    private final ThreadLocal<MessageDigest> md5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    SendMessageBatchApi(String queuePath) { this.queuePath = queuePath; }

    @Override public String target() { return "AmazonSQS.SendMessageBatch"; }
    @Override public String signingName() { return "sqs"; }
    @Override public String contentType() { return "application/x-amz-json-1.0"; }
    @Override public int maxEntries() { return MAX_ENTRIES; }
    @Override public String entryErrorCode() { return "ServiceUnavailable"; }

    @Override
    public Entries parse(byte[] body) throws Refusal {
        Entries e = new Entries();
        String queue = null;
        long batchBytes = 0;
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new Refusal("InvalidParameterValue", "body is not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("QueueUrl")) {
                    queue = p.getText();
                } else if (field.equals("Entries") && v == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String id = null;
                        String text = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken t = p.nextToken();
                            if (f.equals("Id")) id = p.getText();
                            else if (f.equals("MessageBody")) text = p.getText();
                            else if (t.isStructStart()) p.skipChildren();
                        }
                        if (id == null || text == null) throw new Refusal("MissingParameter", "an entry lacks Id or MessageBody");
                        for (int i = 0; i < e.count; i++) {
                            if (e.ids[i].equals(id)) throw new Refusal("BatchEntryIdsNotDistinct", "Id " + id + " repeated");
                        }
                        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                        batchBytes += utf8.length;
                        e.add(seq(text), id, HexFormat.of().formatHex(md5.get().digest(utf8)));
                    }
                } else if (v.isStructStart()) {
                    p.skipChildren();
                }
            }
        } catch (IOException ex) {
            throw new Refusal("InvalidParameterValue", "malformed JSON: " + ex.getMessage());
        }
        if (queue == null || !queue.endsWith(queuePath)) throw new Refusal("AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist: " + queue);
        if (e.count == 0) throw new Refusal("AWS.SimpleQueueService.EmptyBatchRequest", "no entries");
        if (e.count > MAX_ENTRIES) throw new Refusal("AWS.SimpleQueueService.TooManyEntriesInBatchRequest", e.count + " entries");
        if (batchBytes > MAX_BATCH_BYTES) throw new Refusal("AWS.SimpleQueueService.BatchRequestTooLong", batchBytes + " bytes");
        return e;
    }

    /** A unique message id shaped like SQS's (a counter: random UUIDs would cost the endpoint CPU). */
    private String messageId() {
        return String.format("00000000-0000-4000-8000-%012x", nextMessageId.incrementAndGet());
    }

    private static long seq(String body) {
        int k = body.indexOf("\"seq\":");
        if (k < 0) return -1;
        k += 6;
        long v = 0;
        int digits = 0;
        while (k < body.length() && Character.isDigit(body.charAt(k))) { v = v * 10 + (body.charAt(k++) - '0'); digits++; }
        return digits == 0 ? -1 : v;
    }

    @Override
    public byte[] answer(Entries entries, boolean[] failed, int failedCount) {
        JsonStringEncoder esc = JsonStringEncoder.getInstance();
        StringBuilder ok = new StringBuilder(entries.count * 120);
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < entries.count; i++) {
            String id = new String(esc.quoteAsString(entries.ids[i]));
            if (failed[i]) {
                if (!bad.isEmpty()) bad.append(',');
                bad.append("{\"Id\":\"").append(id).append("\",\"SenderFault\":false,\"Code\":\"ServiceUnavailable\",")
                        .append("\"Message\":\"The request has failed due to a temporary failure of the server.\"}");
            } else {
                if (!ok.isEmpty()) ok.append(',');
                ok.append("{\"Id\":\"").append(id).append("\",\"MessageId\":\"").append(messageId())
                        .append("\",\"MD5OfMessageBody\":\"").append(entries.md5s[i]).append("\"}");
            }
        }
        return ("{\"Successful\":[" + ok + "],\"Failed\":[" + bad + "]}").getBytes(StandardCharsets.UTF_8);
    }
}
