package io.tributary.output.aws;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Opens connections to one endpoint: TCP (directly or to the environment's proxy, through a CONNECT tunnel for
 * https), then TLS 1.2/1.3 with SNI and, when verifying, the host name checked against the certificate.
 */
final class AwsHttpDialer {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final String host;
    private final int port;
    private final SSLSocketFactory tls;   // null for http
    private final boolean verifyHost;
    private final HttpProxy proxy;        // null when direct
    private final int readTimeoutMillis;

    AwsHttpDialer(URI endpoint, SSLSocketFactory tls, boolean verifyHost, HttpProxy proxy, int readTimeoutMillis) {
        this.host = endpoint.getHost().startsWith("[") ? endpoint.getHost().substring(1, endpoint.getHost().length() - 1)
                : endpoint.getHost();
        boolean https = "https".equalsIgnoreCase(endpoint.getScheme());
        this.port = endpoint.getPort() >= 0 ? endpoint.getPort() : https ? 443 : 80;
        if (https && tls == null) throw new IllegalArgumentException("an https endpoint needs a TLS socket factory");
        this.tls = https ? tls : null;
        this.verifyHost = verifyHost;
        this.proxy = proxy;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** The proxy in use, or null. */
    HttpProxy proxy() { return proxy; }

    AwsHttpConnection open() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            InetSocketAddress to = proxy != null ? new InetSocketAddress(proxy.host(), proxy.port()) : new InetSocketAddress(host, port);
            if (to.isUnresolved()) throw new java.net.UnknownHostException(to.getHostString());
            socket.connect(to, CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(readTimeoutMillis);
            if (tls == null) return new AwsHttpConnection(socket, readTimeoutMillis);
            if (proxy != null) tunnel(socket);
            return new AwsHttpConnection(handshake(socket), readTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private SSLSocket handshake(Socket plain) throws IOException {
        // createSocket with the host name sets SNI for names (not for IP addresses, where SNI is not allowed).
        SSLSocket ssl = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        if (!isIpAddress(host)) p.setServerNames(List.of(new SNIHostName(host)));
        if (verifyHost) p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        return ssl;
    }

    /** Asks the proxy for a tunnel to the endpoint; the answer head is read a byte at a time so none of TLS is eaten. */
    private void tunnel(Socket socket) throws IOException {
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        StringBuilder req = new StringBuilder(160).append("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ")
                .append(authority).append("\r\n");
        if (proxy.authorization() != null) req.append("Proxy-Authorization: ").append(proxy.authorization()).append("\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(req.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        InputStream in = socket.getInputStream();
        String status = headLine(in);
        while (!headLine(in).isEmpty()) {
            // the proxy's headers say nothing we need
        }
        if (status.length() < 12 || !status.startsWith("HTTP/1.") || status.charAt(9) != '2') {
            throw new ProtocolException("proxy " + proxy.host() + ":" + proxy.port() + " refused the tunnel: "
                    + status.replaceAll("[^\\x20-\\x7e]", "?"));
        }
    }

    private static String headLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) throw new EOFException("proxy closed the connection during CONNECT");
            if (line.size() > 8192) throw new ProtocolException("proxy answer line too long");
            if (b != '\r') line.write(b);
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static boolean isIpAddress(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
