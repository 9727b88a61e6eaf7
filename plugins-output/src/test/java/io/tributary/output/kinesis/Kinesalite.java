package io.tributary.output.kinesis;

import org.junit.jupiter.api.Assumptions;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kinesalite (npm, installed by .ci/install.d/40-aws.sh into test-tools/aws) on 127.0.0.1, started by its small
 * node script so streams are ACTIVE at once, and a plain SDK client to create streams and read records back.
 * Without the tool a test is skipped locally but fails in CI (CI=true).
 */
public final class Kinesalite implements AutoCloseable {
    public static final String KEY_ID = "AKIAKINESALITE000001";
    public static final String SECRET = "kinesalite-secret";

    private final Process process;
    public final String endpoint;
    public final KinesisClient client;

    private Kinesalite(Process process, int port) {
        this.process = process;
        this.endpoint = "http://127.0.0.1:" + port;
        this.client = KinesisClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET))).build();
    }

    public static Kinesalite start() throws IOException {
        Path tools = Path.of("..", "test-tools", "aws").toAbsolutePath().normalize();
        boolean installed = Files.isRegularFile(tools.resolve("node_modules/kinesalite/package.json"));
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("kinesalite is not installed in " + tools + ": run .ci/install.d/40-aws.sh");
        }
        Assumptions.assumeTrue(installed, "kinesalite not installed (run .ci/install.d/40-aws.sh)");
        Process p = new ProcessBuilder("node", "kinesalite.js", "0").directory(tools.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("PORT ")) {
            p.destroyForcibly();
            throw new IllegalStateException("kinesalite did not start: " + line);
        }
        return new Kinesalite(p, Integer.parseInt(line.substring(5).trim()));
    }

    public void createStream(String name, int shards) throws InterruptedException {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (client.describeStream(b -> b.streamName(name)).streamDescription().streamStatus() != StreamStatus.ACTIVE) {
            if (System.nanoTime() > deadline) throw new AssertionError("stream " + name + " not ACTIVE after 30 s");
            Thread.sleep(20);
        }
    }

    /** Every record in every shard, read with GetRecords from the start until each shard is drained. */
    public List<Record> readAll(String stream) {
        List<Record> out = new ArrayList<>();
        for (Shard shard : client.listShards(b -> b.streamName(stream)).shards()) {
            String it = client.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                String current = it;
                GetRecordsResponse r = client.getRecords(b -> b.shardIterator(current).limit(10_000));
                out.addAll(r.records());
                if (r.records().isEmpty()) break;
                it = r.nextShardIterator();
            }
        }
        return out;
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
