package io.tributary.filter.ecs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ECS task metadata endpoint v4 ({@code /v4/<id>/task}) and the ECS agent introspection API
 * ({@code /v1/metadata}, {@code /v1/tasks?dockerid=}) on 127.0.0.1, answering with the documented shapes
 * (AWS ECS developer guide: "Task metadata endpoint version 4", "Amazon ECS container agent introspection").
 */
final class FakeEcsEndpoints implements AutoCloseable {
    static final String TASK_ARN = "arn:aws:ecs:us-west-2:111122223333:task/default/158d1c8083dd49d6b527399fd6414f5c";
    static final String APP_ID = "731a0d6a3b4210e2448339bc7015aaa79bfe4fa256384f4102db86ef94cbbc4c";
    static final String ROUTER_ID = "ea32192c8553fbff06c9340478a2ff089b2bb5646fb718b4ee206641c9086d66";

    final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    FakeEcsEndpoints() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() { return server.getAddress().getPort(); }

    String v4() { return "http://127.0.0.1:" + port() + "/v4/ea32192c8553fbff06c9340478a2ff08"; }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            requests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            String query = ex.getRequestURI().getQuery();
            String body = null;
            if (path.equals("/v4/ea32192c8553fbff06c9340478a2ff08/task")) {
                body = "{\"Cluster\":\"arn:aws:ecs:us-west-2:111122223333:cluster/default\",\"TaskARN\":\"" + TASK_ARN + "\","
                        + "\"Family\":\"curltest\",\"Revision\":\"26\",\"DesiredStatus\":\"RUNNING\",\"KnownStatus\":\"RUNNING\","
                        + "\"Containers\":[{\"DockerId\":\"" + ROUTER_ID + "\",\"Name\":\"log_router\",\"DockerName\":\"ecs-curltest-26-log_router-1\"},"
                        + "{\"DockerId\":\"" + APP_ID + "\",\"Name\":\"app\",\"DockerName\":\"ecs-curltest-26-app-2\"}],"
                        + "\"LaunchType\":\"FARGATE\"}";
            } else if (path.equals("/v1/metadata")) {
                body = "{\"Cluster\":\"prod\",\"ContainerInstanceArn\":\"arn:aws:ecs:us-west-2:111122223333:container-instance/prod/4b6d45ea\","
                        + "\"Version\":\"Amazon ECS Agent - v1.74.1 (0ae4e9ae)\"}";
            } else if (path.equals("/v1/tasks") && query != null && query.equals("dockerid=" + APP_ID.substring(0, 12))) {
                body = "{\"Arn\":\"" + TASK_ARN + "\",\"DesiredStatus\":\"RUNNING\",\"KnownStatus\":\"RUNNING\",\"Family\":\"curltest\","
                        + "\"Version\":\"26\",\"Containers\":[{\"DockerId\":\"" + APP_ID + "\",\"DockerName\":\"ecs-curltest-26-app-2\",\"Name\":\"app\"}]}";
            } else if (path.equals("/v1/tasks")) {
                ex.sendResponseHeaders(400, -1);
                return;
            }
            if (body == null) { ex.sendResponseHeaders(404, -1); return; }
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
        }
    }

    @Override public void close() { server.stop(0); }
}
