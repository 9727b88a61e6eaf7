package io.tributary.dist;

import io.tributary.record.JsonValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ECS and EKS examples parse, and every Tributary config inside them passes a dry run of the real launcher. */
class DeploymentManifestsIT {
    private static final Path DOCKER = Path.of("..", "docker");
    @TempDir Path dir;

    private void assertDryRunPasses(Path conf) throws Exception {
        try (TributaryProcess p = TributaryProcess.start(Map.of("AWS_REGION", "us-east-1"), "--dry-run", "-c", conf.toString())) {
            assertEquals(0, p.waitFor(Duration.ofSeconds(30)), conf + ":\n" + p.stderr());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ecsTaskDefinitionIsFireLensShapedAndItsConfigRuns() throws Exception {
        Map<String, Object> task = JsonValues.parseObject(Files.readString(DOCKER.resolve("ecs/task-definition.json")));
        List<Map<String, Object>> containers = (List<Map<String, Object>>) task.get("containerDefinitions");
        Map<String, Object> router = containers.stream().filter(c -> c.containsKey("firelensConfiguration")).findFirst().orElseThrow();
        Map<String, Object> firelens = (Map<String, Object>) router.get("firelensConfiguration");
        assertEquals("fluentbit", firelens.get("type"));
        Map<String, Object> app = containers.stream().filter(c -> !c.containsKey("firelensConfiguration")).findFirst().orElseThrow();
        assertEquals("awsfirelens", ((Map<String, Object>) app.get("logConfiguration")).get("logDriver"));
        assertTrue(String.valueOf(router.get("healthCheck")).contains("--health-check"));
        JsonValues.parseObject(Files.readString(DOCKER.resolve("ecs/iam-policies.json")));

        Path extra = DOCKER.resolve("ecs/extra.conf").toAbsolutePath();
        String generated = Files.readString(Path.of("src/test/resources/firelens/fluent-bit.conf"))
                .replace("EXTRA_CONF", extra.toString())
                .replace("/var/run/fluent.sock", dir.resolve("fluent.sock").toString());
        assertDryRunPasses(TributaryProcess.writeConfig(dir, "fluent-bit.conf", generated));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eksManifestsParseAndTheirConfigMapsRun() throws Exception {
        int configs = 0;
        for (String file : List.of("eks/sidecar.yaml", "eks/daemonset.yaml")) {
            Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object d : yaml.loadAll(Files.readString(DOCKER.resolve(file)))) docs.add((Map<String, Object>) d);
            assertFalse(docs.isEmpty(), file);
            assertTrue(docs.stream().anyMatch(d -> "ServiceAccount".equals(d.get("kind"))
                    && String.valueOf(d.get("metadata")).contains("eks.amazonaws.com/role-arn")), file + ": IRSA annotation");
            for (Map<String, Object> d : docs) {
                if (!"ConfigMap".equals(d.get("kind"))) continue;
                Map<String, Object> data = (Map<String, Object>) d.get("data");
                String conf = (String) data.get("fluent-bit.conf");
                String text = conf.replace("/var/lib/tributary/buffer", dir.resolve("buffer" + configs).toString());
                assertDryRunPasses(TributaryProcess.writeConfig(dir, "cm" + configs++ + ".conf", text));
            }
        }
        assertEquals(2, configs);
    }

    @Test
    void imageDefaultConfigRuns() throws Exception {
        String conf = Files.readString(DOCKER.resolve("etc/fluent-bit.conf"))
                .replace("/fluent-bit/parsers/parsers.conf", Path.of("..", "conf", "parsers.conf").toAbsolutePath().toString());
        assertDryRunPasses(TributaryProcess.writeConfig(dir, "image.conf", conf));
    }
}
