package io.tributary.filter.aws;

import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Fluent Bit's {@code aws} filter (EC2 instance metadata). */
public final class AwsFactory implements FilterFactory {
    static final Option<String> IMDS_VERSION = Option.choice("imds_version", "v1", "v2").defaultValue("v2")
            .doc("IMDS version: v2 (session token) or v1.");
    static final Option<Boolean> AZ = Option.bool("az").defaultValue("true").doc("Add the availability zone as az.");
    static final Option<Boolean> EC2_INSTANCE_ID = Option.bool("ec2_instance_id").defaultValue("true").doc("Add ec2_instance_id.");
    static final Option<Boolean> EC2_INSTANCE_TYPE = Option.bool("ec2_instance_type").defaultValue("false").doc("Add ec2_instance_type.");
    static final Option<Boolean> PRIVATE_IP = Option.bool("private_ip").defaultValue("false").doc("Add private_ip.");
    static final Option<Boolean> VPC_ID = Option.bool("vpc_id").defaultValue("false").doc("Add vpc_id.");
    static final Option<Boolean> AMI_ID = Option.bool("ami_id").defaultValue("false").doc("Add ami_id.");
    static final Option<Boolean> ACCOUNT_ID = Option.bool("account_id").defaultValue("false").doc("Add account_id.");
    static final Option<Boolean> HOSTNAME = Option.bool("hostname").defaultValue("false").doc("Add hostname.");
    static final Option<Boolean> TAGS_ENABLED = Option.bool("tags_enabled").defaultValue("false")
            .doc("Add the instance's tags (needs tags in instance metadata), each under its tag key.");
    static final Option<List<String>> TAGS_INCLUDE = Option.list("tags_include").doc("Only these tag keys (comma list).");
    static final Option<List<String>> TAGS_EXCLUDE = Option.list("tags_exclude").doc("All tag keys but these (comma list).");
    static final Option<Integer> RETRY_INTERVAL_S = Option.integer("retry_interval_s").defaultValue("300").atLeast(0)
            .doc("Seconds before a failed metadata group is fetched again.");
    static final Option<String> IMDS_ENDPOINT = Option.string("imds_endpoint")
            .doc("Tributary: the IMDS base URL (default AWS_EC2_METADATA_SERVICE_ENDPOINT or http://169.254.169.254).");

    @Override public String name() { return "aws"; }

    @Override public String description() {
        return "Adds EC2 instance metadata (az, ec2_instance_id, and optionally type, private IP, VPC, AMI, account,"
                + " hostname and tags) to every record. Records pass without a group that could not be fetched yet.";
    }

    @Override public ConfigSpec spec() {
        return ConfigSpec.of(IMDS_VERSION, AZ, EC2_INSTANCE_ID, EC2_INSTANCE_TYPE, PRIVATE_IP, VPC_ID, AMI_ID, ACCOUNT_ID,
                HOSTNAME, TAGS_ENABLED, TAGS_INCLUDE, TAGS_EXCLUDE, RETRY_INTERVAL_S, IMDS_ENDPOINT);
    }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        String endpoint = config.isSet(IMDS_ENDPOINT) ? config.get(IMDS_ENDPOINT).trim()
                : env.env().getOrDefault("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://169.254.169.254");
        URI uri;
        try {
            uri = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
            if (uri.getScheme() == null || uri.getHost() == null) throw new IllegalArgumentException("needs http://host[:port]");
        } catch (IllegalArgumentException e) {
            throw config.error(IMDS_ENDPOINT, "'" + endpoint + "' is not a URL: " + e.getMessage());
        }
        List<AwsFilter.Field> fields = new ArrayList<>();
        if (config.get(AZ)) fields.add(new AwsFilter.Field("az", "/latest/meta-data/placement/availability-zone"));
        if (config.get(EC2_INSTANCE_ID)) fields.add(new AwsFilter.Field("ec2_instance_id", "/latest/meta-data/instance-id"));
        if (config.get(EC2_INSTANCE_TYPE)) fields.add(new AwsFilter.Field("ec2_instance_type", "/latest/meta-data/instance-type"));
        if (config.get(PRIVATE_IP)) fields.add(new AwsFilter.Field("private_ip", "/latest/meta-data/local-ipv4"));
        if (config.get(VPC_ID)) fields.add(new AwsFilter.Field("vpc_id", null));
        if (config.get(AMI_ID)) fields.add(new AwsFilter.Field("ami_id", "/latest/meta-data/ami-id"));
        if (config.get(ACCOUNT_ID)) fields.add(new AwsFilter.Field("account_id", null));
        if (config.get(HOSTNAME)) fields.add(new AwsFilter.Field("hostname", "/latest/meta-data/hostname"));
        Set<String> include = config.isSet(TAGS_INCLUDE) ? new LinkedHashSet<>(config.get(TAGS_INCLUDE)) : Set.of();
        Set<String> exclude = config.isSet(TAGS_EXCLUDE) ? new LinkedHashSet<>(config.get(TAGS_EXCLUDE)) : Set.of();
        if (!include.isEmpty() && !exclude.isEmpty()) throw config.error(TAGS_INCLUDE, "tags_include and tags_exclude cannot both be set");
        Ec2Metadata imds = new Ec2Metadata(uri, config.get(IMDS_VERSION).equals("v2"), Duration.ofSeconds(1));
        return new AwsFilter(imds, fields, config.get(TAGS_ENABLED), include, exclude, Duration.ofSeconds(config.get(RETRY_INTERVAL_S)));
    }
}
