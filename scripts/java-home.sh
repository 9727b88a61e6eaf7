# Sourced by run.sh, test.sh and .ci/run: points JAVA_HOME at a JDK 21+ (javac included) or explains.
_jdk_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 |
        sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}
_jdk_ok() {
    [ -x "$1/bin/javac" ] || return 1
    v=$(_jdk_major "$1")
    [ -n "$v" ] && [ "$v" -ge 21 ]
}
if [ -n "${JAVA_HOME:-}" ] && _jdk_ok "$JAVA_HOME"; then
    :
else
    found=""
    path_javac=$(command -v javac 2>/dev/null || true)
    if [ -n "$path_javac" ]; then
        home=$(dirname "$(dirname "$(readlink -f "$path_javac")")")
        _jdk_ok "$home" && found="$home"
    fi
    if [ -z "$found" ]; then
        for d in /usr/lib/jvm/*; do
            if _jdk_ok "$d"; then found="$d"; fi
        done
    fi
    if [ -z "$found" ]; then
        echo "No JDK 21 or newer found (looked at JAVA_HOME, javac on PATH, /usr/lib/jvm/*)." >&2
        echo "Install one (e.g. apt-get install openjdk-21-jdk-headless or a Temurin 21+) and retry." >&2
        return 1 2>/dev/null || exit 1
    fi
    JAVA_HOME="$found"
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guava calls sun.misc.Unsafe, which JDK 24+ warns about on every build: allow it quietly.
if [ "$(_jdk_major "$JAVA_HOME")" -ge 24 ] 2>/dev/null; then
    case "${MAVEN_OPTS:-}" in
        *sun-misc-unsafe-memory-access*) ;;
        *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
    esac
fi
