package io.tributary.output.kinesis;

import io.tributary.output.aws.EntryResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PutRecordsApiTest {
    private static List<EntryResult> parse(String json, int n) throws Exception {
        return PutRecordsApi.results(json.getBytes(StandardCharsets.UTF_8), n);
    }

    @Test
    void answerWithFailuresGivesOneResultPerEntryInOrder() throws Exception {
        List<EntryResult> r = parse("{\"FailedRecordCount\":1,\"Records\":[{\"SequenceNumber\":\"1\",\"ShardId\":\"s\"},"
                + "{\"ErrorCode\":\"ProvisionedThroughputExceededException\",\"ErrorMessage\":\"Rate exceeded\"},"
                + "{\"SequenceNumber\":\"2\",\"ShardId\":\"s\"}],\"EncryptionType\":\"KMS\"}", 3);
        assertEquals(3, r.size());
        assertEquals(EntryResult.DELIVERED, r.get(0));
        EntryResult.Failed f = (EntryResult.Failed) r.get(1);
        assertEquals("ProvisionedThroughputExceededException", f.code());
        assertTrue(f.retryable() && f.throttled());
        assertEquals(EntryResult.DELIVERED, r.get(2));
    }

    @Test
    void noFailureNeedsNoRecordParsing() throws Exception {
        assertEquals(List.of(EntryResult.DELIVERED, EntryResult.DELIVERED),
                parse("{\"EncryptionType\":\"NONE\",\"FailedRecordCount\":0,\"Records\":[{\"SequenceNumber\":\"1\"},{\"SequenceNumber\":\"2\"}]}", 2));
    }
}
