#!/usr/bin/env bash
# Writes .env for docker compose from .env.example: every empty value gets a fresh random secret, except the ones
# that must stay empty unless you set them (WHATSAPP_APP_SECRET_PREVIOUS, CONSENTFLOW_PREVIOUS_MASTER_KEYS,
# CONSENTFLOW_JWT_JWK_SET_URI). Refuses to overwrite an existing .env.
# Needs openssl.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
example="$root/.env.example"
target="$root/.env"
[[ -e "$target" ]] && { echo ".env exists; delete it first to regenerate (existing volumes keep the old MongoDB passwords)" >&2; exit 1; }

secret_for() {
  case "$1" in
    WHATSAPP_APP_SECRET_PREVIOUS|CONSENTFLOW_PREVIOUS_MASTER_KEYS|CONSENTFLOW_JWT_JWK_SET_URI) echo "" ;;
    CONSENTFLOW_MASTER_KEY) openssl rand -base64 32 ;;
    AUDIT_SIGNING_KEY|CONSENTFLOW_PROOF_SIGNING_KEY) openssl genpkey -algorithm ed25519 -outform DER | openssl base64 -A ;;
    *_PASSWORD|MONGO_REPLICA_SET_KEY) openssl rand -hex 24 ;;
    *) openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n' ;;
  esac
}

umask 077
while IFS= read -r line || [[ -n "$line" ]]; do
  if [[ "$line" =~ ^([A-Z0-9_]+)=$ ]]; then
    printf '%s=%s\n' "${BASH_REMATCH[1]}" "$(secret_for "${BASH_REMATCH[1]}")"
  else
    printf '%s\n' "$line"
  fi
done < "$example" > "$target"
echo "wrote $target (mode 600); keep it out of git and backups in clear"
