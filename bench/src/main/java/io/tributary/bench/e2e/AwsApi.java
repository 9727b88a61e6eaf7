package io.tributary.bench.e2e;

/** One AWS batch API as the harness's endpoint serves it: what a request holds and how to answer it. */
interface AwsApi {
    /** The request's entries: how many, and each one's sequence number (-1 when it has none). */
    final class Entries {
        int count;
        long[] seqs = new long[16];
        String[] ids = new String[16];        // SQS entry ids
        String[] md5s = new String[16];       // SQS MD5 of each message body

        void add(long seq, String id, String md5) {
            if (count == seqs.length) {
                seqs = java.util.Arrays.copyOf(seqs, count * 2);
                ids = java.util.Arrays.copyOf(ids, count * 2);
                md5s = java.util.Arrays.copyOf(md5s, count * 2);
            }
            seqs[count] = seq;
            ids[count] = id;
            md5s[count] = md5;
            count++;
        }
    }

    /** A request AWS would refuse: HTTP 400 with this error type and message. */
    final class Refusal extends Exception {
        final String type;

        Refusal(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    /** {@code X-Amz-Target} of the one operation served. */
    String target();

    /** The service name in the SigV4 credential scope. */
    String signingName();

    String contentType();

    /** Most entries in one request. */
    int maxEntries();

    Entries parse(byte[] body) throws Refusal;

    /** The 200 answer; {@code failed[i]} marks entries that fail (throttled or failing once). */
    byte[] answer(Entries entries, boolean[] failed, int failedCount);

    /** The error type a failed entry reports. */
    String entryErrorCode();

    /** Whether the API also takes CBOR ({@code application/x-amz-cbor-1.1}), as Kinesis does for the SDKs. */
    default boolean speaksCbor() { return false; }

    default Entries parseCbor(byte[] body) throws Refusal {
        throw new Refusal("SerializationException", target() + " is served in JSON only");
    }

    default byte[] answerCbor(Entries entries, boolean[] failed, int failedCount) {
        throw new UnsupportedOperationException(target() + " is served in JSON only");
    }
}
