package io.tributary.output.aws;

import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the per-entry results of a batch answer in the shape Kinesis PutRecords and Firehose PutRecordBatch share:
 * an array of objects under one field (in JSON, or in CBOR for Kinesis), each either a success or carrying {@code ErrorCode}/{@code ErrorMessage}.
 */
public final class EntryResults {
    private EntryResults() {}

    /**
     * One result per entry, in order. Every error code is retryable: those these APIs answer per entry
     * (throughput exceeded, service unavailable, internal failure, KMS errors) are never the record's fault;
     * the throttling ones also slow the sender down.
     */
    public static List<EntryResult> parse(byte[] answer, String arrayField, int expected) throws IOException {
        List<EntryResult> out = new ArrayList<>(expected);
        try (JsonParser p = AwsJsonClient.parser(answer)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IOException("not a JSON or CBOR map");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!field.equals(arrayField) || t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String code = null;
                    String message = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        p.nextToken();
                        if (name.equals("ErrorCode")) code = p.getValueAsString();
                        else if (name.equals("ErrorMessage")) message = p.getValueAsString();
                        else p.skipChildren();
                    }
                    out.add(code == null ? EntryResult.DELIVERED
                            : new EntryResult.Failed(code, message, true, AwsErrors.isThrottling(code)));
                }
            }
        }
        return out;
    }
}
