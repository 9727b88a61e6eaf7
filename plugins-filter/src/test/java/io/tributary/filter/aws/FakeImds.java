package io.tributary.filter.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An EC2 instance metadata service on 127.0.0.1 that answers as IMDS does: PUT /latest/api/token needs the
 * TTL header (1..21600) and returns a token; with {@code requireToken} (an instance set to "IMDSv2 required")
 * a GET without a valid token gets 401; unknown paths get 404; other methods 405.
 */
final class FakeImds implements AutoCloseable {
    final HttpServer server;
    final Map<String, String> paths = new ConcurrentHashMap<>();
    final Map<String, Boolean> tokens = new ConcurrentHashMap<>();
    final AtomicInteger gets = new AtomicInteger();
    final AtomicInteger tokenRequests = new AtomicInteger();
    volatile boolean requireToken = true;
    volatile boolean down;

    FakeImds() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (down) { reply(ex, 500, "Internal Server Error"); return; }
            if (path.equals("/latest/api/token")) {
                if (!ex.getRequestMethod().equals("PUT")) { reply(ex, 405, ""); return; }
                String ttl = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
                int seconds;
                try { seconds = ttl == null ? -1 : Integer.parseInt(ttl); } catch (NumberFormatException e) { seconds = -1; }
                if (seconds < 1 || seconds > 21600) { reply(ex, 400, "Bad Request"); return; }
                tokenRequests.incrementAndGet();
                String token = "AQAE" + UUID.randomUUID();
                tokens.put(token, true);
                reply(ex, 200, token);
                return;
            }
            if (!ex.getRequestMethod().equals("GET")) { reply(ex, 405, ""); return; }
            String token = ex.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
            if (token != null && !tokens.containsKey(token)) { reply(ex, 401, "Unauthorized"); return; }
            if (requireToken && token == null) { reply(ex, 401, "Unauthorized"); return; }
            gets.incrementAndGet();
            String body = paths.get(path);
            if (body == null) { reply(ex, 404, "Not Found"); return; }
            reply(ex, 200, body);
        }
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
    }

    @Override public void close() { server.stop(0); }

    /** Typical answers of an m5.large in eu-west-1. */
    FakeImds instance() {
        paths.put("/latest/meta-data/placement/availability-zone", "eu-west-1a");
        paths.put("/latest/meta-data/instance-id", "i-0123456789abcdef0");
        paths.put("/latest/meta-data/instance-type", "m5.large");
        paths.put("/latest/meta-data/local-ipv4", "10.0.1.23");
        paths.put("/latest/meta-data/ami-id", "ami-0abcdef1234567890");
        paths.put("/latest/meta-data/hostname", "ip-10-0-1-23.eu-west-1.compute.internal");
        paths.put("/latest/meta-data/mac", "0e:49:61:0f:c3:11");
        paths.put("/latest/meta-data/network/interfaces/macs/0e:49:61:0f:c3:11/vpc-id", "vpc-0a1b2c3d");
        paths.put("/latest/dynamic/instance-identity/document", "{\n  \"accountId\" : \"123456789012\",\n  \"architecture\" : \"x86_64\",\n"
                + "  \"availabilityZone\" : \"eu-west-1a\",\n  \"instanceId\" : \"i-0123456789abcdef0\",\n  \"region\" : \"eu-west-1\"\n}");
        paths.put("/latest/meta-data/tags/instance", "Name\nteam\nenv");
        paths.put("/latest/meta-data/tags/instance/Name", "web-1");
        paths.put("/latest/meta-data/tags/instance/team", "payments");
        paths.put("/latest/meta-data/tags/instance/env", "prod");
        return this;
    }
}
