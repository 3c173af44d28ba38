#!/usr/bin/env bash
# ConsentFlow on one machine: a real Kafka broker (KRaft, single node), a MongoDB wire server persisting to a file,
# the local identity provider, the WhatsApp simulator, the four services and the staff console. Needs only Java 17
# (a JDK) and access to Maven Central.
#
#   ./run-local.sh [start] [-d|--detach] [--no-build|--build]   build what is stale, start, wait until ready
#        [--only NAME[,NAME...]]                                only the infrastructure and these applications (and
#                                                               what they need); adds them to a running suite
#   ./run-local.sh stop [NAME...]                               stop everything, services first (or only these apps)
#   ./run-local.sh status                                       one line per component
#   ./run-local.sh logs [name]                                  follow the logs (all, or one component)
#   ./run-local.sh token ROLE                                   a staff access token from the local identity
#                                                               provider (DPO, SUPPORT, MARKETING, ADMIN; CAMPAIGN
#                                                               for a campaign system)
#   ./run-local.sh send --to +49... --template NAME [--lang de] [--purpose P] [--param VALUE]...
#        [--category MARKETING|UTILITY] [--wait SECONDS]        publish one SendRequest as a campaign system
#                                                               does, print its outcome and timeline (send --help)
#   ./run-local.sh verify-proof FILE [options]                  re-verify a proof (JSON or PDF) or an audit CSV
#        export offline: chains, signatures, RFC 3161 time-stamps, the local witness (verify-proof --help)
#   ./run-local.sh reset                                        stop, then delete .local (all local data)
#
# Everything lives in .local/: data/ (persists across restarts; data/witness holds the checkpoint heads audit-service
# delivers to its witness, data/tsa the local TSA's key and certificate), logs/<name>.log, run/<name>.pid, kafka/,
# cds/<name>/ (each application's extracted jar and class-data archive, rebuilt when its jar changes).
# Environment overrides: RUN_LOCAL_TIMEOUT (seconds per component to become ready, default 240),
# RUN_LOCAL_JAVA_OPTS (extra JVM flags for the services), RUN_LOCAL_MONGO_JAVA_OPTS (extra JVM flags for the
# MongoDB wire server, e.g. a flight recording while measuring), RUN_LOCAL_CDS=0 (start from the jars, no class-data
# archives), and every service variable below.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
cd "$ROOT"

VERSION="0.1.0-SNAPSHOT"
LOCAL="$ROOT/.local"
RUN_DIR="$LOCAL/run"
LOG_DIR="$LOCAL/logs"
DATA_DIR="$LOCAL/data"
KAFKA_DIR="$LOCAL/kafka"
KAFKA_DATA="$DATA_DIR/kafka"
MONGO_FILE="$DATA_DIR/mongo/consentflow.mv"
INFRA_JAR="local-infra/target/local-infra-$VERSION.jar"
INFRA_LIB="local-infra/target/lib"
VERIFIER_JAR="proof-verifier/target/proof-verifier-$VERSION-standalone.jar"
TSA_DIR="$DATA_DIR/tsa"
WITNESS_DIR="$DATA_DIR/witness"
SUPERVISOR_PID="$RUN_DIR/run-local.pid"
CDS_DIR="$LOCAL/cds"
USE_CDS="${RUN_LOCAL_CDS:-1}"
BUILD_STAMP="$RUN_DIR/build.stamp"
READY_TIMEOUT="${RUN_LOCAL_TIMEOUT:-240}"
# Marks every process this script starts, so a pid is only ever signalled when it is still ours.
MARKER="-Dconsentflow.local.root=$ROOT"

# name:port. The infrastructure starts at once; each application as soon as what it needs is ready (app_needs).
INFRA=(kafka:9092 mongo:27017 tsa:8318)
AUTH_SERVER=local-auth-server
APPS=(local-auth-server:9000 whatsapp-simulator:8089 consent-service:8081 messaging-gateway:8082 retention-service:8083
  audit-service:8084 staff-console:8085)

# What an application needs ready before it starts. The services create their topics and read MongoDB while they
# start; audit-service time-stamps its first checkpoint at the TSA. The console reads the identity provider's discovery
# document when it starts; the services fetch its JWK set only when a staff token arrives, and the simulator and the
# identity provider need nothing.
app_needs() {
  case "$1" in
    local-auth-server|whatsapp-simulator) ;;
    staff-console) echo "$AUTH_SERVER" ;;
    audit-service) echo kafka mongo tsa ;;
    *) echo kafka mongo ;;
  esac
}
ROLES=(DPO SUPPORT MARKETING ADMIN CAMPAIGN)

