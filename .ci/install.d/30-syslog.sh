#!/usr/bin/env bash
# Senders the syslog and named_pipe ITs use: util-linux logger, a private rsyslogd (omfwd with the gtls and
# ossl TLS drivers, ompipe), openssl for the throwaway test CA, mkfifo (coreutils). Idempotent and quiet.
set -euo pipefail
need=()
command -v logger >/dev/null || need+=(bsdutils)
command -v rsyslogd >/dev/null || need+=(rsyslog)
[ -e /usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_gtls.so ] || need+=(rsyslog-gnutls)
[ -e /usr/lib/x86_64-linux-gnu/rsyslog/lmnsd_ossl.so ] || need+=(rsyslog-openssl)
command -v openssl >/dev/null || need+=(openssl)
command -v mkfifo >/dev/null || need+=(coreutils)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    # rsyslog's package would start the system daemon; the tests run their own instance, so keep it off.
    DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
