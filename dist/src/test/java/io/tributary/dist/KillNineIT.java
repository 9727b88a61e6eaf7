package io.tributary.dist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The guarantee filesystem storage exists for: what Tributary acknowledged survives {@code kill -9}. The drill
 * ({@link KillNineDrill}) sends with Fluency and acks into the forward input and kills the process repeatedly; the
 * records go to the file output here, whose every line is checked. Duplicates (records in flight at a kill) are
 * counted and printed.
 */
class KillNineIT {
    private static final int RECORDS = Integer.getInteger("tributary.kill9.records", 1_000_000);
    private static final int KILLS = Integer.getInteger("tributary.kill9.kills", 6);
    private static final int RECORDS_PER_SECOND = Integer.getInteger("tributary.kill9.rate", 25_000);

    @TempDir Path dir;

    @Test
    void everyAcknowledgedRecordIsDeliveredThroughRepeatedSigkill() throws Exception {
        Path storage = dir.resolve("storage");
        Path out = Files.createDirectories(dir.resolve("out"));
        DeliveredNumbers delivered = new DeliveredNumbers(out.resolve("kill9"), RECORDS);
        KillNineDrill.Destination file = new KillNineDrill.Destination() {
            @Override public String outputSection() {
                return """
                        [OUTPUT]
                            Name   file
                            Match  kill9
                            Path   %s
                            Format plain
                        """.formatted(out);
            }

            @Override public void collect(DeliveredNumbers d) throws java.io.IOException { d.refresh(); }
        };
        KillNineDrill.Result r = KillNineDrill.run(dir, storage, RECORDS, KILLS, RECORDS_PER_SECOND, file, delivered);
        System.out.println(r.describe(delivered));
        assertTrue(r.replayedRecords() > 0, "no kill left a backlog on disk: the kills proved nothing");
        assertEquals(0, delivered.missing(), "acknowledged but never delivered, e.g. " + delivered.someMissing(20));
        assertTrue(delivered.duplicates() <= r.duplicatesExplained(), delivered.duplicates()
                + " duplicates, more than the records in flight at the kills could explain");
        assertEquals(List.of(), FilesystemStorageIT.chunkFiles(storage), "every chunk delivered and deleted");
    }
}