# Service configuration: local development defaults, each overridable from the caller's environment.
: "${KAFKA_BOOTSTRAP_SERVERS:=localhost:9092}"
: "${MONGODB_URI:=mongodb://localhost:27017}"
: "${WHATSAPP_API_BASE_URL:=http://localhost:8089}"
: "${WHATSAPP_WEBHOOK_URL:=http://localhost:8082/webhooks/whatsapp}"
: "${WHATSAPP_APP_SECRET:=local-app-secret}"
: "${WHATSAPP_VERIFY_TOKEN:=local-verify-token}"
: "${WHATSAPP_ACCESS_TOKEN:=local-access-token}"
: "${WHATSAPP_PHONE_NUMBER_ID:=100000000000001}"
: "${WHATSAPP_API_VERSION:=v23.0}"
: "${CONSENTFLOW_JWT_SECRET:=local-development-jwt-secret-0123456789abcdef0123456789}"
# Staff tokens come from the local identity provider; the services verify them by its issuer and JWK set, as they
# verify the organisation's provider in production (the HMAC secret above is then unused).
: "${CONSENTFLOW_AUTH_ISSUER:=http://localhost:9000}"
: "${CONSENTFLOW_JWT_ISSUER:=$CONSENTFLOW_AUTH_ISSUER}"
: "${CONSENTFLOW_JWT_JWK_SET_URI:=$CONSENTFLOW_AUTH_ISSUER/oauth2/jwks}"
: "${SPRING_PROFILES_ACTIVE:=local}"
# Anchoring: every audit checkpoint is time-stamped by the local TSA (RFC 3161, no legal effect) and its head written
# to the witness folder; the proof's checks and the offline verifier pin the TSA's certificate.
: "${AUDIT_TSA_URL:=http://127.0.0.1:8318/tsa}"
: "${AUDIT_TSA_CERTIFICATE:=$TSA_DIR/tsa-cert.pem}"
: "${AUDIT_WITNESS_FOLDER:=$WITNESS_DIR}"
: "${CONSENTFLOW_PROOF_TSA_CERTIFICATE:=$AUDIT_TSA_CERTIFICATE}"
# The documented development public keys (audit-service/README.md, consent-service/README.md) verify-proof trusts.
: "${AUDIT_PUBLIC_KEY:=MCowBQYDK2VwAyEASYJWdL7Aqyb0hB0m8Uag1jaJ3yN0MMEDvO0rm0ybMoQ=}"
: "${PROOF_PUBLIC_KEY:=MCowBQYDK2VwAyEAi9UCaqJoPcCAaWWDbBDEezeX8Okn4nf7ANOVYhZBhUw=}"
# Exported rather than put on the command line, so that secrets do not show up in ps.
export KAFKA_BOOTSTRAP_SERVERS MONGODB_URI WHATSAPP_API_BASE_URL WHATSAPP_WEBHOOK_URL WHATSAPP_APP_SECRET \
  WHATSAPP_VERIFY_TOKEN WHATSAPP_ACCESS_TOKEN WHATSAPP_PHONE_NUMBER_ID WHATSAPP_API_VERSION CONSENTFLOW_JWT_SECRET \
  SPRING_PROFILES_ACTIVE AUDIT_TSA_URL AUDIT_TSA_CERTIFICATE AUDIT_WITNESS_FOLDER CONSENTFLOW_PROOF_TSA_CERTIFICATE \
  CONSENTFLOW_AUTH_ISSUER CONSENTFLOW_JWT_ISSUER CONSENTFLOW_JWT_JWK_SET_URI

APP_JVM_OPTS=(-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:+ExitOnOutOfMemoryError
  -Djava.awt.headless=true)
KAFKA_JVM_OPTS=(-Xms128m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
  "-Dlog4j2.configurationFile=$ROOT/local-infra/config/log4j2-kafka.xml")
# a quarter of the wire server's heap is its page cache (LocalMongoServer.cacheMb): with 256 MB a store of 12,000
# opt-ins no longer fitted and it spent 13 ms of CPU per opt-in reading pages back, with 640 MB 6.9 ms (performance.md)
MONGO_JVM_OPTS=(-Xms32m -Xmx640m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError
  "-Dlog4j2.configurationFile=$ROOT/local-infra/config/log4j2-mongo.xml")
TOOLS_JVM_OPTS=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1
  "-Dlog4j2.configurationFile=$ROOT/local-infra/config/log4j2-tools.xml")

# ---------------------------------------------------------------------------------------------------------------
# output

if [[ -t 1 ]]; then
  BOLD=$'\e[1m'; RED=$'\e[31m'; GREEN=$'\e[32m'; YELLOW=$'\e[33m'; RESET=$'\e[0m'
else
  BOLD=""; RED=""; GREEN=""; YELLOW=""; RESET=""
fi
info() { printf '%s\n' "$*"; }
ok()   { printf '%s%s%s\n' "$GREEN" "$*" "$RESET"; }
warn() { printf '%sWARNING: %s%s\n' "$YELLOW" "$*" "$RESET" >&2; }
err()  { printf '%sERROR: %s%s\n' "$RED" "$*" "$RESET" >&2; }
die()  { err "$*"; exit 1; }

now_ms() { local t; t=$(date +%s%N 2>/dev/null || true); [[ "$t" =~ ^[0-9]+$ ]] && echo $((t / 1000000)) || echo $(( $(date +%s) * 1000 )); }
elapsed() { local ms=$(( $(now_ms) - $1 )); printf '%d.%ds' $((ms / 1000)) $(((ms % 1000) / 100)); }

# ---------------------------------------------------------------------------------------------------------------
# java

find_java() {
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    JAVA="$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    JAVA="$(command -v java)"
  else
    die "no java found: install a Java 17 JDK (or set JAVA_HOME)"
  fi
  local version major
  version="$("$JAVA" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
  JAVA_ID="$JAVA $version"
  major="${version%%.*}"
  [[ "$major" == 1 ]] && major=0
  if ! [[ "$major" =~ ^[0-9]+$ ]] || (( major < 17 )); then
    die "Java 17 or newer is needed; $JAVA is ${version:-unknown}"
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# components

port_of() {
  local entry
  for entry in "${INFRA[@]}" "${APPS[@]}"; do
    [[ "${entry%%:*}" == "$1" ]] && { echo "${entry##*:}"; return 0; }
  done
  return 1
}
all_names() { local e; for e in "${INFRA[@]}" "${APPS[@]}"; do echo "${e%%:*}"; done; }
app_jar() { echo "$1/target/$1-$VERSION.jar"; }
pid_file() { echo "$RUN_DIR/$1.pid"; }
log_file() { echo "$LOG_DIR/$1.log"; }

# The command line of a process, NUL bytes as spaces; empty when it does not exist.
cmdline_of() {
  if [[ -r "/proc/$1/cmdline" ]]; then
    tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" || true
  else
    ps -o command= -p "$1" 2>/dev/null || true
  fi
}

# True when pid is alive and is the component `name` started by this script from this folder.
is_ours() {
  local pid="$1" name="$2" cmd
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  cmd="$(cmdline_of "$pid")"
  [[ "$cmd" == *"$MARKER "* && "$cmd" == *"-Dconsentflow.local.name=$name "* ]]
}

# The pid of a running component, or nothing (and a stale pid file is removed).
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file" 2>/dev/null || true)"
  if is_ours "$pid" "$1"; then
    echo "$pid"
    return 0
  fi
  rm -f "$file"
  return 1
}

