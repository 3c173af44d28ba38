#!/usr/bin/env bash
# Start-up figures of ./run-local.sh (docs/performance.md, "Start-up"): prints, per application, the time from its
# launch to its readiness endpoint (/actuator/health/readiness answering 200) and the CPU its process spent until then,
# each started alone against running infrastructure; then ./run-local.sh --detach to all ready. Every run is a real
# start of the jar run-local.sh would start (its class-data archive unless RUN_LOCAL_CDS=0).
#
#   scripts/measure-startup.sh [--runs N] [--full-runs M] [--no-cds-too] [APP...]
#
#   --runs N        starts of each application alone (default 3), after one unmeasured start that builds a stale
#                   class-data archive (training run) and warms the page cache
#   --full-runs M   ./run-local.sh --detach starts of everything (default 2)
#   --no-cds-too    also measure every start from the jars without the archives (RUN_LOCAL_CDS=0), after those with
#   APP             the applications measured alone (default: the four services, the simulator, the identity
#                   provider and the console)
#
# Nothing of this checkout may be running (./run-local.sh stop first); the jars must be built (./run-local.sh builds
# them; this script never builds). Infrastructure for the runs alone: Kafka, MongoDB, the TSA, the simulator and the
# identity provider, started once by ./run-local.sh --only. Prints the load average beside every figure: on a shared
# machine a wall-clock time is a range, the CPU time much less so.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
RUN_LOCAL="$ROOT/run-local.sh"

RUNS=3
FULL_RUNS=2
NO_CDS_TOO=0
APPS=()
while (($#)); do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --full-runs) FULL_RUNS="$2"; shift 2 ;;
    --no-cds-too) NO_CDS_TOO=1; shift ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) APPS+=("$1"); shift ;;
  esac
done
((${#APPS[@]})) || APPS=(consent-service messaging-gateway retention-service audit-service whatsapp-simulator
  local-auth-server staff-console)
[[ "$RUNS" =~ ^[0-9]+$ && "$FULL_RUNS" =~ ^[0-9]+$ ]] || { echo "--runs and --full-runs take a number" >&2; exit 2; }

load() { cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime | sed 's/.*load average[s]*: //'; }

RESULTS="$(mktemp)"
cleanup() {
  "$RUN_LOCAL" stop >/dev/null 2>&1 || true
  rm -f "$RESULTS"
}
trap cleanup EXIT

# "<name> ready after A (B after its start, C CPU; ..." -> "B C" in seconds
ready_figures() {
  sed -n "s/.* $1 ready after [0-9.]*s (\([0-9.]*\)s after its start, \([0-9.]*\)s CPU;.*/\1 \2/p" | tail -n 1
}

# One start of an application alone on the running infrastructure; prints "<wall> <cpu>" or fails.
start_alone() {
  local app="$1" out figures
  out="$("$RUN_LOCAL" start --detach --no-build --only "$app" 2>&1)" || { printf '%s\n' "$out" >&2; return 1; }
  figures="$(printf '%s\n' "$out" | ready_figures "$app")"
  "$RUN_LOCAL" stop "$app" >/dev/null
  [[ -n "$figures" ]] || { printf '%s\n' "$out" >&2; return 1; }
  echo "$figures"
}

if "$RUN_LOCAL" status 2>/dev/null | awk 'NR > 1 && $2 == "running" {found = 1} END {exit !found}'; then
  echo "something of this checkout is running: ./run-local.sh stop first" >&2
  exit 1
fi

echo "# machine: $(nproc 2>/dev/null || echo '?') CPUs, $(java -version 2>&1 | head -n 1), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "# infrastructure for the starts alone (load average $(load)) ..."
"$RUN_LOCAL" start --detach --no-build --only whatsapp-simulator,local-auth-server >/dev/null

measure_alone() {
  local label="$1" app run figures
  for app in "${APPS[@]}"; do
    [[ "$app" == whatsapp-simulator || "$app" == local-auth-server ]] && "$RUN_LOCAL" stop "$app" >/dev/null
    if ! start_alone "$app" >/dev/null; then
      echo "$app: the unmeasured first start failed" >&2
      exit 1
    fi
    for ((run = 1; run <= RUNS; run++)); do
      local before; before="$(load)"
      figures="$(start_alone "$app")" || { echo "$app: start $run failed" >&2; exit 1; }
      printf '%-8s %-20s run %d: ready %6ss after its launch, %5ss CPU   (load average %s)\n' \
        "$label" "$app" "$run" ${figures} "$before"
      echo "$label $app $figures" >>"$RESULTS"
    done
    if [[ "$app" == whatsapp-simulator || "$app" == local-auth-server ]]; then
      "$RUN_LOCAL" start --detach --no-build --only "$app" >/dev/null
    fi
  done
}

measure_alone cds
((NO_CDS_TOO)) && RUN_LOCAL_CDS=0 measure_alone jar
"$RUN_LOCAL" stop >/dev/null

# ./run-local.sh --detach to all ready; label "full" with the archives, "full-jar" without
measure_full() {
  local label="$1" run before out total
  for ((run = 1; run <= FULL_RUNS; run++)); do
    before="$(load)"
    out="$("$RUN_LOCAL" start --detach --no-build 2>&1)" || { printf '%s\n' "$out" >&2; exit 1; }
    total="$(printf '%s\n' "$out" | sed -n 's/.*Everything is ready after \([0-9.]*\)s.*/\1/p')"
    "$RUN_LOCAL" stop >/dev/null
    printf '%-8s ./run-local.sh --detach run %d: all ready after %ss   (load average %s before, %s after)\n' \
      "$label" "$run" "$total" "$before" "$(load)"
    printf '%s\n' "$out" | grep ' ready after ' | sed 's/^ */           /'
    echo "$label all $total 0" >>"$RESULTS"
  done
}

measure_full full
((NO_CDS_TOO)) && RUN_LOCAL_CDS=0 measure_full full-jar

echo ""
echo "# summary: median (min-max) over the runs"
awk '
  { key = $1 " " $2; n[key]++; wall[key, n[key]] = $3; cpu[key, n[key]] = $4; if (!(key in seen)) { seen[key] = 1; order[++k] = key } }
  function sorted(arr, key, count, out,   i, j, t) {
    for (i = 1; i <= count; i++) out[i] = arr[key, i]
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (out[j] + 0 < out[i] + 0) { t = out[i]; out[i] = out[j]; out[j] = t }
  }
  END {
    for (o = 1; o <= k; o++) {
      key = order[o]; c = n[key]
      sorted(wall, key, c, w); sorted(cpu, key, c, u)
      printf "%-30s ready %5.1fs (%.1f-%.1f)", key, w[int((c + 1) / 2)], w[1], w[c]
      if (u[c] > 0) printf ", CPU %4.1fs (%.1f-%.1f)", u[int((c + 1) / 2)], u[1], u[c]
      printf "  [%d runs]\n", c
    }
  }' "$RESULTS"
