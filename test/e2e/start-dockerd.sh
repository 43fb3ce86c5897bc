#!/usr/bin/env bash
# Starts a Docker engine for the e2e tests on a socket of its own, unless one already answers there.
# Its data stays in /var/lib/paasport-e2e/docker (PAASPORT_E2E_STATE), outside the repository, so that tools walking
# the work tree (ESLint) never enter the engine's image layers and container mounts; it runs until the machine stops. Containers get the default bridge
# (docker0, iptables NAT) so that published ports work as on a Marathon agent in BRIDGE mode.
set -euo pipefail
cd "$(dirname "$0")/../.."
sock=${PAASPORT_DOCKER_SOCK:-/tmp/paasport-docker.sock}
if curl -fsS --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; then
  if ! curl -fsS --unix-socket "$sock" http://localhost/networks/bridge >/dev/null 2>&1; then
    echo "the Docker engine at $sock has no bridge network (started with --bridge=none?), so published ports" \
      "cannot work: stop it (kill \$(cat /tmp/paasport-docker.pid)) and run again" >&2
    exit 1
  fi
  exit 0
fi
command -v dockerd >/dev/null || { echo "no dockerd: apt-get install docker.io" >&2; exit 1; }
state=${PAASPORT_E2E_STATE:-/var/lib/paasport-e2e}
mkdir -p "$state"
nohup dockerd --host "unix://$sock" --data-root "$state/docker" --exec-root /tmp/paasport-docker-exec \
  --pidfile /tmp/paasport-docker.pid >"$state/dockerd.log" 2>&1 &
for _ in $(seq 1 60); do
  if curl -fsS --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; then exit 0; fi
  sleep 0.5
done
echo "dockerd did not start; see $state/dockerd.log" >&2
tail -20 "$state/dockerd.log" >&2
exit 1
