package io.tributary.input.syslog;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.tributary.spi.ConfigException;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.PluginEnvironment;
import io.tributary.spi.Secret;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The server side of RFC 5425 (syslog over TLS): certificate and key from PEM files, and, when tls.ca_file is
 * set with tls.verify on, clients must present a certificate that chains to that CA (mutual TLS). Built while the
 * config is validated, so a missing or unreadable file fails a dry run rather than the first connection.
 */
final class ServerTls {
    private final SslContext context;
    private final boolean clientCertificates;

    private ServerTls(SslContext context, boolean clientCertificates) {
        this.context = context;
        this.clientCertificates = clientCertificates;
    }

    static ServerTls from(PluginConfig c, PluginEnvironment env) throws ConfigException {
        List<String> problems = new ArrayList<>();
        String crt = c.get(SyslogConfig.TLS_CRT_FILE);
        String key = c.get(SyslogConfig.TLS_KEY_FILE);
        if (crt == null) problems.add(c.error(SyslogConfig.TLS_CRT_FILE, "required with tls on").getMessage());
        if (key == null) problems.add(c.error(SyslogConfig.TLS_KEY_FILE, "required with tls on").getMessage());
        Path crtFile = crt == null ? null : SyslogConfig.resolve(env, crt);
        Path keyFile = key == null ? null : SyslogConfig.resolve(env, key);
        String ca = c.get(SyslogConfig.TLS_CA_FILE);
        Path caFile = ca == null ? null : SyslogConfig.resolve(env, ca);
        if (crtFile != null) SyslogConfig.requireReadable(c, SyslogConfig.TLS_CRT_FILE, crtFile, problems);
        if (keyFile != null) SyslogConfig.requireReadable(c, SyslogConfig.TLS_KEY_FILE, keyFile, problems);
        if (caFile != null) SyslogConfig.requireReadable(c, SyslogConfig.TLS_CA_FILE, caFile, problems);
        if (!problems.isEmpty()) throw new ConfigException(problems);
        Secret password = c.get(SyslogConfig.TLS_KEY_PASSWD);
        boolean mutual = caFile != null && c.get(SyslogConfig.TLS_VERIFY);
        try {
            SslContextBuilder b = SslContextBuilder.forServer(crtFile.toFile(), keyFile.toFile(),
                    password == null ? null : password.reveal());
            if (mutual) b.trustManager(caFile.toFile()).clientAuth(ClientAuth.REQUIRE);
            return new ServerTls(b.build(), mutual);
        } catch (Exception e) {
            // The message names the file problem (bad PEM, wrong password); it never contains the password.
            throw c.error(SyslogConfig.TLS_CRT_FILE, "cannot load certificate/key: " + e.getMessage());
        }
    }

    SslHandler newHandler(ByteBufAllocator alloc) { return context.newHandler(alloc); }

    boolean requiresClientCertificates() { return clientCertificates; }
}