# ", N.Ns CPU": the process's CPU time so far (user + system), where /proc tells it; less sensitive to load than time.
cpu_of() {
  local stat ticks
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 0
  stat="${stat##*) }"
  read -r -a stat <<<"$stat"
  ticks=$(( (stat[11] + stat[12]) * 10 / ${CLOCK_TICKS:=$(getconf CLK_TCK 2>/dev/null || echo 100)} ))
  printf ', %d.%ds CPU' $((ticks / 10)) $((ticks % 10))
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

http_ok() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "$1" 2>/dev/null
  else
    "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$ROOT/scripts/HttpProbe.java" "$1" 2>/dev/null
  fi
}

is_ready() {
  local name="$1" port
  port="$(port_of "$name")"
  case "$name" in
    kafka|mongo|tsa) port_open "$port" ;;
    # a Spring application opens its port only at the end of its start: no HTTP request (no curl) before that
    *) port_open "$port" && http_ok "http://localhost:$port/actuator/health/readiness" ;;
  esac
}

port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -n 1
  elif command -v lsof >/dev/null 2>&1; then
    lsof -nP -iTCP:"$1" -sTCP:LISTEN 2>/dev/null | awk 'NR==2 {print $1" pid="$2}'
  fi
}

# Starts a command in the background with its output in the component's log and records its pid.
# Background jobs of a script ignore SIGINT, so Ctrl-C reaches only this script, which then stops them in order.
launch() {
  local name="$1"; shift
  local log; log="$(log_file "$name")"
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  {
    printf '# %s started by run-local.sh at %s\n# %s\n' "$name" "$(date '+%Y-%m-%d %H:%M:%S')" "$*"
  } >"$log"
  if [[ "$DETACH" == 1 ]]; then
    nohup "$@" >>"$log" 2>&1 </dev/null &
  else
    "$@" >>"$log" 2>&1 </dev/null &
  fi
  echo $! >"$(pid_file "$name")"
  disown "$!" 2>/dev/null || true   # no "Killed" job notices from bash; the pid files track the processes
  STARTED+=("$name")
}

# ---------------------------------------------------------------------------------------------------------------
# build

# Sibling modules that a module's pom depends on (schemas, platform, ...): their sources go into its jar.
module_inputs() {
  local module="$1" dir
  echo "pom.xml"
  echo "$module/pom.xml"
  [[ -d "$module/src/main" ]] && echo "$module/src/main"
  for dir in */; do
    dir="${dir%/}"
    [[ "$dir" == "$module" || ! -f "$dir/pom.xml" ]] && continue
    if grep -q "<artifactId>$dir</artifactId>" "$module/pom.xml" 2>/dev/null; then
      echo "$dir/pom.xml"
      [[ -d "$dir/src/main" ]] && echo "$dir/src/main"
    fi
  done
}

# True when a module needs building: its jar is missing, or a source is newer than both the jar and the last
# successful build (the jar plugin does not rewrite an unchanged jar, so the jar alone would say "stale" forever).
module_stale() {
  local module="$1" jar="$2" inputs newer
  if [[ ! -f "$jar" ]]; then
    [[ -d "$module/src/main" ]]
    return
  fi
  mapfile -t inputs < <(module_inputs "$module")
  if [[ -f "$BUILD_STAMP" ]]; then
    newer="$(find "${inputs[@]}" -newer "$jar" -newer "$BUILD_STAMP" -print -quit 2>/dev/null || true)"
  else
    newer="$(find "${inputs[@]}" -newer "$jar" -print -quit 2>/dev/null || true)"
  fi
  [[ -n "$newer" ]]
}

infra_stale() {
  [[ ! -f "$INFRA_JAR" || ! -d "$INFRA_LIB" ]] && return 0
  compgen -G "$INFRA_LIB/kafka_2.13-*.jar" >/dev/null || return 0
  [[ -f "$VERIFIER_JAR" ]] || return 0
  module_stale proof-verifier "$VERIFIER_JAR" && return 0
  module_stale local-infra "$INFRA_JAR"
}

# A Spring Boot jar has BOOT-INF/ entries; zip entry names are stored uncompressed, so grep finds them.
runnable_jar() {
  [[ -f "$1" ]] && grep -qa 'BOOT-INF/classes/' "$1"
}

