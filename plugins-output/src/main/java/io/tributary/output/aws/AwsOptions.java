package io.tributary.output.aws;

import io.tributary.spi.ConfigSpec;
import io.tributary.spi.Option;
import io.tributary.spi.Secret;

import java.time.Duration;
import java.util.List;

/**
 * The options every AWS output accepts, declared once: connection and credentials (Fluent Bit's names, osquery's
 * as aliases), record formatting, and the delivery controls. Services add their own (stream, limits).
 */
public final class AwsOptions {
    private AwsOptions() {}

    public static final Option<String> REGION = Option.string("region")
            .doc("AWS region; defaults to AWS_REGION or AWS_DEFAULT_REGION.");
    public static final Option<String> ENDPOINT = Option.string("endpoint")
            .doc("Service endpoint: a host name (HTTPS on 'port', checked with tls.*) or a URL (http:// for emulators).");
    public static final Option<Integer> PORT = Option.integer("port").range(1, 65535)
            .doc("Port for a host-name endpoint (default 443).");
    public static final Option<String> STS_ENDPOINT = Option.string("sts_endpoint")
            .doc("STS endpoint for role_arn and web identity, as 'endpoint'.");
    public static final Option<String> ROLE_ARN = Option.string("role_arn").alias("aws_sts_arn_role")
            .doc("IAM role to assume with STS on top of the base credentials (e.g. cross-account).");
    public static final Option<Secret> EXTERNAL_ID = Option.secret("external_id")
            .doc("External ID passed to STS with role_arn.");
    public static final Option<String> ROLE_SESSION_NAME = Option.string("role_session_name").alias("aws_sts_session_name")
            .doc("STS session name for role_arn (default: tributary-<random>).");
    public static final Option<Duration> ROLE_DURATION = Option.time("role_duration").alias("aws_sts_timeout")
            .defaultValue("3600").range(900, 43200)
            .doc("Lifetime requested for assumed-role credentials, 900 to 43200 seconds; refreshed before expiry.");
    public static final Option<String> PROFILE = Option.string("profile")
            .doc("Profile in the shared credentials/config files (default AWS_PROFILE, else 'default').");
    public static final Option<String> ACCESS_KEY_ID = Option.string("aws_access_key_id")
            .doc("Static access key ID (prefer roles; AWS_ACCESS_KEY_ID is read as well).");
    public static final Option<Secret> SECRET_ACCESS_KEY = Option.secret("aws_secret_access_key")
            .doc("Static secret access key, with aws_access_key_id.");
    public static final Option<Secret> SESSION_TOKEN = Option.secret("aws_session_token")
            .doc("Session token for temporary static credentials.");
    public static final Option<Boolean> AUTO_RETRY_REQUESTS = Option.bool("auto_retry_requests").defaultValue("true")
            .doc("Retry a call once at once after a network error, before the normal backoff.");
    public static final Option<Duration> HTTP_REQUEST_TIMEOUT = Option.time("http_request_timeout").defaultValue("30s")
            .doc("Time limit for one HTTP call to AWS.");
    public static final Option<Boolean> TLS_VERIFY = Option.bool("tls.verify").defaultValue("on")
            .doc("Verify the endpoint's TLS certificate.");
    public static final Option<String> TLS_CA_FILE = Option.string("tls.ca_file")
            .doc("PEM file of CA certificates to trust (instead of the system's).");
    public static final Option<String> TLS_CA_PATH = Option.string("tls.ca_path")
            .doc("Directory of PEM CA certificates to trust.");

    public static final Option<String> LOG_KEY = Option.string("log_key")
            .doc("Send only this key's value (a string is sent as it is), e.g. 'log'.");
    public static final Option<String> TIME_KEY = Option.string("time_key")
            .doc("Add the record time under this key.");
    public static final Option<String> TIME_KEY_FORMAT = Option.string("time_key_format").defaultValue(TimeFormat.DEFAULT)
            .doc("strftime format for time_key, UTC; %3N/%6N/%9N for fractions, %L as the plugin it comes from.");
    public static final Option<Boolean> APPEND_NEWLINE = Option.bool("append_newline").defaultValue("false")
            .doc("Add a newline after each record.");
    public static final Option<String> REPLACE_DOTS = Option.string("replace_dots")
            .doc("Replace dots in key names with this string.");
    public static final Option<String> COMPRESSION = Option.choice("compression", Compression.NAMES).defaultValue("none")
            .doc("Compress each record: gzip, zlib or zstd.");

    public static final Option<Integer> MAX_CONCURRENCY = Option.integer("max_concurrency").defaultValue("32").range(1, 1024)
            .doc("Most calls in flight per output instance; the actual number adapts to throttling (AIMD).");
    public static final Option<Integer> RETRY_ATTEMPTS = Option.integer("retry_attempts").defaultValue("5").range(1, 100)
            .doc("Calls per batch within one flush before failed records go back to the engine's retry.");

    public static final Option<Duration> BACKOFF_BASE = Option.time("backoff_base").defaultValue("100ms").range(0.001, 60)
            .doc("First retry delay inside a flush; doubles per attempt, full jitter.");
    public static final Option<Duration> BACKOFF_CAP = Option.time("backoff_cap").defaultValue("5s").range(0.001, 300)
            .doc("Longest retry delay inside a flush.");

    /** The connection, credential and delivery options. */
    public static final List<Option<?>> CONNECTION = List.of(REGION, ENDPOINT, PORT, STS_ENDPOINT, ROLE_ARN, EXTERNAL_ID,
            ROLE_SESSION_NAME, ROLE_DURATION, PROFILE, ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, AUTO_RETRY_REQUESTS,
            HTTP_REQUEST_TIMEOUT, TLS_VERIFY, TLS_CA_FILE, TLS_CA_PATH, MAX_CONCURRENCY, RETRY_ATTEMPTS, BACKOFF_BASE, BACKOFF_CAP);

    /** The record format options. */
    public static final List<Option<?>> FORMAT = List.of(LOG_KEY, TIME_KEY, TIME_KEY_FORMAT, APPEND_NEWLINE, REPLACE_DOTS, COMPRESSION);

    public static ConfigSpec shared() { return new ConfigSpec(CONNECTION).plus(FORMAT); }
}
