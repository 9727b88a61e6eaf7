package io.tributary.output.kinesis;

import io.tributary.output.aws.TestConfig;
import io.tributary.spi.ConfigException;
import io.tributary.spi.Option;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad configurations fail at creation (a dry run) with messages that name the key and the problem. */
class KinesisConfigTest {
    private final KinesisFactory factory = new KinesisFactory();

    private ConfigException refused(String plugin, Map<String, String> env, String... kv) {
        return assertThrows(ConfigException.class,
                () -> factory.create(TestConfig.of(plugin, factory.spec(), TestConfig.map(kv)), TestConfig.env(env)));
    }

    private ConfigException refused(String... kv) { return refused("kinesis_streams", Map.of(), kv); }

    @Test
    void streamIsRequired() {
        assertEquals("test.conf:1: [OUTPUT] kinesis_streams: stream is required", refused("region", "us-east-1").getMessage());
    }

    @Test
    void regionIsRequiredFromOptionOrEnvironment() throws Exception {
        assertTrue(refused("stream", "s").getMessage().contains("region: is required (set region, or AWS_REGION"));
        factory.create(TestConfig.of("kinesis", factory.spec(), TestConfig.map("stream", "s")),
                TestConfig.env(Map.of("AWS_DEFAULT_REGION", "ap-southeast-2")));
    }

    @Test
    void badRegionIsNamed() {
        assertEquals("test.conf:1: [kinesis_streams] region: 'us-east' is not an AWS region (e.g. us-east-1)",
                refused("stream", "s", "region", "us-east").getMessage());
    }

    @Test
    void unknownOptionIsRefused() {
        assertEquals("test.conf:1: [OUTPUT] kinesis_streams: unknown key 'strem'",
                refused("strem", "s", "stream", "s", "region", "us-east-1").problems().get(0));
        assertTrue(factory.spec().find("Stream").isPresent(), "keys match case-insensitively");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ConfigException e = refused("stream", "bad stream!", "region", "us-east-1", "aggregation", "on",
                "simple_aggregation", "on", "time_key_format", "%Y %Q", "external_id", "x", "endpoint", "ftp://host");
        String all = e.getMessage();
        assertTrue(all.contains("stream: 'bad stream!' is not a stream name"), all);
        assertTrue(all.contains("simple_aggregation: cannot be used with aggregation"), all);
        assertTrue(all.contains("time_key_format: '%Y %Q': unsupported conversion %Q"), all);
        assertTrue(all.contains("external_id: needs role_arn"), all);
        assertTrue(all.contains("endpoint: 'ftp://host': scheme must be http or https"), all);
        assertEquals(5, e.problems().size(), all);
    }

    @Test
    void timeKeyWithLogKeyFollowsEachPlugin() throws Exception {
        assertTrue(refused("stream", "s", "region", "us-east-1", "log_key", "log", "time_key", "t").getMessage()
                .contains("'time_key' and 'log_key' can not be used together"));
        factory.create(TestConfig.of("kinesis", factory.spec(), TestConfig.map("stream", "s", "region", "us-east-1",
                "log_key", "log", "time_key", "t")), TestConfig.env(Map.of()));
    }

    @Test
    void limitsAreCheckedAgainstTheService() {
        assertTrue(refused("stream", "s", "region", "us-east-1", "batch_bytes", "11M").getMessage()
                .contains("batch_bytes must be at most 10485760"));
        assertTrue(refused("stream", "s", "region", "us-east-1", "batch_records", "501").getMessage()
                .contains("batch_records must be at most 500"));
        assertTrue(refused("kinesis", Map.of(), "stream", "s", "region", "us-east-1", "experimental_concurrency", "11")
                .getMessage().contains("experimental_concurrency must be at most 10"));
    }

    @Test
    void secretsAreHiddenAndTheSpecDocumentsEveryOption() throws Exception {
        ConfigException e = refused("stream", "s", "region", "nowhere", "aws_access_key_id", "AKIAX", "aws_secret_access_key",
                "topsecretvalue", "external_id", "extsecret");
        assertTrue(!e.getMessage().contains("topsecretvalue") && !e.getMessage().contains("extsecret"));
        for (Option<?> o : factory.spec().options()) assertTrue(!o.description().isBlank(), o.name() + " has no description");
    }

    @Test
    void goPluginMappingOfConcurrencyOptions() throws Exception {
        KinesisConfig.Settings s = KinesisConfig.Settings.from(TestConfig.of("kinesis", factory.spec(), TestConfig.map(
                "stream", "s", "region", "us-east-1", "experimental_concurrency", "4", "experimental_concurrency_retries", "7")), Map.of());
        assertEquals(4, s.maxConcurrency());
        assertEquals(7, s.retryPolicy().maxAttempts());
    }

    private static KinesisConfig.Settings settings(Map<String, String> env, String... kv) throws Exception {
        KinesisFactory f = new KinesisFactory();
        return KinesisConfig.Settings.from(TestConfig.of("kinesis_streams", f.spec(), TestConfig.map(kv)), env);
    }

    @Test
    void cborGoesOnlyToAwsOwnEndpointsUnlessChosen() throws Exception {
        java.net.URI aws = java.net.URI.create("https://kinesis.eu-west-1.amazonaws.com");
        java.net.URI vpce = java.net.URI.create("https://vpce-0a1b-xyz.kinesis.eu-west-1.vpce.amazonaws.com");
        java.net.URI china = java.net.URI.create("https://kinesis.cn-north-1.amazonaws.com.cn");
        java.net.URI emulator = java.net.URI.create("http://127.0.0.1:4567");
        KinesisConfig.Settings auto = settings(Map.of(), "stream", "s", "region", "eu-west-1");
        assertTrue(auto.cbor(aws) && auto.cbor(vpce) && auto.cbor(china));
        assertEquals(false, auto.cbor(emulator), "kinesalite and other emulators get JSON, as from Fluent Bit");
        assertEquals(false, settings(Map.of("AWS_CBOR_DISABLE", "true"), "stream", "s", "region", "eu-west-1").cbor(aws));
        assertTrue(settings(Map.of("AWS_CBOR_DISABLE", "false"), "stream", "s", "region", "eu-west-1").cbor(aws));
        assertTrue(settings(Map.of(), "stream", "s", "region", "eu-west-1", "protocol", "cbor").cbor(emulator));
        assertEquals(false, settings(Map.of(), "stream", "s", "region", "eu-west-1", "protocol", "JSON").cbor(aws));
        assertTrue(refused("stream", "s", "region", "us-east-1", "protocol", "xml").getMessage().contains("protocol"));
    }
}
