package io.tributary.filter.ecs;

import io.tributary.filter.FilterHarness;
import io.tributary.filter.TestFilterContext;
import io.tributary.parser.ParserRegistry;
import io.tributary.spi.ConfigException;
import io.tributary.spi.FilterPlugin;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EcsFilterIT {
    @Test
    void taskMetadataV4ForAFireLensRecord() throws Exception {
        try (FakeEcsEndpoints ecs = new FakeEcsEndpoints(); TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new EcsFactory(), ParserRegistry.builtIn(), Map.of("ECS_CONTAINER_METADATA_URI_V4", ecs.v4()),
                    "Add", "cluster $ClusterName", "Add", "task_id $TaskID", "Add", "task_def $TaskDefinitionFamily:$TaskDefinitionVersion",
                    "Add", "container $ECSContainerName", "Add", "instance $ContainerInstanceID");
            f.start(ctx);
            List<String> out = FilterHarness.run(f, "app-firelens-158d1c8083dd49d6b527399fd6414f5c",
                    "{\"log\":\"x\",\"container_id\":\"" + FakeEcsEndpoints.APP_ID + "\"}", "{\"log\":\"y\"}");
            assertEquals("{\"log\":\"x\",\"container_id\":\"" + FakeEcsEndpoints.APP_ID + "\",\"cluster\":\"default\","
                    + "\"task_id\":\"158d1c8083dd49d6b527399fd6414f5c\",\"task_def\":\"curltest:26\",\"container\":\"app\"}", out.get(0),
                    "the v4 endpoint has no container instance, so that key is left out");
            assertEquals("{\"log\":\"y\",\"cluster\":\"default\",\"task_id\":\"158d1c8083dd49d6b527399fd6414f5c\",\"task_def\":\"curltest:26\"}",
                    out.get(1), "without a container id, only task fields");
            int requests = ecs.requests.get();
            FilterHarness.run(f, "t", "{\"container_id\":\"" + FakeEcsEndpoints.APP_ID + "\"}");
            assertEquals(requests, ecs.requests.get(), "metadata is cached");
        }
    }

    @Test
    void agentIntrospectionWithTheContainerIdInTheTag() throws Exception {
        try (FakeEcsEndpoints ecs = new FakeEcsEndpoints(); TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new EcsFactory(), ParserRegistry.builtIn(), Map.of(),
                    "Add", "cluster $ClusterName", "Add", "task_arn $TaskARN", "Add", "instance $ContainerInstanceID",
                    "Add", "agent $ECSAgentVersion", "Add", "name $DockerContainerName",
                    "ecs_tag_prefix", "ecs.var.lib.docker.containers.", "ecs_meta_host", "127.0.0.1", "ecs_meta_port", Integer.toString(ecs.port()));
            f.start(ctx);
            String tag = "ecs.var.lib.docker.containers." + FakeEcsEndpoints.APP_ID + "." + FakeEcsEndpoints.APP_ID + "-json.log";
            assertEquals(List.of("{\"log\":\"x\",\"cluster\":\"prod\",\"task_arn\":\"" + FakeEcsEndpoints.TASK_ARN + "\",\"instance\":\"4b6d45ea\","
                    + "\"agent\":\"Amazon ECS Agent - v1.74.1 (0ae4e9ae)\",\"name\":\"ecs-curltest-26-app-2\"}"), FilterHarness.run(f, tag, "{\"log\":\"x\"}"));
            // A container the agent does not know (dual logging of a non-task container): cluster fields only.
            String other = "ecs.var.lib.docker.containers.0123456789ab.log";
            assertEquals(List.of("{\"log\":\"y\",\"cluster\":\"prod\",\"instance\":\"4b6d45ea\",\"agent\":\"Amazon ECS Agent - v1.74.1 (0ae4e9ae)\"}"),
                    FilterHarness.run(f, other, "{\"log\":\"y\"}"));
        }
    }

    @Test
    void clusterMetadataOnly() throws Exception {
        try (FakeEcsEndpoints ecs = new FakeEcsEndpoints(); TestFilterContext ctx = new TestFilterContext(ParserRegistry.builtIn())) {
            FilterPlugin f = FilterHarness.create(new EcsFactory(), ParserRegistry.builtIn(), Map.of(),
                    "Add", "cluster $ClusterName", "Add", "task $TaskID", "cluster_metadata_only", "on",
                    "ecs_meta_port", Integer.toString(ecs.port()));
            f.start(ctx);
            assertEquals(List.of("{\"cluster\":\"prod\"}"), FilterHarness.run(f, "anything", "{}"));
        }
    }

    @Test
    void unreachableEndpointLeavesRecordsUnchanged() throws Exception {
        int closedPort;
        try (FakeEcsEndpoints ecs = new FakeEcsEndpoints()) { closedPort = ecs.port(); }
        FilterPlugin f = FilterHarness.create(new EcsFactory(), ParserRegistry.builtIn(), Map.of(),
                "Add", "cluster $ClusterName", "ecs_meta_port", Integer.toString(closedPort), "agent_endpoint_retries", "0");
        assertEquals(List.of("{\"log\":\"x\"}"), FilterHarness.run(f, "t", "{\"log\":\"x\"}"));
    }

    @Test
    void unknownTemplateVariableIsAConfigError() {
        assertThrows(ConfigException.class, () -> FilterHarness.create(new EcsFactory(), "Add", "x $TaskId"));
        assertThrows(ConfigException.class, () -> FilterHarness.create(new EcsFactory(), "Add", "x"));
    }
}
