package io.tributary.output.aws;

import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.net.URI;
import javax.net.ssl.SSLSocketFactory;

/**
 * What one AWS output instance shares between its calls: the HTTP connections, the credentials (the SDK's
 * providers composed, with STS AssumeRole on top when {@code role_arn} is set), the region and endpoint. Service
 * calls go through {@link #jsonClient}.
 *
 * <p>Service calls use our own keep-alive HTTP/1.1 client ({@link AwsHttpPool}), called from virtual threads: a
 * blocked call parks a virtual thread, not a platform thread. Per call it does a fraction of the SDK's Apache
 * client's work and reads the answer into a reused buffer. The SDK's Apache client is built only when an STS
 * client needs one ({@code role_arn}, web identity), so a plain output loads none of its classes.
 */
public final class AwsTransport implements SdkAutoCloseable {
    /**
     * Apache's wire and header logs and the SDK signer's canonical request print the X-Amz-Security-Token
     * header: never let them reach the log, whatever the level. Held in a field because java.util.logging keeps
     * loggers weakly.
     */
    private static final List<java.util.logging.Logger> SILENCED = List.of(
            java.util.logging.Logger.getLogger("org.apache.hc.client5.http.wire"),
            java.util.logging.Logger.getLogger("org.apache.hc.client5.http.headers"),
            java.util.logging.Logger.getLogger("software.amazon.awssdk.http.apache5.internal.conn.SdkTlsSocketFactory"),
            java.util.logging.Logger.getLogger("software.amazon.awssdk.http.auth.aws.internal.signer"),
            java.util.logging.Logger.getLogger("software.amazon.awssdk.auth.signer"));

    static {
        for (java.util.logging.Logger l : SILENCED) l.setLevel(java.util.logging.Level.OFF);
    }

    private final AwsSettings settings;
    private final SSLSocketFactory tls;   // null when the endpoint is http
    private final AwsCredentialsProvider credentials;
    private final List<SdkAutoCloseable> owned;

    private AwsTransport(AwsSettings settings, SSLSocketFactory tls, AwsCredentialsProvider credentials, List<SdkAutoCloseable> owned) {
        this.settings = settings;
        this.tls = tls;
        this.credentials = credentials;
        this.owned = owned;
    }

    /** Loads the TLS trust and builds the credential chain; nothing connects until the first call. */
    public static AwsTransport open(AwsSettings s, Clock clock) throws IOException, GeneralSecurityException {
        List<SdkAutoCloseable> owned = new ArrayList<>();
        boolean https = s.endpoint().map(e -> !e.isPlainHttp()).orElse(true);
        SSLSocketFactory tls = https ? AwsTls.socketFactory(s) : null;
        StsHttp stsHttp = new StsHttp(s);
        owned.add(stsHttp);
        Region region = Region.of(s.region());
        AwsCredentialsProvider base = baseChain(s, stsHttp, region, clock, owned);
        AwsCredentialsProvider creds = base;
        if (s.roleArn().isPresent()) {
            StsClient sts = stsClient(s, stsHttp.get(), region, base);
            owned.add(sts);
            RoleCredentials role = RoleCredentials.assumeRole(sts, s.roleArn().get(),
                    s.externalId().map(x -> x.reveal()).orElse(null), s.roleSessionName(), s.roleDuration(), clock);
            owned.add(role);
            creds = role;
        }
        return new AwsTransport(s, tls, creds, owned);
    }

    /**
     * The SDK HTTP client the STS client needs, built on first use: outputs with neither role_arn nor web identity
     * never load the Apache client's classes. Its construction lives in {@link SdkApacheHttp} so that even this
     * class's verification does not load them.
     */
    private static final class StsHttp implements SdkAutoCloseable {
        private final AwsSettings settings;
        private SdkHttpClient client;   // touched only while the transport opens, on one thread

        StsHttp(AwsSettings settings) { this.settings = settings; }

        SdkHttpClient get() throws IOException, GeneralSecurityException {
            if (client == null) client = SdkApacheHttp.build(settings);
            return client;
        }

        @Override public void close() {
            if (client != null) client.close();
        }
    }

