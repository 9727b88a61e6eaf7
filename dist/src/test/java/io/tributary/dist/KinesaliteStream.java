package io.tributary.dist;

import io.tributary.testing.Await;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * kinesalite (installed by .ci/install.d/40-aws.sh into test-tools/aws) on 127.0.0.1 with one stream, read back
 * with GetRecords as records arrive: each shard's iterator is kept, so every call reads only what is new.
 */
final class KinesaliteStream implements AutoCloseable {
    static final String KEY_ID = "AKIAKINESALITE000001";
    static final String SECRET = "kinesalite-secret";

    private final Process process;
    private final KinesisClient client;
    final String endpoint;
    final String stream;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    private KinesaliteStream(Process process, int port, String stream) {
        this.process = process;
        this.endpoint = "http://127.0.0.1:" + port;
        this.stream = stream;
        // kinesalite does not speak the CBOR the SDK uses by default.
        System.setProperty("aws.cborEnabled", "false");
        this.client = KinesisClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET))).build();
    }

    static KinesaliteStream start(String stream, int shards) throws IOException, InterruptedException {
        Path tools = Path.of(System.getProperty("tributary.test-tools", "../test-tools")).resolve("aws").toAbsolutePath().normalize();
        if (!Files.isRegularFile(tools.resolve("node_modules/kinesalite/package.json"))) {
            throw new IllegalStateException("kinesalite is not installed in " + tools + ": run .ci/install.d/40-aws.sh");
        }
        Process p = new ProcessBuilder("node", "kinesalite.js", "0").directory(tools.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IllegalStateException("kinesalite did not start: " + line);
        }
        KinesaliteStream k = new KinesaliteStream(p, Integer.parseInt(line.substring(5).trim()), stream);
        k.client.createStream(b -> b.streamName(stream).shardCount(shards));
        Await.until(Duration.ofSeconds(30), "stream " + stream + " ACTIVE", () ->
                k.client.describeStream(b -> b.streamName(stream)).streamDescription().streamStatus() == StreamStatus.ACTIVE);
        for (Shard s : k.client.listShards(b -> b.streamName(stream)).shards()) {
            k.iterators.put(s.shardId(), k.client.getShardIterator(b -> b.streamName(stream).shardId(s.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
        }
        return k;
    }

    /** Hands every record put since the last call to {@code delivered}. */
    void collect(DeliveredNumbers delivered) {
        for (Map.Entry<String, String> e : iterators.entrySet()) {
            String it = e.getValue();
            while (it != null) {
                String current = it;
                GetRecordsResponse r = client.getRecords(b -> b.shardIterator(current).limit(10_000));
                for (Record rec : r.records()) delivered.offer(rec.data().asUtf8String());
                it = r.nextShardIterator();
                if (r.records().isEmpty()) break;
            }
            e.setValue(it);
        }
    }

    @Override public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
