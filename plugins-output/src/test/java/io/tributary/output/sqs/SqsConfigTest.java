package io.tributary.output.sqs;

import io.tributary.output.aws.TestConfig;
import io.tributary.spi.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration mistakes fail creation (and so a dry run) with a message naming the key and the fix. */
class SqsConfigTest {
    private static final Map<String, String> ENV = Map.of("HOSTNAME", "h");
    private static final String FIFO = "https://sqs.us-east-1.amazonaws.com/123456789012/results.fifo";
    private static final String STANDARD = "https://sqs.us-east-1.amazonaws.com/123456789012/results";

    private static String problem(String... kv) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new SqsFactory().create(TestConfig.of("sqs", SqsConfig.SPEC, TestConfig.map(kv)), TestConfig.env(ENV)));
        return e.getMessage();
    }

    @Test
    void aFifoQueueNeedsAGroup() {
        String m = problem("region", "us-east-1", "queue_url", FIFO);
        assertTrue(m.contains("test.conf:1: [sqs]") && m.contains("results.fifo' is a FIFO queue")
                && m.contains("message_group_id or message_group_id_key"), m);
    }

    @Test
    void aQueueIsRequiredOnceOnly() {
        assertTrue(problem("region", "us-east-1").contains("queue_url or queue_name is required"));
        assertTrue(problem("region", "us-east-1", "queue_url", STANDARD, "queue_name", "results")
                .contains("queue_name: set queue_url or queue_name, not both"));
        assertTrue(problem("region", "us-east-1", "queue_url", "sqs/results").contains("is not a queue URL"));
        assertTrue(problem("region", "us-east-1", "queue_name", "bad name!").contains("is not a queue name"));
    }

    @Test
    void unknownOptionsAndFifoOnlyOptionsAreRefused() {
        assertTrue(problem("region", "us-east-1", "queue_url", STANDARD, "queue_urll", "x").contains("unknown key 'queue_urll'"));
        assertTrue(problem("region", "us-east-1", "queue_url", STANDARD, "message_deduplication_id_key", "id")
                .contains("message_deduplication_id_key: applies only to FIFO queues"));
        assertTrue(problem("region", "us-east-1", "queue_url", FIFO, "message_group_id", "has space")
                .contains("must be 1 to 128 letters, digits or punctuation"));
    }

    @Test
    void attributesAreCheckedAgainstSqsRules() {
        assertTrue(problem("region", "us-east-1", "queue_url", STANDARD, "message_attributes", "a,b,c,d,e,f,g,h,i,j,k")
                .contains("11 keys, but SQS takes at most 10"));
        assertTrue(problem("region", "us-east-1", "queue_url", STANDARD, "message_attributes", "AWS.thing")
                .contains("cannot name an SQS attribute"));
    }

    @Test
    void aValidFifoConfigGeneratesDeduplicationIdsAndAllowsOneMebibyte() throws ConfigException {
        SqsConfig.Settings s = SqsConfig.Settings.from(TestConfig.of("sqs", SqsConfig.SPEC, TestConfig.map("region", "us-east-1",
                "queue_url", FIFO, "message_group_id_key", "host", "message_attributes", "kubernetes->pod_name",
                "max_message_size", "1M")), ENV);
        assertTrue(s.fifo());
        assertTrue(s.generatedDeduplicationIds());
        assertEquals("kubernetes.pod_name", s.attributes().get(0).name());
        assertEquals(1 << 20, s.limits().maxRecordBytes());
        assertEquals(10, s.limits().maxRecords());
    }

    @Test
    void idsAndTextAreMadeAcceptableToSqs() {
        assertEquals("a_b_c", SqsEncoder.id("a b\u00e9c"));
        assertEquals(128, SqsEncoder.id("x".repeat(300)).length());
        assertEquals("ok\uFFFDok\t\n", SqsEncoder.validText("ok\u0001ok\t\n"));
        assertEquals("\uD83D\uDE00", SqsEncoder.validText("\uD83D\uDE00"));
        assertEquals(4, SqsEncoder.utf8Length("\uD83D\uDE00"));
    }
}
