package io.tributary.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kill -9 drill ({@link KillNineDrill}) end to end as the issue states it: 1,000,000 records from Fluency with
 * acks → forward with filesystem storage → kinesis_streams → kinesalite, read back with GetRecords, six SIGKILLs.
 * kinesalite takes about 12k records/s on two cores, so the client is paced below that (about 2 minutes).
 */
class KillNineKinesisIT {
    private static final int RECORDS = Integer.getInteger("tributary.kill9.kinesis.records", 1_000_000);
    private static final int KILLS = Integer.getInteger("tributary.kill9.kills", 6);
    private static final int RECORDS_PER_SECOND = Integer.getInteger("tributary.kill9.kinesis.rate", 8_000);

    @TempDir Path dir;

    @Test
    void everyAcknowledgedRecordReachesTheStreamThroughRepeatedSigkill() throws Exception {
        Path storage = dir.resolve("storage");
        DeliveredNumbers delivered = new DeliveredNumbers(RECORDS);
        try (KinesaliteStream kinesis = KinesaliteStream.start("kill9", 2)) {
            KillNineDrill.Destination stream = new KillNineDrill.Destination() {
                @Override public String outputSection() {
                    return """
                            [OUTPUT]
                                Name        kinesis_streams
                                Match       kill9
                                stream      %s
                                region      us-east-1
                                endpoint    %s
                                Retry_Limit no_limits
                            """.formatted(kinesis.stream, kinesis.endpoint);
                }

                @Override public Map<String, String> env() {
                    return Map.of("AWS_ACCESS_KEY_ID", KinesaliteStream.KEY_ID, "AWS_SECRET_ACCESS_KEY", KinesaliteStream.SECRET);
                }

                @Override public void collect(DeliveredNumbers d) { kinesis.collect(d); }
            };
            KillNineDrill.Result r = KillNineDrill.run(dir, storage, RECORDS, KILLS, RECORDS_PER_SECOND, stream, delivered);
            System.out.println(r.describe(delivered));
            assertTrue(r.replayedRecords() > 0, "no kill left a backlog on disk: the kills proved nothing");
            assertEquals(0, delivered.missing(), "acknowledged but never in the stream, e.g. " + delivered.someMissing(20));
            assertTrue(delivered.duplicates() <= r.duplicatesExplained(), delivered.duplicates()
                    + " duplicates, more than the records in flight at the kills could explain");
            assertEquals(List.of(), FilesystemStorageIT.chunkFiles(storage), "every chunk delivered and deleted");
        }
    }
}
