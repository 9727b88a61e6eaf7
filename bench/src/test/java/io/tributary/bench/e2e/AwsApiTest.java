package io.tributary.bench.e2e;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsApiTest {
    private static String data(long seq) {
        return Base64.getEncoder().encodeToString(("{\"seq\":" + seq + ",\"log\":\"" + "y".repeat(100) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void putRecordsJsonYieldsEachEntrysSequenceNumberAndAnswersOneResultPerEntry() throws Exception {
        String body = "{\"Records\":[{\"Data\":\"" + data(7) + "\",\"PartitionKey\":\"a\"}, {\"Data\" : \"" + data(123456)
                + "\",\"PartitionKey\":\"b\"},{\"PartitionKey\":\"c\",\"Data\":\"" + data(9) + "\"}],\"StreamName\":\"s1\"}";
        PutRecordsApi api = new PutRecordsApi("s1");
        AwsApi.Entries e = api.parse(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(3, e.count);
        assertArrayEquals(new long[] {7, 123456, 9}, java.util.Arrays.copyOf(e.seqs, 3));
        String answer = new String(api.answer(e, new boolean[] {false, true, false}, 1), StandardCharsets.UTF_8);
        assertTrue(answer.startsWith("{\"FailedRecordCount\":1,\"Records\":[{\"SequenceNumber\""), answer);
        assertEquals(1, answer.split("ProvisionedThroughputExceededException", -1).length - 1);
        assertEquals(2, answer.split("\"ShardId\"", -1).length - 1);
    }

    @Test
    void putRecordsRefusesAnotherStreamAndTooManyEntries() {
        PutRecordsApi api = new PutRecordsApi("s1");
        AwsApi.Refusal r = assertThrows(AwsApi.Refusal.class, () -> api.parse(
                ("{\"Records\":[{\"Data\":\"" + data(1) + "\",\"PartitionKey\":\"a\"}],\"StreamName\":\"other\"}").getBytes(StandardCharsets.UTF_8)));
        assertEquals("ResourceNotFoundException", r.type);
        StringBuilder many = new StringBuilder("{\"StreamName\":\"s1\",\"Records\":[");
        for (int i = 0; i <= PutRecordsApi.MAX_ENTRIES; i++) many.append(i == 0 ? "" : ",").append("{\"Data\":\"").append(data(i)).append("\"}");
        r = assertThrows(AwsApi.Refusal.class, () -> api.parse(many.append("]}").toString().getBytes(StandardCharsets.UTF_8)));
        assertEquals("ValidationException", r.type);
    }

    @Test
    void putRecordsCborAsTheSdkSendsItIndefiniteLengthMapsIncluded() throws Exception {
        // {"StreamName": "s1", "Records": [_ {_ "Data": h'..', "PartitionKey": "a"}, ...]} with indefinite containers
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xbf});
        out.writeBytes(new CborWriter().text("StreamName").text("s1").text("Records").bytes());
        out.write(0x9f);
        for (long seq : new long[] {5, 70000}) {
            out.write(0xbf);
            byte[] rec = ("{\"seq\":" + seq + ",\"log\":\"z\"}").getBytes(StandardCharsets.UTF_8);
            out.writeBytes(new CborWriter().text("Data").bytes(rec).text("PartitionKey").text("pk").bytes());
            out.write(0xff);
        }
        out.write(0xff);
        out.write(0xff);
        PutRecordsApi api = new PutRecordsApi("s1");
        AwsApi.Entries e = api.parseCbor(out.toByteArray());
        assertEquals(2, e.count);
        assertArrayEquals(new long[] {5, 70000}, java.util.Arrays.copyOf(e.seqs, 2));

        CborReader r = new CborReader(api.answerCbor(e, new boolean[] {true, false}, 1));
        assertEquals(CborReader.MAP, r.next().major());
        assertEquals(2, r.arg());
        assertTrue(r.next().textEquals("FailedRecordCount"));
        assertEquals(1, r.next().arg());
        assertTrue(r.next().textEquals("Records"));
        assertEquals(2, r.next().arg());
        assertEquals(CborReader.MAP, r.next().major());
        assertTrue(r.next().textEquals("ErrorCode"));
    }

    @Test
    void firehoseChecksTheDeliveryStreamAndAnswersRequestResponses() throws Exception {
        PutRecordBatchApi api = new PutRecordBatchApi("d1");
        AwsApi.Entries e = api.parse(("{\"DeliveryStreamName\":\"d1\",\"Records\":[{\"Data\":\"" + data(3) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(3, e.seqs[0]);
        assertEquals("{\"FailedPutCount\":0,\"Encrypted\":false,\"RequestResponses\":[{\"RecordId\":\"49546986683135544286507457936321625675700192471156785154\"}]}",
                new String(api.answer(e, new boolean[1], 0), StandardCharsets.UTF_8));
    }

    @Test
    void sqsAnswersTheMd5OfEachBodyAndFailsWithSenderFaultFalse() throws Exception {
        SendMessageBatchApi api = new SendMessageBatchApi("/1/q");
        String body = "{\"QueueUrl\":\"https://127.0.0.1:1/1/q\",\"Entries\":[{\"Id\":\"0\",\"MessageBody\":\"{\\\"seq\\\":11}\"},"
                + "{\"Id\":\"1\",\"MessageBody\":\"hello\"}]}";
        AwsApi.Entries e = api.parse(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(11, e.seqs[0]);
        assertEquals(-1, e.seqs[1]);
        assertEquals("5d41402abc4b2a76b9719d911017c592", e.md5s[1]);   // MD5("hello")
        String answer = new String(api.answer(e, new boolean[] {false, true}, 1), StandardCharsets.UTF_8);
        assertTrue(answer.contains("\"MD5OfMessageBody\":\"" + e.md5s[0] + "\""), answer);
        assertTrue(answer.contains("\"Failed\":[{\"Id\":\"1\",\"SenderFault\":false"), answer);
        AwsApi.Refusal r = assertThrows(AwsApi.Refusal.class, () -> api.parse(
                "{\"QueueUrl\":\"https://127.0.0.1:1/1/q\",\"Entries\":[{\"Id\":\"0\",\"MessageBody\":\"a\"},{\"Id\":\"0\",\"MessageBody\":\"b\"}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals("BatchEntryIdsNotDistinct", r.type);
    }
}
