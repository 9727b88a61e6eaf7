package io.tributary.output.firehose;

import java.util.List;

/**
 * The envelope fields of {@code format cloudwatch_logs}.
 *
 * @param group               log_group: a fixed name or a record key; the record's tag when the key is absent
 * @param stream              log_stream: a fixed name or a record key; {@code defaultStream} when absent
 * @param defaultStream       the host name of this machine
 * @param owner               the 12-digit AWS account id CloudWatch puts in {@code owner}
 * @param subscriptionFilters names for {@code subscriptionFilters}; empty: the envelope's log group, as kinesyslog
 */
record CloudWatchSettings(LogField group, LogField stream, String defaultStream, String owner, List<String> subscriptionFilters) {}