build_if_needed() {
  local stale=() entry name
  infra_stale && stale+=(local-infra)
  for entry in "${APPS[@]}"; do
    name="${entry%%:*}"
    [[ -d "$name" ]] || continue
    module_stale "$name" "$(app_jar "$name")" && stale+=("$name")
  done
  if [[ "$BUILD" == never ]]; then
    ((${#stale[@]})) && warn "--no-build: not building ${stale[*]} (jars missing or older than their sources)"
    return 0
  fi
  if [[ "$BUILD" == auto && ${#stale[@]} -eq 0 ]]; then
    info "Jars are up to date (no build)."
    return 0
  fi
  local log="$LOG_DIR/build.log" t0; t0=$(now_ms)
  info "Building (${stale[*]:-forced}): ./mvnw -DskipTests package, output in ${log#"$ROOT"/} ..."
  if ./mvnw -B -fae -DskipTests -Dstyle.color=never package >"$log" 2>&1; then
    touch "$BUILD_STAMP"
    ok "Build finished in $(elapsed "$t0")."
  else
    err "the build failed after $(elapsed "$t0"); errors from ${log#"$ROOT"/}:"
    grep -E '^\[ERROR\]' "$log" | grep -v -E '^\[ERROR\] *$|-> \[Help|Re-run Maven|full stack trace|debug logging|^\[ERROR\] For more|^\[ERROR\] After correcting|mvn <args>|Help 1\]' \
      | head -n 25 >&2 || true
    BUILD_FAILED=1
    if [[ ! -f "$INFRA_JAR" ]] || infra_stale; then
      die "local-infra did not build, so Kafka and MongoDB cannot start"
    fi
    warn "continuing with the modules that built; the others are skipped below"
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# kafka and mongo

write_kafka_config() {
  mkdir -p "$KAFKA_DIR" "$KAFKA_DATA/logs"
  # the broker's settings live in one file the tests' broker reads too
  sed -e 's/@BROKER_PORT@/9092/g' -e 's/@CONTROLLER_PORT@/9093/g' -e "s|@LOG_DIRS@|$KAFKA_DATA/logs|g" \
    "$ROOT/local-infra/config/kafka-server.properties" >"$KAFKA_DIR/server.properties"
}

kafka_tool() {
  "$JAVA" "${TOOLS_JVM_OPTS[@]}" -cp "$ROOT/$INFRA_LIB/*" "$@"
}

format_kafka_if_needed() {
  [[ -f "$KAFKA_DATA/logs/meta.properties" ]] && return 0
  local id
  if [[ -s "$KAFKA_DATA/cluster.id" ]]; then
    id="$(cat "$KAFKA_DATA/cluster.id")"
  else
    id="$(kafka_tool kafka.tools.StorageTool random-uuid)"
    echo "$id" >"$KAFKA_DATA/cluster.id"
  fi
  info "Formatting Kafka storage (first run, cluster id $id) ..."
  if ! kafka_tool kafka.tools.StorageTool format --standalone -t "$id" -c "$KAFKA_DIR/server.properties" \
      >"$LOG_DIR/kafka-format.log" 2>&1; then
    cat "$LOG_DIR/kafka-format.log" >&2
    die "formatting the Kafka storage failed (see .local/logs/kafka-format.log)"
  fi
}

start_kafka() {
  write_kafka_config
  format_kafka_if_needed
  launch kafka "$JAVA" "${KAFKA_JVM_OPTS[@]}" "$MARKER" -Dconsentflow.local.name=kafka \
    -cp "$ROOT/$INFRA_LIB/*" kafka.Kafka "$KAFKA_DIR/server.properties"
}

start_mongo() {
  mkdir -p "$(dirname "$MONGO_FILE")"
  # shellcheck disable=SC2206 # a list of flags, split on spaces on purpose
  local extra=(${RUN_LOCAL_MONGO_JAVA_OPTS:-})
  launch mongo "$JAVA" "${MONGO_JVM_OPTS[@]}" ${extra[@]+"${extra[@]}"} "$MARKER" -Dconsentflow.local.name=mongo \
    -cp "$ROOT/$INFRA_JAR:$ROOT/$INFRA_LIB/*" io.consentflow.localinfra.LocalMongoServer "$MONGO_FILE" \
    --host 127.0.0.1 --port 27017
}

start_tsa() {
  mkdir -p "$TSA_DIR" "$WITNESS_DIR"
  launch tsa "$JAVA" -Xms16m -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$MARKER" -Dconsentflow.local.name=tsa \
    -cp "$ROOT/$VERIFIER_JAR" io.consentflow.proof.tsa.LocalTimestampAuthority "$TSA_DIR" --host 127.0.0.1 --port 8318
}

start_app() {
  local name="$1" port="$2" jar cds=()
  jar="$ROOT/$(app_jar "$name")"
  if [[ "$USE_CDS" == 1 ]] && cds_current "$name"; then
    jar="$(cds_jar "$name")"
    cds=("-XX:SharedArchiveFile=$CDS_DIR/$name/app.jsa")
  fi
  # shellcheck disable=SC2206 # RUN_LOCAL_JAVA_OPTS is a list of flags, split on spaces on purpose
  local extra=(${RUN_LOCAL_JAVA_OPTS:-})
  launch "$name" env "SERVER_PORT=$port" "$JAVA" "${APP_JVM_OPTS[@]}" ${cds[@]+"${cds[@]}"} ${extra[@]+"${extra[@]}"} \
    "$MARKER" "-Dconsentflow.local.name=$name" -jar "$jar"
}

# ---------------------------------------------------------------------------------------------------------------
# class-data sharing (AppCDS)
#
# An application starts from its jar extracted into .local/cds/<name>/ (the application jar beside lib/) with a
# dynamic class-data archive of the ~12,000 classes its start loads: the JVM maps them from the archive instead of
# opening ~170 nested jars and reading, parsing and verifying each class. A training run makes the archive: the same
# JVM flags and environment as the real start, ended by Spring once the context is refreshed
# (-Dspring.context.exit=onRefresh: every bean created, no web server, no listener started), the archive written as
# the JVM exits (-XX:ArchiveClassesAtExit). It runs when the archive is missing or stale: the stamp records the jar's
# size and time, the Java version and the JVM flags, so a rebuilt jar, another JDK or RUN_LOCAL_JAVA_OPTS retrain.
# It runs once what the application needs is ready, as the real start would (the console's discovery document).

cds_jar() { echo "$CDS_DIR/$1/$1-$VERSION.jar"; }

cds_stamp() {
  local jar; jar="$ROOT/$(app_jar "$1")"
  printf '%s | %s | %s %s\n' "$(stat -c '%s %Y' "$jar" 2>/dev/null || stat -f '%z %m' "$jar")" \
    "$JAVA_ID" "${APP_JVM_OPTS[*]}" "${RUN_LOCAL_JAVA_OPTS:-}"
}

cds_current() {
  [[ -s "$CDS_DIR/$1/app.jsa" && -f "$(cds_jar "$1")" && "$(cat "$CDS_DIR/$1/stamp" 2>/dev/null)" == "$(cds_stamp "$1")" ]]
}

# Extracts the jar and runs the training; the stamp is written last, so an interrupted training is redone.
cds_train() {
  local name="$1" dir="$CDS_DIR/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  "$JAVA" -Djarmode=tools -jar "$ROOT/$(app_jar "$name")" extract --destination "$dir" || return 1
  # shellcheck disable=SC2206
  local extra=(${RUN_LOCAL_JAVA_OPTS:-})
  env SERVER_PORT=0 "$JAVA" "${APP_JVM_OPTS[@]}" ${extra[@]+"${extra[@]}"} "-XX:ArchiveClassesAtExit=$dir/app.jsa" \
    -Xlog:cds=error -Xlog:cds+dynamic=info -Dspring.context.exit=onRefresh \
    "$MARKER" "-Dconsentflow.local.name=$name-cds" -jar "$(cds_jar "$name")" || return 1
  [[ -s "$dir/app.jsa" ]] || return 1
  cds_stamp "$name" >"$dir/stamp"
}

# ---------------------------------------------------------------------------------------------------------------
# waiting and stopping

# Starts the infrastructure at once and each application as soon as what it needs is ready (after its class-data
# training when its archive is stale), and waits until all are ready. Components already running count as started.
# Fails fast when one exits, and when one is not ready READY_TIMEOUT seconds after it was started.
# Arguments: the infrastructure to start, "--", the applications (name:port).
start_all() {
  local infra=() apps=() entry name
  while (($#)) && [[ "$1" != -- ]]; do infra+=("$1"); shift; done
  (($#)) && shift
  apps=("$@")
  local -A state=() since=() trainer=() port=()
  local order=() t0 pid need ready log limit
  t0=$(now_ms)
  for name in ${infra[@]+"${infra[@]}"}; do
    order+=("$name")
    if running_pid "$name" >/dev/null; then state[$name]=starting; else state[$name]=launch; fi
    since[$name]=$t0
  done
  for entry in ${apps[@]+"${apps[@]}"}; do
    name="${entry%%:*}"; port[$name]="${entry##*:}"
    order+=("$name")
    if running_pid "$name" >/dev/null; then state[$name]=starting; else state[$name]=waiting; fi
    since[$name]=$t0
  done
  for name in ${infra[@]+"${infra[@]}"}; do
    [[ "${state[$name]}" == launch ]] || continue
    "start_$name"
    state[$name]=starting; since[$name]=$(now_ms)
  done
  while :; do
    local pending=0
    for name in "${order[@]}"; do
      case "${state[$name]}" in
        waiting)
          ready=1
          for need in $(app_needs "$name"); do
            [[ -z "${state[$need]+x}" || "${state[$need]}" == ready ]] || ready=0
          done
          if ((ready)); then
            if [[ "$USE_CDS" == 1 ]] && ! cds_current "$name"; then
              info "  $name: building its class-data archive (training run, .local/logs/$name-cds.log) ..."
              cds_train "$name" >"$(log_file "$name-cds")" 2>&1 </dev/null &
              trainer[$name]=$!
              state[$name]=training
            else
              start_app "$name" "${port[$name]}"
              state[$name]=starting
            fi
            since[$name]=$(now_ms)
          fi
          ;;
        training)
          if ! kill -0 "${trainer[$name]}" 2>/dev/null; then
            if wait "${trainer[$name]}" && cds_current "$name"; then
              info "  $name: class-data archive built in $(elapsed "${since[$name]}")"
            else
              warn "$name: no class-data archive (see .local/logs/$name-cds.log); it starts from its jar"
            fi
            start_app "$name" "${port[$name]}"
            state[$name]=starting; since[$name]=$(now_ms)
          fi
          ;;
        starting)
          pid="$(cat "$(pid_file "$name")" 2>/dev/null || true)"
          log="${LOG_DIR#"$ROOT"/}/$name.log"
          if ! is_ours "$pid" "$name"; then
            err "$name exited before it was ready. Last lines of $log:"
            tail -n 30 "$(log_file "$name")" >&2 || true
            return 1
          fi
          if is_ready "$name"; then
            state[$name]=ready
            ok "  $name ready after $(elapsed "$t0") ($(elapsed "${since[$name]}") after its start$(cpu_of "$pid"); pid $pid, port $(port_of "$name"))"
            continue
          fi
          ;;
      esac
      [[ "${state[$name]}" == ready ]] && continue
      pending=1
      # a training run is a start plus writing the archive, and all trainings run at once on the first start
      limit=$READY_TIMEOUT
      [[ "${state[$name]}" == training ]] && limit=$((READY_TIMEOUT * 3))
      if (( $(now_ms) - ${since[$name]} > limit * 1000 )); then
        err "$name was not ready within ${READY_TIMEOUT}s (${state[$name]}); see ${LOG_DIR#"$ROOT"/}/$name.log. Last lines:"
        tail -n 20 "$(log_file "$name")" >&2 || true
        return 1
      fi
    done
    ((pending)) || break
    sleep 0.25
  done
}

# SIGTERM to each running component of a group, wait up to `timeout` seconds, then SIGKILL what is left.
stop_group() {
  local timeout="$1"; shift
  local name pid pids=() names=() t0 left
  for name in "$@"; do
    if pid="$(running_pid "$name")"; then
      info "  stopping $name (pid $pid) at $(date +%T)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid"); names+=("$name")
    else
      rm -f "$(pid_file "$name")"
    fi
  done
  ((${#pids[@]})) || return 0
  t0=$(now_ms)
  while :; do
    left=0
    for i in "${!pids[@]}"; do
      is_ours "${pids[$i]}" "${names[$i]}" && left=1
    done
    ((left)) || break
    if (( $(now_ms) - t0 > timeout * 1000 )); then
      for i in "${!pids[@]}"; do
        if is_ours "${pids[$i]}" "${names[$i]}"; then
          warn "${names[$i]} did not stop within ${timeout}s: SIGKILL"
          kill -KILL "${pids[$i]}" 2>/dev/null || true
        fi
      done
      sleep 0.5
      break
    fi
    sleep 0.2
  done
  for name in "${names[@]}"; do rm -f "$(pid_file "$name")"; done
}

# Processes carrying this folder's marker that no pid file knows (a lost pid file, a crashed script).
stray_pids() {
  local file pid cmd
  if [[ -d /proc ]]; then
    # One grep over all command lines; candidates are then checked one by one (grep's own line holds the marker).
    while read -r file; do
      pid="${file#/proc/}"; pid="${pid%/cmdline}"
      [[ "$pid" == "$$" || "$pid" == "${BASHPID:-}" ]] && continue
      cmd="$(cmdline_of "$pid")"
      [[ "$cmd" == *"$MARKER "* && "$cmd" == *" -Dconsentflow.local.name="* ]] && echo "$pid"
    done < <(grep -l -a -F -e "$MARKER" /proc/[0-9]*/cmdline 2>/dev/null || true)
  else
    ps -axo pid=,command= 2>/dev/null | while read -r pid cmd; do
      [[ "$cmd" == *"$MARKER "* && "$cmd" == *" -Dconsentflow.local.name="* ]] && echo "$pid"
    done
  fi
  return 0
}

stop_all() {
  local app_names=() entry t0
  t0=$(now_ms)
  for entry in "${APPS[@]}"; do app_names+=("${entry%%:*}"); done
  stop_group 30 "${app_names[@]}"
  stop_group 60 kafka
  stop_group 20 mongo tsa
  local strays=()
  mapfile -t strays < <(stray_pids)
  if ((${#strays[@]})); then
    warn "stopping processes of this checkout without a pid file: ${strays[*]}"
    kill -TERM "${strays[@]}" 2>/dev/null || true
    sleep 3
    mapfile -t strays < <(stray_pids)
    if ((${#strays[@]})); then kill -KILL "${strays[@]}" 2>/dev/null || true; fi
  fi
  STOP_TIME="$(elapsed "$t0")"
  return 0
}

supervisor_alive() {
  local pid
  pid="$(cat "$SUPERVISOR_PID" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ && "$pid" != "$$" ]] && kill -0 "$pid" 2>/dev/null \
    && [[ "$(cmdline_of "$pid")" == *run-local.sh* ]] && echo "$pid"
}

# ---------------------------------------------------------------------------------------------------------------
# commands

print_urls() {
  local started=" ${STARTED[*]-} "
  info ""
  info "${BOLD}ConsentFlow is running${RESET} (logs: .local/logs/<name>.log, data: .local/data)"
  info "  Kafka                 localhost:9092"
  info "  MongoDB (wire server) mongodb://localhost:27017"
  info "  Time-stamping (TSA)   http://127.0.0.1:8318/tsa   witness: .local/data/witness"
  [[ "$started" == *" whatsapp-simulator "* ]] && {
    info "  Phone UI (simulator)  http://localhost:8089/"
    info "  Simulator control API http://localhost:8089/sim/v1/phones"
  }
  [[ "$started" == *" consent-service "* ]] && {
    info "  Opt-in form           http://localhost:8081/opt-in"
    info "  consent-service API   http://localhost:8081/swagger-ui.html"
  }
  [[ "$started" == *" messaging-gateway "* ]] && {
    info "  WhatsApp webhook      http://localhost:8082/webhooks/whatsapp"
    info "  messaging-gateway API http://localhost:8082/swagger-ui.html"
  }
  [[ "$started" == *" retention-service "* ]] && info "  retention-service API http://localhost:8083/swagger-ui.html"
  [[ "$started" == *" audit-service "* ]] && info "  audit-service API     http://localhost:8084/swagger-ui.html"
  [[ "$started" == *" staff-console "* ]] && {
    info "  Staff console         http://localhost:8085/   (sign in as dpo, support, marketing or admin;"
    info "                        password local-staff-password)"
  }
  [[ "$started" == *" $AUTH_SERVER "* ]] && info "  Identity provider     http://localhost:9000/.well-known/openid-configuration"
  info "  Health / metrics      http://localhost:<port>/actuator/health/readiness, /actuator/prometheus"
  info ""
  info "  Staff token:  ./run-local.sh token DPO      (roles: ${ROLES[*]})"
  info "     e.g.  curl -H \"Authorization: Bearer \$(./run-local.sh token DPO)\" http://localhost:8084/api/v1/audit/verify"
  info "     reads of a person's data and actions need a reason: -H \"X-Staff-Reason: ticket 4711\""
  info "  Status: ./run-local.sh status   Logs: ./run-local.sh logs [name]   Stop: ./run-local.sh stop"
}

# The applications to start: all, or those named by --only with what they need (the console needs the identity
# provider), in APPS order.
selected_apps() {
  local entry name wanted=" " need
  if [[ -z "$ONLY" ]]; then
    printf '%s\n' "${APPS[@]}"
    return 0
  fi
  for name in ${ONLY//,/ }; do
    wanted+="$name "
    for need in $(app_needs "$name"); do wanted+="$need "; done
  done
  for entry in "${APPS[@]}"; do
    [[ "$wanted" == *" ${entry%%:*} "* ]] && echo "$entry"
  done
  return 0
}

cmd_start() {
  find_java
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$DATA_DIR"

  local selected=() running=() name entry
  for name in ${ONLY//,/ }; do
    [[ " ${APPS[*]%%:*} " == *" $name "* ]] || die "--only: '$name' is not an application (one of: ${APPS[*]%%:*})"
  done
  mapfile -t selected < <(selected_apps)
  while read -r name; do
    running_pid "$name" >/dev/null && running+=("$name")
  done < <(all_names)
  if ((${#running[@]})) && [[ -z "$ONLY" ]]; then
    info "ConsentFlow is already running (${running[*]}); see ./run-local.sh status, or ./run-local.sh stop first."
    cmd_status
    return 0
  fi

  # Ports must be free before anything starts, or we would wait for somebody else's server.
  local port owner busy=0
  for entry in "${INFRA[@]}" kafka-controller:9093 ${selected[@]+"${selected[@]}"}; do
    name="${entry%%:*}"
    [[ " ${running[*]-} " == *" $name "* || ( "$name" == kafka-controller && " ${running[*]-} " == *" kafka "* ) ]] && continue
    port="${entry##*:}"
    if port_open "$port"; then
      owner="$(port_owner "$port")"
      err "port $port ($name) is already in use${owner:+ by $owner}"
      busy=1
    fi
  done
  ((busy)) && die "free those ports first"

  BUILD_FAILED=0
  build_if_needed

  # Which services can run: a runnable Spring Boot jar that is not older than its sources after a failed build.
  local apps=() jar
  for entry in ${selected[@]+"${selected[@]}"}; do
    name="${entry%%:*}"
    jar="$(app_jar "$name")"
    if ! runnable_jar "$jar"; then
      if [[ -f "$jar" ]]; then
        warn "SKIPPING $name: $jar is not a runnable Spring Boot jar (no main application class yet?)"
      else
        warn "SKIPPING $name: $jar does not exist (module not built or not written yet)"
      fi
    elif [[ "$BUILD_FAILED" == 1 ]] && module_stale "$name" "$jar"; then
      warn "SKIPPING $name: it did not build, and its jar is older than its sources (see .local/logs/build.log)"
    else
      apps+=("$entry")
    fi
  done

  # A foreground start that adds applications to a running suite supervises only what it started.
  ((${#running[@]})) && [[ "$DETACH" != 1 ]] && die "--only on a running suite needs --detach"
  ADDED_TO_RUNNING=$(( ${#running[@]} > 0 ))
  ((ADDED_TO_RUNNING)) || echo $$ >"$SUPERVISOR_PID"
  STARTED=()
  trap 'on_signal' INT TERM HUP
  local t0; t0=$(now_ms)

  info "Starting Kafka, MongoDB, the local TSA and ${#apps[@]} application(s), each once what it needs is ready ..."
  [[ -f "$VERIFIER_JAR" ]] || die "$VERIFIER_JAR is missing (the build failed?): the local TSA cannot start"
  start_all kafka mongo tsa -- ${apps[@]+"${apps[@]}"} || fail_start

  ok "Everything is ready after $(elapsed "$t0")."
  print_urls
  local skipped=$(( ${#selected[@]} - ${#apps[@]} ))
  ((skipped)) && warn "$skipped of ${#selected[@]} services were skipped (see the warnings above)"

  if [[ "$DETACH" == 1 ]]; then
    ((ADDED_TO_RUNNING)) || rm -f "$SUPERVISOR_PID"
    trap - INT TERM HUP
    info "Detached. Stop with ./run-local.sh stop"
    ((skipped)) && exit 3
    exit 0
  fi

  info ""
  info "Press Ctrl-C to stop everything."
  supervise
}

fail_start() {
  err "start failed; stopping what was started"
  trap - INT TERM HUP
  stop_started
  exit 1
}

# Everything, unless this start added applications to a running suite: then only those it started.
stop_started() {
  if ((ADDED_TO_RUNNING)); then
    local t0; t0=$(now_ms)
    stop_group 30 ${STARTED[@]+"${STARTED[@]}"}
    STOP_TIME="$(elapsed "$t0")"
  else
    stop_all
    rm -f "$SUPERVISOR_PID"
  fi
}

SLEEP_PID=""
on_signal() {
  trap - INT TERM HUP
  if [[ -n "$SLEEP_PID" ]]; then kill "$SLEEP_PID" 2>/dev/null || true; fi
  info ""
  info "Stopping ConsentFlow (services first, then Kafka, then MongoDB) ..."
  stop_started
  ok "Stopped in $STOP_TIME."
  exit 0
}

# Foreground: report a component that dies; leave when everything was stopped from elsewhere.
supervise() {
  local reported=" " name alive
  while :; do
    sleep 2 &
    SLEEP_PID=$!
    wait "$SLEEP_PID" 2>/dev/null || true
    SLEEP_PID=""
    alive=0
    for name in "${STARTED[@]}"; do
      if running_pid "$name" >/dev/null; then
        alive=1
      elif [[ "$reported" != *" $name "* ]]; then
        warn "$name is no longer running; see .local/logs/$name.log"
        reported+="$name "
      fi
    done
    ((alive)) || { info "All components have stopped."; rm -f "$SUPERVISOR_PID"; exit 0; }
  done
}

cmd_stop() {
  mkdir -p "$RUN_DIR"
  local sup name
  if (($#)); then
    for name in "$@"; do
      [[ " ${APPS[*]%%:*} " == *" $name "* ]] || die "stop: '$name' is not an application (one of: ${APPS[*]%%:*})"
    done
    info "Stopping $* ..."
    local t0; t0=$(now_ms)
    stop_group 30 "$@"
    ok "Stopped in $(elapsed "$t0")."
    return 0
  fi
  if sup="$(supervisor_alive)"; then
    # The foreground ./run-local.sh stops everything in order itself when it gets SIGTERM.
    info "Asking the foreground run-local.sh (pid $sup) to stop ..."
    kill -TERM "$sup" 2>/dev/null || true
    local i
    for ((i = 0; i < 600; i++)); do supervisor_alive >/dev/null || break; sleep 0.2; done
  fi
  info "Stopping ConsentFlow (services first, then Kafka, then MongoDB) ..."
  stop_all
  rm -f "$SUPERVISOR_PID"
  ok "Stopped in $STOP_TIME."
}

cmd_status() {
  find_java
  local name port pid state ready
  printf '%-20s %-8s %-8s %-6s %-6s %s\n' COMPONENT STATE PID PORT READY LOG
  while read -r name; do
    port="$(port_of "$name")"
    if pid="$(running_pid "$name")"; then
      state=running
      is_ready "$name" && ready=yes || ready=no
    else
      pid="-"; state=stopped; ready="-"
      if [[ "$name" != kafka && "$name" != mongo && "$name" != tsa ]] && ! runnable_jar "$(app_jar "$name")"; then
        state="no-jar"
      fi
    fi
    printf '%-20s %-8s %-8s %-6s %-6s %s\n' "$name" "$state" "$pid" "$port" "$ready" ".local/logs/$name.log"
  done < <(all_names)
}

cmd_logs() {
  local files=() name
  if (($#)); then
    for name in "$@"; do
      port_of "$name" >/dev/null || [[ "$name" == build || "$name" == kafka-format ]] \
        || die "unknown component '$name' (one of: $(all_names | tr '\n' ' '))"
      files+=("$(log_file "$name")")
    done
  else
    while read -r name; do
      [[ -f "$(log_file "$name")" ]] && files+=("$(log_file "$name")")
    done < <(all_names)
  fi
  ((${#files[@]})) || die "no logs yet in .local/logs"
  exec tail -n 50 -F "${files[@]}"
}

cmd_token() {
  (($# == 1)) || die "usage: ./run-local.sh token ROLE   (ROLE: ${ROLES[*]})"
  local role="$1" r
  for r in "${ROLES[@]}"; do
    if [[ "$r" == "$role" ]]; then
      find_java
      exec "$JAVA" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$ROOT/scripts/LocalIdpToken.java" "$role"
    fi
  done
  die "unknown role '$role' (one of: ${ROLES[*]})"
}

# Publishes one SendRequest and follows it in the gateway's timeline (io.consentflow.localinfra.send.SendCommand).
# It does not build: a build rewrites local-infra/target while Kafka and MongoDB may be running from it.
cmd_send() {
  find_java
  local main=io.consentflow.localinfra.send.SendCommand
  if [[ ! -d "$INFRA_LIB" ]] || ! grep -qa "${main//.//}.class" "$INFRA_JAR" 2>/dev/null; then
    die "send is not built yet: ./run-local.sh stop, then ./run-local.sh start --build" \
      "(or, with nothing running, ./mvnw -q -pl local-infra -am package -DskipTests)"
  fi
  # No staleness warning here: a bad invocation prints exactly one line on stderr.
  exec "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    "-Dlog4j2.configurationFile=$ROOT/local-infra/config/log4j2-send.xml" \
    -cp "$ROOT/$INFRA_JAR:$ROOT/$INFRA_LIB/*" "$main" "$@"
}

# Re-verifies a proof bundle (JSON or PDF) or an audit CSV export without any service (proof-verifier, standalone jar).
# Trusts the documented development keys, the local TSA's certificate and the local witness folder unless told
# otherwise (AUDIT_PUBLIC_KEY, PROOF_PUBLIC_KEY, or explicit options, which are added to these).
cmd_verify_proof() {
  find_java
  if (($# == 0)) || [[ "$1" == --help || "$1" == -h ]]; then
    info "usage: ./run-local.sh verify-proof FILE [--audit-key KEY]... [--proof-key KEY] [--witness DIR] [--tsa-cert PEM]"
    info "  FILE: a proof from GET /api/v1/subjects/{e164}/proof (format json or pdf) or an audit CSV export."
    info "  Defaults: the development keys, --witness .local/data/witness, --tsa-cert .local/data/tsa/tsa-cert.pem,"
    info "  --require-timestamps. Exit status 0 verified, 1 a check failed, 2 unusable input."
    (($# == 0)) && exit 2 || exit 0
  fi
  [[ -f "$VERIFIER_JAR" ]] || die "$VERIFIER_JAR is missing: ./mvnw -q -pl proof-verifier package -DskipTests"
  local defaults=(--audit-key "$AUDIT_PUBLIC_KEY" --proof-key "$PROOF_PUBLIC_KEY" --require-timestamps)
  [[ -d "$WITNESS_DIR" ]] && defaults+=(--witness "$WITNESS_DIR")
  [[ -f "$AUDIT_TSA_CERTIFICATE" ]] && defaults+=(--tsa-cert "$AUDIT_TSA_CERTIFICATE")
  local file="$1"; shift
  exec "$JAVA" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$ROOT/$VERIFIER_JAR" "$file" "${defaults[@]}" "$@"
}

cmd_reset() {
  cmd_stop
  if [[ -d "$LOCAL" ]]; then
    info "Deleting $LOCAL (Kafka topics, MongoDB data, logs) ..."
    rm -rf "$LOCAL"
  fi
  ok "Reset done: the next start formats Kafka and begins with an empty database."
}

usage() {
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
}

# ---------------------------------------------------------------------------------------------------------------

DETACH=0
BUILD=auto
COMMAND=""
ONLY=""
ADDED_TO_RUNNING=0
ARGS=()
expect_only=0
for arg in "$@"; do
  # send's values are free text (--param help, --param -d): after `send` every word is its own
  if [[ "$COMMAND" == send || "$COMMAND" == verify-proof ]]; then ARGS+=("$arg"); continue; fi
  if ((expect_only)); then ONLY="$arg"; expect_only=0; continue; fi
  case "$arg" in
    -d|--detach) DETACH=1 ;;
    --only) expect_only=1 ;;
    --only=*) ONLY="${arg#--only=}" ;;
    --no-build) BUILD=never ;;
    --build) BUILD=always ;;
    -h|--help|help) usage; exit 0 ;;
    start|stop|status|logs|token|reset|send|verify-proof)
      if [[ -z "$COMMAND" ]]; then COMMAND="$arg"; else ARGS+=("$arg"); fi ;;
    *)
      if [[ -n "$COMMAND" ]]; then ARGS+=("$arg"); else err "unknown argument: $arg"; usage >&2; exit 2; fi ;;
  esac
done
COMMAND="${COMMAND:-start}"

case "$COMMAND" in
  start) cmd_start ;;
  stop) cmd_stop ${ARGS[@]+"${ARGS[@]}"} ;;
  status) cmd_status ;;
  logs) cmd_logs ${ARGS[@]+"${ARGS[@]}"} ;;
  token) cmd_token ${ARGS[@]+"${ARGS[@]}"} ;;
  send) cmd_send ${ARGS[@]+"${ARGS[@]}"} ;;
  verify-proof) cmd_verify_proof ${ARGS[@]+"${ARGS[@]}"} ;;
  reset) cmd_reset ;;
esac