    /** Static keys (options, then environment), web identity, profile files, ECS task role, EC2 instance role. */
    private static AwsCredentialsProvider baseChain(AwsSettings s, StsHttp http, Region region, Clock clock,
                                                    List<SdkAutoCloseable> owned) throws IOException, GeneralSecurityException {
        Map<String, String> env = s.env();
        List<AwsCredentialsProvider> chain = new ArrayList<>();
        if (s.accessKeyId().isPresent()) {
            chain.add(staticKeys(s.accessKeyId().get(), s.secretAccessKey().get().reveal(),
                    s.sessionToken().map(t -> t.reveal()).orElse(null)));
        }
        String envKey = env.get("AWS_ACCESS_KEY_ID");
        String envSecret = env.get("AWS_SECRET_ACCESS_KEY");
        if (notBlank(envKey) && notBlank(envSecret)) chain.add(staticKeys(envKey, envSecret, env.get("AWS_SESSION_TOKEN")));

        String webRole = env.get("AWS_ROLE_ARN");
        String tokenFile = env.get("AWS_WEB_IDENTITY_TOKEN_FILE");
        if (notBlank(webRole) && notBlank(tokenFile)) {
            StsClient sts = stsClient(s, http.get(), region, AnonymousCredentialsProvider.create());
            owned.add(sts);
            String session = Optional.ofNullable(env.get("AWS_ROLE_SESSION_NAME")).filter(AwsTransport::notBlank)
                    .orElse(s.roleSessionName());
            RoleCredentials web = RoleCredentials.webIdentity(sts, webRole, Path.of(tokenFile), session, clock);
            owned.add(web);
            chain.add(web);
        }

        profileFile(env).ifPresent(file -> {
            String name = s.profile().or(() -> Optional.ofNullable(env.get("AWS_PROFILE")).filter(AwsTransport::notBlank))
                    .orElse("default");
            if (file.profile(name).isPresent()) {
                chain.add(ProfileCredentialsProvider.builder().profileFile(file).profileName(name).build());
            }
        });
        if (notBlank(env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) || notBlank(env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI"))) {
            ContainerCredentialsProvider ecs = ContainerCredentialsProvider.builder().asyncCredentialUpdateEnabled(true).build();
            owned.add(ecs);
            chain.add(ecs);
        }
        if (!"true".equalsIgnoreCase(env.getOrDefault("AWS_EC2_METADATA_DISABLED", ""))) {
            InstanceProfileCredentialsProvider imds = InstanceProfileCredentialsProvider.builder()
                    .asyncCredentialUpdateEnabled(true).build();
            owned.add(imds);
            chain.add(imds);
        }
        if (chain.isEmpty()) {
            return () -> { throw SdkClientException.create("no AWS credentials: none in options, environment, "
                    + "web identity, profile files or container, and instance metadata is disabled"); };
        }
        return AwsCredentialsProviderChain.builder().credentialsProviders(chain).reuseLastProviderEnabled(true).build();
    }

    /** The shared credentials and config files named by the environment (or ~/.aws), when any exists. */
    static Optional<ProfileFile> profileFile(Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path credentials = Path.of(env.getOrDefault("AWS_SHARED_CREDENTIALS_FILE", home + "/.aws/credentials"));
        Path config = Path.of(env.getOrDefault("AWS_CONFIG_FILE", home + "/.aws/config"));
        ProfileFile.Aggregator agg = ProfileFile.aggregator();
        boolean any = false;
        if (Files.isReadable(credentials)) {
            agg.addFile(ProfileFile.builder().content(credentials).type(ProfileFile.Type.CREDENTIALS).build());
            any = true;
        }
        if (Files.isReadable(config)) {
            agg.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
            any = true;
        }
        return any ? Optional.of(agg.build()) : Optional.empty();
    }

    private static AwsCredentialsProvider staticKeys(String id, String secret, String token) {
        return StaticCredentialsProvider.create(notBlank(token)
                ? AwsSessionCredentials.create(id, secret, token) : AwsBasicCredentials.create(id, secret));
    }

    private static StsClient stsClient(AwsSettings s, SdkHttpClient http, Region region, AwsCredentialsProvider creds) {
        var b = StsClient.builder().region(region).credentialsProvider(creds).httpClient(http)
                .overrideConfiguration(stsOverride(s));
        s.stsEndpoint().ifPresent(e -> b.endpointOverride(e.uri()));
        return b.build();
    }

    /** STS calls are rare and off the send path: the SDK's standard retries suit them. */
    private static ClientOverrideConfiguration stsOverride(AwsSettings s) {
        return ClientOverrideConfiguration.builder().apiCallAttemptTimeout(s.httpRequestTimeout()).build();
    }

    /**
     * A client for one JSON-protocol service on this transport: the {@code endpoint} option, or the service's
     * regional endpoint.
     */
    public AwsJsonClient jsonClient(String endpointPrefix, String signingName, String jsonVersion) {
        URI uri = settings.endpoint().map(AwsEndpoint::uri)
                .orElseGet(() -> AwsJsonClient.defaultEndpoint(endpointPrefix, settings.region()));
        AwsHttpPool pool = AwsHttpPool.open(settings, uri, tls);
        owned.add(pool);
        return new AwsJsonClient(pool, credentials, settings.region(), signingName, uri, jsonVersion);
    }

    public AwsCredentialsProvider credentials() { return credentials; }

    public AwsSettings settings() { return settings; }

    private static boolean notBlank(String s) { return s != null && !s.isBlank(); }

    @Override public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) owned.get(i).close();
    }
}
