package io.tributary.filter.aws;

import io.tributary.filter.FilterHarness;
import io.tributary.filter.TestFilterContext;
import io.tributary.parser.ParserRegistry;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FilterPlugin;
import io.tributary.testing.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsFilterIT {
    private static FilterPlugin start(TestFilterContext ctx, FakeImds imds, String... options) throws Exception {
        FilterPlugin f = FilterHarness.create(new AwsFactory(), ParserRegistry.builtIn(),
                Map.of("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url()), options);
        f.start(ctx);
        return f;
    }

    @Test
    void defaultsAddAzAndInstanceIdOverImdsV2() throws Exception {
        try (FakeImds imds = new FakeImds().instance(); TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = start(ctx, imds);
            assertEquals(List.of("{\"log\":\"x\",\"az\":\"eu-west-1a\",\"ec2_instance_id\":\"i-0123456789abcdef0\"}"),
                    FilterHarness.run(f, "t", "{\"log\":\"x\"}"));
            assertEquals(1, imds.tokenRequests.get(), "one token serves every request");
            f.stop();
        }
    }

    @Test
    void everyFieldAndTagsInFluentBitsOrder() throws Exception {
        try (FakeImds imds = new FakeImds().instance(); TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = start(ctx, imds, "ec2_instance_type", "true", "private_ip", "true", "vpc_id", "true", "ami_id", "true",
                    "account_id", "true", "hostname", "true", "tags_enabled", "true", "tags_exclude", "env");
            assertEquals(List.of("{\"log\":\"x\",\"az\":\"eu-west-1a\",\"ec2_instance_id\":\"i-0123456789abcdef0\",\"ec2_instance_type\":\"m5.large\","
                            + "\"private_ip\":\"10.0.1.23\",\"vpc_id\":\"vpc-0a1b2c3d\",\"ami_id\":\"ami-0abcdef1234567890\",\"account_id\":\"123456789012\","
                            + "\"hostname\":\"ip-10-0-1-23.eu-west-1.compute.internal\",\"Name\":\"web-1\",\"team\":\"payments\"}"),
                    FilterHarness.run(f, "t", "{\"log\":\"x\"}"));
            f.stop();
        }
    }

    @Test
    void imdsV1SendsNoToken() throws Exception {
        try (FakeImds imds = new FakeImds().instance(); TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            imds.requireToken = false;
            FilterPlugin f = start(ctx, imds, "imds_version", "v1", "az", "false");
            assertEquals(List.of("{\"ec2_instance_id\":\"i-0123456789abcdef0\"}"), FilterHarness.run(f, "t", "{}"));
            assertEquals(0, imds.tokenRequests.get());
            f.stop();
        }
    }

    @Test
    void v1AgainstAnInstanceRequiringV2AddsNothingButKeepsRecords() throws Exception {
        try (FakeImds imds = new FakeImds().instance(); TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = start(ctx, imds, "imds_version", "v1");
            assertEquals(List.of("{\"log\":\"x\"}"), FilterHarness.run(f, "t", "{\"log\":\"x\"}"));
            f.stop();
        }
    }

    @Test
    void failedGroupsAreRetriedAfterRetryInterval() throws Exception {
        try (FakeImds imds = new FakeImds().instance(); TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            imds.down = true;
            FilterPlugin f = start(ctx, imds, "retry_interval_s", "1");
            assertEquals(List.of("{\"log\":\"x\"}"), FilterHarness.run(f, "t", "{\"log\":\"x\"}"));
            imds.down = false;
            Await.until(Duration.ofSeconds(10), "metadata after the service recovers",
                    () -> FilterHarness.run(f, "t", "{}").get(0).contains("i-0123456789abcdef0"));
            f.stop();
        }
    }

    @Test
    void tagsIncludeAndExcludeAreExclusive() {
        assertThrows(ConfigException.class, () -> FilterHarness.create(new AwsFactory(), "tags_include", "a", "tags_exclude", "b"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new AwsFactory(), "imds_version", "v3"));
        assertTrue(new AwsFactory().spec().find("ec2_instance_id").isPresent());
    }
}
