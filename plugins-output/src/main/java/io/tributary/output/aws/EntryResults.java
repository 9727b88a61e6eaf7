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
        return parse(answer, answer.length, arrayField, expected);
    }

    /** As {@link #parse(byte[], String, int)} for {@code answer[0, length)}. */
    public static List<EntryResult> parse(byte[] answer, int length, String arrayField, int expected) throws IOException {
        List<EntryResult> out = new ArrayList<>(expected);
        try (JsonParser p = AwsJsonClient.parser(answer, length)) {
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

    /** How far from either end of an answer its top-level failure count can be: before or after the results. */
    private static final int EDGE = 256;

    /**
     * Recognises an answer whose top-level failure count (FailedRecordCount, FailedPutCount) is 0, in JSON or
     * CBOR. The field sits before or after the array of results (beside only a flag or two), so only the answer's
     * first and last bytes are searched, not its 500 results. One per API; thread-safe.
     */
    public static final class ZeroFailures {
        private final byte[] json;
        private final byte[] cbor;

        public ZeroFailures(String countField) {
            byte[] name = countField.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            json = ("\"" + countField + "\":0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            // CBOR: the key as a short text string, then the unsigned integer 0.
            cbor = new byte[name.length + 2];
            cbor[0] = (byte) (0x60 | name.length);
            System.arraycopy(name, 0, cbor, 1, name.length);
        }

        public boolean in(byte[] answer) { return in(answer, answer.length); }

        /** As {@link #in(byte[])} for {@code answer[0, length)}. */
        public boolean in(byte[] answer, int length) {
            boolean isJson = length > 0 && answer[0] == '{';
            byte[] needle = isJson ? json : cbor;
            int head = Math.min(length, EDGE);
            int at = indexOf(answer, needle, 0, head);
            if (at < 0) at = indexOf(answer, needle, Math.max(head - needle.length, length - EDGE), length);
            if (at < 0) return false;
            if (!isJson) return true;
            int after = at + needle.length;
            if (after >= length) return false;
            byte next = answer[after];
            return next == ',' || next == '}' || next == ' ';
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from, int to) {
        outer:
        for (int i = Math.max(0, from); i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
