package io.tributary.output.aws;

import io.tributary.spi.ConfigException;
import io.tributary.spi.PluginConfig;
import io.tributary.spi.Secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shared AWS options of one output instance, validated. Built at creation (also in a dry run), so every
 * mistake is reported before anything connects.
 */
public record AwsSettings(String region, Optional<AwsEndpoint> endpoint, Optional<AwsEndpoint> stsEndpoint,
                          Optional<String> roleArn, Optional<Secret> externalId, String roleSessionName,
                          Duration roleDuration, Optional<String> profile, Optional<String> accessKeyId,
                          Optional<Secret> secretAccessKey, Optional<Secret> sessionToken, boolean autoRetryRequests,
                          Duration httpRequestTimeout, boolean tlsVerify, Optional<Path> tlsCaFile, Optional<Path> tlsCaPath,
                          int maxConcurrency, RetryPolicy retryPolicy, Map<String, String> env) {

    /** AWS region names: us-east-1, us-gov-west-1, cn-north-1, eu-central-2, us-isob-east-1. */
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");
    /** Anything an emulator may call its region. */
    private static final Pattern ANY_REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    public static AwsSettings from(PluginConfig c, Map<String, String> env) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Optional<AwsEndpoint> endpoint = endpoint(c, AwsOptions.ENDPOINT, problems);
        Optional<AwsEndpoint> sts = endpoint(c, AwsOptions.STS_ENDPOINT, problems);

        String region = c.find(AwsOptions.REGION).map(String::trim)
                .or(() -> Optional.ofNullable(env.get("AWS_REGION")).filter(s -> !s.isBlank()))
                .or(() -> Optional.ofNullable(env.get("AWS_DEFAULT_REGION")).filter(s -> !s.isBlank()))
                .orElse(null);
        if (region == null) {
            problems.add(c.error(AwsOptions.REGION, "is required (set region, or AWS_REGION in the environment)").getMessage());
        } else if (!(endpoint.isPresent() ? ANY_REGION : AWS_REGION).matcher(region).matches()) {
            problems.add(c.error(AwsOptions.REGION, "'" + region + "' is not an AWS region (e.g. us-east-1)").getMessage());
        }

        Optional<String> roleArn = c.find(AwsOptions.ROLE_ARN).map(String::trim);
        roleArn.filter(a -> !ROLE_ARN.matcher(a).matches()).ifPresent(a -> problems.add(c.error(AwsOptions.ROLE_ARN,
                "'" + a + "' is not an IAM role ARN (arn:aws:iam::123456789012:role/name)").getMessage()));
        String session = c.find(AwsOptions.ROLE_SESSION_NAME).map(String::trim)
                .orElse("tributary-" + Long.toHexString(System.nanoTime() ^ Double.doubleToLongBits(Math.random())));
        if (!SESSION_NAME.matcher(session).matches()) {
            problems.add(c.error(AwsOptions.ROLE_SESSION_NAME, "'" + session
                    + "' must be 2 to 64 characters of letters, digits and +=,.@_-").getMessage());
        }
        if (c.isSet(AwsOptions.EXTERNAL_ID) && roleArn.isEmpty()) {
            problems.add(c.error(AwsOptions.EXTERNAL_ID, "needs role_arn").getMessage());
        }
        Optional<String> keyId = c.find(AwsOptions.ACCESS_KEY_ID).map(String::trim);
        Optional<Secret> secret = c.find(AwsOptions.SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            problems.add(c.error(keyId.isPresent() ? AwsOptions.SECRET_ACCESS_KEY : AwsOptions.ACCESS_KEY_ID,
                    "aws_access_key_id and aws_secret_access_key go together").getMessage());
        }
        Optional<Path> caFile = c.find(AwsOptions.TLS_CA_FILE).map(p -> resolve(p));
        caFile.filter(p -> !Files.isReadable(p)).ifPresent(p -> problems.add(c.error(AwsOptions.TLS_CA_FILE,
                "cannot read " + p).getMessage()));
        Optional<Path> caPath = c.find(AwsOptions.TLS_CA_PATH).map(p -> resolve(p));
        caPath.filter(p -> !Files.isDirectory(p)).ifPresent(p -> problems.add(c.error(AwsOptions.TLS_CA_PATH,
                p + " is not a directory").getMessage()));

        c.find(AwsOptions.PROFILE).map(String::trim).ifPresent(name -> {
            // A profile the user names must exist: silently falling through to other credentials would hide it.
            boolean found = AwsTransport.profileFile(env).map(f -> f.profile(name).isPresent()).orElse(false);
            if (!found) {
                problems.add(c.error(AwsOptions.PROFILE, "profile '" + name + "' is not in the shared credentials or config "
                        + "file (AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE, ~/.aws)").getMessage());
            }
        });
        Duration base = c.get(AwsOptions.BACKOFF_BASE);
        Duration cap = c.get(AwsOptions.BACKOFF_CAP);
        if (cap.compareTo(base) < 0) problems.add(c.error(AwsOptions.BACKOFF_CAP, "is shorter than backoff_base").getMessage());
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new AwsSettings(region, endpoint, sts, roleArn, c.find(AwsOptions.EXTERNAL_ID), session,
                c.get(AwsOptions.ROLE_DURATION), c.find(AwsOptions.PROFILE).map(String::trim), keyId, secret,
                c.find(AwsOptions.SESSION_TOKEN), c.get(AwsOptions.AUTO_RETRY_REQUESTS), c.get(AwsOptions.HTTP_REQUEST_TIMEOUT),
                c.get(AwsOptions.TLS_VERIFY), caFile, caPath, c.get(AwsOptions.MAX_CONCURRENCY),
                new RetryPolicy(c.get(AwsOptions.RETRY_ATTEMPTS), new Backoff(base, cap), c.get(AwsOptions.AUTO_RETRY_REQUESTS)),
                Map.copyOf(env));
    }

    private static Path resolve(String p) { return Path.of(p.trim()).toAbsolutePath(); }

    private static Optional<AwsEndpoint> endpoint(PluginConfig c, io.tributary.spi.Option<String> option, List<String> problems) {
        Optional<String> text = c.find(option);
        if (text.isEmpty()) return Optional.empty();
        try {
            return Optional.of(AwsEndpoint.parse(text.get(), c.find(AwsOptions.PORT).orElse(null)));
        } catch (IllegalArgumentException e) {
            problems.add(c.error(option, e.getMessage()).getMessage());
            return Optional.empty();
        }
    }

    @Override public String toString() {
        // Records print their components; keep the environment (it may hold keys) and secrets out of any log line.
        return "AwsSettings[region=" + region + ", endpoint=" + endpoint.map(Object::toString).orElse("default")
                + ", role=" + roleArn.orElse("none") + "]";
    }
}
