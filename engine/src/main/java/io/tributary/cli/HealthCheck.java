package io.tributary.cli;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Map;

/**
 * {@code tributary --health-check [PORT]}: asks a running Tributary's {@code /api/v2/health} (always served, unlike v1 which needs Health_Check) and exits 0 when it
 * answers 200. For container health checks in an image without curl or a shell.
 */
final class HealthCheck {
    private HealthCheck() {}

    static int run(String[] args, Map<String, String> env) {
        String port = args.length > 1 ? args[1] : env.getOrDefault("TRIBUTARY_HEALTH_PORT", "2020");
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + Integer.parseInt(port)
                    + "/api/v2/health").toURL().openConnection();
            c.setConnectTimeout(3000);
            c.setReadTimeout(3000);
            int status = c.getResponseCode();
            System.out.println("health: HTTP " + status);
            return status == 200 ? 0 : 1;
        } catch (IOException | NumberFormatException e) {
            System.out.println("health: unreachable (" + e.getMessage() + ")");
            return 1;
        }
    }
}
