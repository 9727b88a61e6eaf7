package io.tributary.filter.ecs;

import io.tributary.parser.JsonText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where ECS metadata comes from. Two sources, both documented by AWS:
 * <ul>
 * <li>The task metadata endpoint v4 ({@code ECS_CONTAINER_METADATA_URI_V4}, set in every container of a task,
 *     FireLens sidecars and Fargate included): {@code GET ${uri}/task} describes the task and its containers.</li>
 * <li>The ECS agent introspection API on an EC2 container instance (Fluent Bit's only source):
 *     {@code GET /v1/metadata} for the cluster and instance, {@code GET /v1/tasks?dockerid=SHORT_ID} for the task of a
 *     container.</li>
 * </ul>
 */
abstract sealed class EcsMetadataSource permits EcsMetadataSource.TaskEndpoint, EcsMetadataSource.Agent {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** Cluster-level metadata (no task or container fields). */
    abstract EcsMetadata cluster() throws IOException;

    /** What is known without a container: the cluster, and with the task endpoint the task too. */
    EcsMetadata withoutContainer() throws IOException { return cluster(); }

    /** Metadata for the container whose ID starts with {@code containerId} (12 or 64 hex chars); null if not found. */
    abstract EcsMetadata container(String containerId) throws IOException;

    @SuppressWarnings("unchecked")
    Map<String, Object> getJson(URI uri) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + uri);
        }
        if (resp.statusCode() != 200) throw new IOException(uri.getPath() + " answered HTTP " + resp.statusCode());
        Map<String, Object> m = JsonText.parseObjectOrNull(resp.body());
        if (m == null) throw new IOException(uri.getPath() + " did not answer a JSON object");
        return m;
    }

    static String str(Map<String, Object> m, String key) { return m.get(key) instanceof String s ? s : null; }

    static String text(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v == null ? null : String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> findContainer(Map<String, Object> task, String containerId) {
        if (containerId == null || !(task.get("Containers") instanceof List<?> list)) return null;
        for (Object o : list) {
            if (o instanceof Map<?, ?> c && c.get("DockerId") instanceof String id && id.startsWith(containerId)) {
                return (Map<String, Object>) c;
            }
        }
        return null;
    }

    /** Task metadata endpoint v4: one task, the one this process runs in. */
    static final class TaskEndpoint extends EcsMetadataSource {
        private final URI base;

        TaskEndpoint(URI base) { this.base = base; }

        private Map<String, Object> task() throws IOException { return getJson(URI.create(base + "/task")); }

        @Override EcsMetadata cluster() throws IOException {
            Map<String, Object> t = task();
            return new EcsMetadata(EcsMetadata.clusterNameOf(str(t, "Cluster")), null, null, null,
                    null, null, null, null, null, null, null);
        }

        @Override EcsMetadata withoutContainer() throws IOException { return container(null); }

        @Override EcsMetadata container(String containerId) throws IOException {
            Map<String, Object> t = task();
            String arn = str(t, "TaskARN");
            Map<String, Object> c = findContainer(t, containerId);
            return new EcsMetadata(EcsMetadata.clusterNameOf(str(t, "Cluster")), null, null, null, arn,
                    EcsMetadata.lastArnPart(arn), str(t, "Family"), text(t, "Revision"),
                    c == null ? null : str(c, "Name"), c == null ? null : str(c, "DockerName"),
                    c == null ? null : str(c, "DockerId"));
        }
    }

    /** ECS agent introspection API (EC2 launch type), as Fluent Bit's filter uses it. */
    static final class Agent extends EcsMetadataSource {
        private final URI base;

        Agent(String host, int port) { this.base = URI.create("http://" + host + ":" + port); }

        @Override EcsMetadata cluster() throws IOException {
            Map<String, Object> m = getJson(base.resolve("/v1/metadata"));
            String instanceArn = str(m, "ContainerInstanceArn");
            return new EcsMetadata(EcsMetadata.clusterNameOf(str(m, "Cluster")), instanceArn,
                    EcsMetadata.lastArnPart(instanceArn), str(m, "Version"), null, null, null, null, null, null, null);
        }

        @Override EcsMetadata container(String containerId) throws IOException {
            EcsMetadata cluster = cluster();
            Map<String, Object> t = getJson(base.resolve("/v1/tasks?dockerid=" + containerId));
            String arn = str(t, "Arn");
            Map<String, Object> c = findContainer(t, containerId);
            if (c == null) return null;
            return new EcsMetadata(cluster.clusterName(), cluster.containerInstanceArn(), cluster.containerInstanceId(),
                    cluster.agentVersion(), arn, EcsMetadata.lastArnPart(arn), str(t, "Family"), text(t, "Version"),
                    str(c, "Name"), str(c, "DockerName"), str(c, "DockerId"));
        }
    }
}
