package io.tributary.output.firehose;

import io.tributary.output.aws.TestConfig;
import io.tributary.spi.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration mistakes fail creation (and so a dry run) with a message naming the key. */
class FirehoseConfigTest {
    private static final Map<String, String> ENV = Map.of("HOSTNAME", "h");

    private static String problem(String... kv) { return problemAs("firehose", kv); }

    private static String problemAs(String plugin, String... kv) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new FirehoseFactory().create(TestConfig.of(plugin, FirehoseConfig.SPEC, TestConfig.map(kv)), TestConfig.env(ENV)));
        return e.getMessage();
    }

    @Test
    void theDeliveryStreamIsRequiredAndChecked() {
        assertTrue(problem("region", "us-east-1").contains("delivery_stream is required"));
        assertTrue(problem("region", "us-east-1", "delivery_stream", "no spaces").contains("is not a delivery stream name"));
        assertTrue(problem("delivery_stream", "logs").contains("region: is required"));
        assertTrue(problem("region", "us-east-1", "delivery_stream", "logs", "delivery_streem", "x").contains("unknown key 'delivery_streem'"));
    }

    @Test
    void cloudWatchOptionsNeedTheirFormat() {
        assertTrue(problem("region", "us-east-1", "delivery_stream", "logs", "log_group", "g")
                .contains("log_group: applies only with format cloudwatch_logs"));
        assertTrue(problem("region", "us-east-1", "delivery_stream", "logs", "format", "cloudwatch_logs", "compression", "zstd")
                .contains("always gzip-compressed"));
        assertTrue(problem("region", "us-east-1", "delivery_stream", "logs", "format", "cloudwatch_logs", "log_owner", "12")
                .contains("is not a 12-digit AWS account id"));
        assertTrue(problem("region", "us-east-1", "delivery_stream", "logs", "format", "cloudwatch_logs", "log_stream", "$")
                .contains("names no record key"));
        // Fluent Bit's core plugin refuses the pair; the Go plugin (firehose) sends the log_key value only.
        assertTrue(problemAs("kinesis_firehose", "region", "us-east-1", "delivery_stream", "logs", "log_key", "log", "time_key", "t")
                .contains("'time_key' and 'log_key' can not be used together"));
    }

    @Test
    void theGoPluginSendsOnlyTheLogKeyWhenTimeKeyIsSetToo() throws ConfigException {
        FirehoseConfig.Settings s = FirehoseConfig.Settings.from(TestConfig.of("firehose", FirehoseConfig.SPEC, TestConfig.map(
                "region", "us-east-1", "delivery_stream", "logs", "log_key", "log", "time_key", "t")), ENV);
        assertTrue(s.timeKeyIgnored());
        assertEquals(null, s.format().timeKey());
    }

    @Test
    void theOwnerComesFromTheRoleWhenNotSet() throws ConfigException {
        FirehoseConfig.Settings s = FirehoseConfig.Settings.from(TestConfig.of("firehose", FirehoseConfig.SPEC, TestConfig.map(
                "region", "us-east-1", "delivery_stream", "logs", "format", "cloudwatch_logs",
                "role_arn", "arn:aws:iam::210987654321:role/relay", "log_group", "$kubernetes['namespace_name']")), ENV);
        assertEquals("210987654321", s.cloudWatch().owner());
        assertEquals("h", s.cloudWatch().defaultStream());
        assertEquals("$kubernetes['namespace_name']", s.cloudWatch().group().toString());
    }
}
