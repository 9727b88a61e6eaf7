package io.tributary.output.kinesis;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Our CBOR PutRecords is the request the AWS SDK for Java's own Kinesis client sends (it speaks CBOR to Kinesis
 * by default): same content type and target, same fields, data as byte strings. Captured on 127.0.0.1.
 */
class SdkCborParityIT {
    @Test
    void ourCborRequestHasTheSdksShape() throws Exception {
        AtomicReference<byte[]> body = new AtomicReference<>();
        AtomicReference<String> type = new AtomicReference<>();
        AtomicReference<String> target = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            body.set(ex.getRequestBody().readAllBytes());
            type.set(ex.getRequestHeaders().getFirst("Content-Type"));
            target.set(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var g = new CBORFactory().createGenerator(out)) {
                g.writeStartObject();
                g.writeNumberField("FailedRecordCount", 0);
                g.writeArrayFieldStart("Records");
                for (int i = 0; i < 2; i++) {
                    g.writeStartObject();
                    g.writeStringField("SequenceNumber", "4959" + i);
                    g.writeStringField("ShardId", "shardId-000000000000");
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            byte[] answer = out.toByteArray();
            ex.getResponseHeaders().set("Content-Type", PutRecordsApi.CBOR_TYPE);
            ex.sendResponseHeaders(200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        byte[] a = "{\"log\":\"one\"}".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[40];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 7);
        // The build turns CBOR off for the SDK clients that read kinesalite back (-Daws.cborEnabled=false); this
        // client must speak the SDK's default.
        String before = System.setProperty("aws.cborEnabled", "true");
        try (KinesisClient sdk = KinesisClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"))).build()) {
            sdk.putRecords(r -> r.streamName("logs").records(
                    PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArray(a)).partitionKey("k1").build(),
                    PutRecordsRequestEntry.builder().data(SdkBytes.fromByteArray(b)).partitionKey("k2").build()));
        } finally {
            server.stop(0);
            if (before == null) System.clearProperty("aws.cborEnabled");
            else System.setProperty("aws.cborEnabled", before);
        }
        assertEquals(PutRecordsApi.CBOR_TYPE, type.get(), "the SDK spoke CBOR");
        assertEquals(PutRecordsApi.TARGET, target.get());

        CborWriter ours = PutRecordsApi.cborBody("logs", List.of(new KinesisEntry(a, "k1", 2, 0, 0), new KinesisEntry(b, "k2", 2, 1, 1)));
        var cbor = JsonNode.parserBuilder().jsonFactory(new CBORFactory()).build();
        JsonNode theirs = cbor.parse(body.get());
        JsonNode mine = cbor.parse(Arrays.copyOf(ours.array(), ours.size()));
        assertEquals(theirs.asObject().keySet(), mine.asObject().keySet());
        assertEquals(theirs.field("StreamName").orElseThrow().asString(), mine.field("StreamName").orElseThrow().asString());
        List<JsonNode> t = theirs.field("Records").orElseThrow().asArray();
        List<JsonNode> m = mine.field("Records").orElseThrow().asArray();
        assertEquals(t.size(), m.size());
        for (int i = 0; i < t.size(); i++) {
            assertEquals(t.get(i).asObject().keySet(), m.get(i).asObject().keySet());
            assertArrayEquals((byte[]) t.get(i).field("Data").orElseThrow().asEmbeddedObject(),
                    (byte[]) m.get(i).field("Data").orElseThrow().asEmbeddedObject());
            assertEquals(t.get(i).field("PartitionKey").orElseThrow().asString(), m.get(i).field("PartitionKey").orElseThrow().asString());
        }
    }
}
