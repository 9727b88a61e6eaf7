package io.tributary.output.sqs;

import io.tributary.engine.Engine;
import io.tributary.record.EventTime;
import io.tributary.record.LogEvent;
import io.tributary.spi.ConfigException;
import io.tributary.testing.Await;
import io.tributary.testing.PushInput;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** sqs through the engine: config text in, records pushed by an input, ElasticMQ out. */
class SqsEngineIT {
    @Test
    void osqueryResultsReachAFifoQueueOnceAndInOrder() throws Exception {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().withAWSRegion("us-east-1").start();
        String endpoint = "http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort();
        try (SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("r", "r"))).build()) {
            String url = sqs.createQueue(b -> b.queueName("osquery-results.fifo")
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", "AKIASQSENGINE", "AWS_SECRET_ACCESS_KEY", "s",
                    "AWS_EC2_METADATA_DISABLED", "true", "HOME", "/nonexistent"));
            env.put("ENDPOINT", endpoint);
            env.put("QUEUE", url);
            Engine engine = Engine.fromText("""
                    [SERVICE]
                        Flush  0.2
                    [INPUT]
                        Name  push
                        Id    sqs-e2e
                        Tag   osquery.results
                    [OUTPUT]
                        Name                  sqs
                        Match                 osquery.*
                        Region                us-east-1
                        Endpoint              ${ENDPOINT}
                        queue_url             ${QUEUE}
                        message_group_id_key  hostIdentifier
                        message_attributes    name
                    """, env);
            engine.start();
            try {
                int total = 300;
                for (int batch = 0; batch < 3; batch++) {
                    List<LogEvent> events = new ArrayList<>();
                    for (int i = batch * 100; i < (batch + 1) * 100; i++) {
                        Map<String, Object> body = new LinkedHashMap<>();
                        body.put("name", "pack_processes");
                        body.put("hostIdentifier", "host-" + (i % 2));
                        body.put("seq", (long) i);
                        events.add(new LogEvent(EventTime.now(), body));
                    }
                    PushInput.context("sqs-e2e").append("osquery.results", events);
                }
                List<Message> got = new ArrayList<>();
                Await.until(Duration.ofSeconds(60), total + " messages received", () -> {
                    List<Message> m = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                            .messageAttributeNames("All").messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID)).messages();
                    for (Message x : m) sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(x.receiptHandle()));
                    got.addAll(m);
                    return got.size() >= total;
                });
                Map<String, Integer> last = new HashMap<>();
                for (Message m : got) {
                    String body = m.body();
                    int seq = Integer.parseInt(body.substring(body.indexOf("\"seq\":") + 6, body.length() - 1));
                    String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                    assertEquals("host-" + (seq % 2), group);
                    Integer before = last.put(group, seq);
                    assertTrue(before == null || before < seq, group + ": " + seq + " after " + before);
                    assertEquals("pack_processes", m.messageAttributes().get("name").stringValue());
                }
                assertEquals(total, got.size());
            } finally {
                engine.stop(Duration.ofSeconds(5));
            }
        } finally {
            server.stopAndWait();
        }
    }

    @Test
    void dryRunRefusesAFifoQueueWithoutGroupAndAMissingQueue() {
        ConfigException e = assertThrows(ConfigException.class, () -> Engine.fromText("""
                [OUTPUT]
                    Name       sqs
                    Match      *
                    Region     us-east-1
                    queue_url  https://sqs.us-east-1.amazonaws.com/123456789012/results.fifo
                [OUTPUT]
                    Name       sqs
                    Match      *
                    Region     us-east-1
                """, Map.of()));
        assertEquals(List.of("inline.conf:1: [sqs] queue 'results.fifo' is a FIFO queue: set message_group_id or "
                        + "message_group_id_key (SQS refuses FIFO messages without a group)",
                "inline.conf:6: [sqs] queue_url or queue_name is required"), e.problems());
    }
}
