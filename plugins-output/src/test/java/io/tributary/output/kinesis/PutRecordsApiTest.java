package io.tributary.output.kinesis;

import io.tributary.output.aws.EntryResult;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    @Test
    void cborBodyCarriesTheDataBytesAsTheyAre() throws Exception {
        byte[] a = "{\"log\":\"h\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[300];
        for (int i = 0; i < b.length; i++) b[i] = (byte) i;
        CborWriter w = PutRecordsApi.cborBody("my-stream", List.of(new KinesisEntry(a, "k1", 2, 0, 0),
                new KinesisEntry(b, "clé", 4, 1, 1)));
        JsonNode req = JsonNode.parserBuilder().jsonFactory(new CBORFactory()).build()
                .parse(java.util.Arrays.copyOf(w.array(), w.size()));
        assertEquals("my-stream", req.field("StreamName").orElseThrow().asString());
        List<JsonNode> records = req.field("Records").orElseThrow().asArray();
        assertEquals(2, records.size());
        assertArrayEquals(a, (byte[]) records.get(0).field("Data").orElseThrow().asEmbeddedObject());
        assertEquals("k1", records.get(0).field("PartitionKey").orElseThrow().asString());
        assertArrayEquals(b, (byte[]) records.get(1).field("Data").orElseThrow().asEmbeddedObject());
        assertEquals("clé", records.get(1).field("PartitionKey").orElseThrow().asString());
    }

    @Test
    void cborAnswersAreReadLikeJsonOnes() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("FailedRecordCount", 1);
            g.writeArrayFieldStart("Records");
            g.writeStartObject(); g.writeStringField("SequenceNumber", "1"); g.writeStringField("ShardId", "s"); g.writeEndObject();
            g.writeStartObject(); g.writeStringField("ErrorCode", "InternalFailure"); g.writeStringField("ErrorMessage", "x"); g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        List<EntryResult> r = PutRecordsApi.results(out.toByteArray(), 2);
        assertEquals(EntryResult.DELIVERED, r.get(0));
        assertEquals("InternalFailure", ((EntryResult.Failed) r.get(1)).code());

        out.reset();
        try (var g = new CBORFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("FailedRecordCount", 0);
            g.writeArrayFieldStart("Records");
            g.writeStartObject(); g.writeStringField("SequenceNumber", "1"); g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        assertEquals(List.of(EntryResult.DELIVERED), PutRecordsApi.results(out.toByteArray(), 1));
    }

    @Test
    void failedRecordCountIsFoundAtEitherEndOnly() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 500; i++) many.append(i == 0 ? "" : ",").append("{\"SequenceNumber\":\"").append(i).append("\",\"ShardId\":\"s\"}");
        assertTrue(new io.tributary.output.aws.EntryResults.ZeroFailures("FailedRecordCount").in(("{\"FailedRecordCount\":0,\"Records\":[" + many + "]}").getBytes(StandardCharsets.UTF_8)));
        assertTrue(new io.tributary.output.aws.EntryResults.ZeroFailures("FailedRecordCount").in(("{\"EncryptionType\":\"NONE\",\"Records\":[" + many + "],\"FailedRecordCount\":0}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(false, new io.tributary.output.aws.EntryResults.ZeroFailures("FailedRecordCount").in(("{\"FailedRecordCount\":10,\"Records\":[" + many + "]}").getBytes(StandardCharsets.UTF_8)));
        assertEquals(false, new io.tributary.output.aws.EntryResults.ZeroFailures("FailedRecordCount").in(("{\"Records\":[" + many + "],\"FailedRecordCount\":3}").getBytes(StandardCharsets.UTF_8)));
        List<EntryResult> r = parse("{\"Records\":[{\"SequenceNumber\":\"1\"},{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"x\"}],\"FailedRecordCount\":1}", 2);
        assertEquals(EntryResult.DELIVERED, r.get(0));
        assertEquals("InternalFailure", ((EntryResult.Failed) r.get(1)).code());
    }

    @Test
    void aReusedCborBodyHoldsOnlyTheNewRequest() throws Exception {
        byte[] big = new byte[5000];
        CborWriter first = PutRecordsApi.cborBody("s", List.of(new KinesisEntry(big, "k", 1, 0, 0)));
        CborWriter second = PutRecordsApi.cborBody("s", List.of(new KinesisEntry(new byte[] {1, 2}, "k", 1, 0, 0)), first);
        assertTrue(second == first);
        JsonNode req = JsonNode.parserBuilder().jsonFactory(new CBORFactory()).build()
                .parse(java.util.Arrays.copyOf(second.array(), second.size()));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) req.field("Records").orElseThrow().asArray().get(0).field("Data").orElseThrow().asEmbeddedObject());
        assertTrue(second.size() < 64);
    }
}
