# Sourced before podman on hosts like CI's: crun fails on their hybrid cgroup setup and raising rlimits is
# refused, so use runc and fixed ulimits, and keep podman's storage under a private folder.
PODMAN_ROOT="${PODMAN_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/tributary/podman}"
mkdir -p "$PODMAN_ROOT/graph" "$PODMAN_ROOT/run"
cat > "$PODMAN_ROOT/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
cat > "$PODMAN_ROOT/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$PODMAN_ROOT/graph"
runroot = "$PODMAN_ROOT/run"
CONF
export CONTAINERS_CONF="$PODMAN_ROOT/containers.conf"
export CONTAINERS_STORAGE_CONF="$PODMAN_ROOT/storage.conf"
