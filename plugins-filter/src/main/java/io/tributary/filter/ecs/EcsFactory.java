package io.tributary.filter.ecs;

import io.tributary.filter.ConfigTokens;
import io.tributary.spi.ConfigException;
import io.tributary.spi.ConfigSpec;
import io.tributary.spi.FilterFactory;
import io.tributary.spi.FilterPlugin;
import io.tributary.spi.Option;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Fluent Bit's {@code ecs} filter. */
public final class EcsFactory implements FilterFactory {
    static final Option<String> ADD = Option.string("Add").required().multiple()
            .doc("KEY TEMPLATE: add KEY with TEMPLATE, whose $ClusterName, $ContainerInstanceArn, $ContainerInstanceID,"
                    + " $ECSAgentVersion, $TaskARN, $TaskID, $TaskDefinitionFamily, $TaskDefinitionVersion,"
                    + " $ECSContainerName, $DockerContainerName, $ContainerID are replaced.");
    static final Option<String> ECS_TAG_PREFIX = Option.string("ecs_tag_prefix").defaultValue("")
            .doc("Tag prefix after which the 12-character container short ID starts.");
    static final Option<Boolean> CLUSTER_METADATA_ONLY = Option.bool("cluster_metadata_only").defaultValue("false")
            .doc("Only add cluster metadata (cluster, container instance, agent version).");
    static final Option<java.time.Duration> ECS_META_CACHE_TTL = Option.time("ecs_meta_cache_ttl").defaultValue("3600")
            .doc("How long task metadata is cached.");
    static final Option<String> ECS_META_HOST = Option.string("ecs_meta_host").defaultValue("127.0.0.1")
            .doc("ECS agent introspection host (used when ECS_CONTAINER_METADATA_URI_V4 is not set, or when this is set).");
    static final Option<Integer> ECS_META_PORT = Option.integer("ecs_meta_port").defaultValue("51678").range(1, 65535)
            .doc("ECS agent introspection port.");
    static final Option<Integer> AGENT_ENDPOINT_RETRIES = Option.integer("agent_endpoint_retries").defaultValue("2").atLeast(0)
            .doc("Retries of a failed metadata request.");

    @Override public String name() { return "ecs"; }

    @Override public String description() {
        return "Adds ECS cluster, task and container metadata to records. Reads the task metadata endpoint v4"
                + " (ECS_CONTAINER_METADATA_URI_V4: FireLens, Fargate) when the environment has it and ecs_meta_host/port"
                + " are not set; otherwise the ECS agent introspection API as Fluent Bit does (EC2 launch type).";
    }

    @Override public ConfigSpec spec() {
        return ConfigSpec.of(ADD, ECS_TAG_PREFIX, CLUSTER_METADATA_ONLY, ECS_META_CACHE_TTL, ECS_META_HOST, ECS_META_PORT,
                AGENT_ENDPOINT_RETRIES);
    }

    @Override public FilterPlugin create(PluginConfig config, PluginEnvironment env) throws ConfigException {
        List<EcsFilter.Add> adds = new ArrayList<>();
        for (String v : config.getAll(ADD)) {
            List<String> w = ConfigTokens.split(v);
            if (w.size() != 2) throw config.error(ADD, "expected 'KEY TEMPLATE', got '" + v + "'");
            try {
                adds.add(new EcsFilter.Add(w.get(0), EcsTemplate.parse(w.get(1))));
            } catch (IllegalArgumentException e) {
                throw config.error(ADD, e.getMessage());
            }
        }
        String v4 = env.env().get("ECS_CONTAINER_METADATA_URI_V4");
        EcsMetadataSource source;
        if (v4 != null && !v4.isBlank() && !config.isSet(ECS_META_HOST) && !config.isSet(ECS_META_PORT)) {
            try {
                source = new EcsMetadataSource.TaskEndpoint(URI.create(v4.endsWith("/") ? v4.substring(0, v4.length() - 1) : v4));
            } catch (IllegalArgumentException e) {
                throw config.error("ECS_CONTAINER_METADATA_URI_V4 '" + v4 + "' is not a URL");
            }
        } else {
            source = new EcsMetadataSource.Agent(config.get(ECS_META_HOST).trim(), config.get(ECS_META_PORT));
        }
        String prefix = config.get(ECS_TAG_PREFIX);
        return new EcsFilter(source, adds, prefix == null ? "" : prefix.trim(), config.get(CLUSTER_METADATA_ONLY),
                config.get(ECS_META_CACHE_TTL), config.get(AGENT_ENDPOINT_RETRIES));
    }
}
