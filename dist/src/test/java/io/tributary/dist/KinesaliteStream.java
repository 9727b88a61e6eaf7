package io.tributary.dist;

import io.tributary.output.kinesis.Kinesalite;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stream on kinesalite (the plugins' test kit starts it), read back with GetRecords as records arrive: each
 * shard's iterator is kept, so every call reads only what is new.
 */
final class KinesaliteStream implements AutoCloseable {
    static final String KEY_ID = Kinesalite.KEY_ID;
    static final String SECRET = Kinesalite.SECRET;

    private final Kinesalite kinesalite;
    final String endpoint;
    final String stream;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    private KinesaliteStream(Kinesalite kinesalite, String stream) {
        this.kinesalite = kinesalite;
        this.endpoint = kinesalite.endpoint;
        this.stream = stream;
    }

    static KinesaliteStream start(String stream, int shards) throws IOException, InterruptedException {
        KinesaliteStream k = new KinesaliteStream(Kinesalite.start(), stream);
        k.kinesalite.createStream(stream, shards);
        for (Shard s : k.kinesalite.client.listShards(b -> b.streamName(stream)).shards()) {
            k.iterators.put(s.shardId(), k.kinesalite.client.getShardIterator(b -> b.streamName(stream)
                    .shardId(s.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
        }
        return k;
    }

    /** Hands every record put since the last call to {@code delivered}. */
    void collect(DeliveredNumbers delivered) {
        for (Map.Entry<String, String> e : iterators.entrySet()) {
            String it = e.getValue();
            while (it != null) {
                String current = it;
                GetRecordsResponse r = kinesalite.client.getRecords(b -> b.shardIterator(current).limit(10_000));
                for (Record rec : r.records()) delivered.offer(rec.data().asUtf8String());
                it = r.nextShardIterator();
                if (r.records().isEmpty()) break;
            }
            e.setValue(it);
        }
    }

    @Override public void close() { kinesalite.close(); }
}
