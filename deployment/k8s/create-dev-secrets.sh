#!/usr/bin/env bash
# Creates the Secrets the dev overlay expects, with fresh random values, in namespace consentflow-dev (or $NAMESPACE).
# Development only: production Secrets come from the vault via External Secrets (deployment/README.md).
#   MONGODB_ADMIN_URI='mongodb://admin:...@mongodb-svc:27017/?replicaSet=rs0&authSource=admin' \
#   MONGODB_HOSTS='mongodb-svc:27017' ./deployment/k8s/create-dev-secrets.sh
# Re-running replaces every value (then re-run the mongodb-users Job and restart the Deployments).
set -euo pipefail
: "${MONGODB_ADMIN_URI:?set MONGODB_ADMIN_URI (a user with userAdminAnyDatabase)}"
: "${MONGODB_HOSTS:=mongodb-svc:27017}"
: "${MONGODB_OPTIONS:=replicaSet=rs0&authSource=admin}"
NAMESPACE="${NAMESPACE:-consentflow-dev}"

random() { openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n'; }
password() { openssl rand -hex 24; }
uri() { printf 'mongodb://%s:%s@%s/%s?%s' "$1" "$(password)" "$MONGODB_HOSTS" "$2" "$MONGODB_OPTIONS"; }
apply() { kubectl -n "$NAMESPACE" create secret generic "$@" --dry-run=client -o yaml | kubectl apply -f -; }

kubectl get namespace "$NAMESPACE" >/dev/null 2>&1 || kubectl create namespace "$NAMESPACE"
apply mongodb-admin --from-literal=uri="$MONGODB_ADMIN_URI"
apply consentflow-pepper --from-literal=pepper="$(random)"
apply consentflow-send-signing --from-literal=send-signing-key="$(random)"
apply consentflow-dev-jwt --from-literal=hmac-secret="$(random)"
apply consent-service-secrets --from-literal=mongodb-uri="$(uri consent-service consent)" \
  --from-literal=master-key="$(openssl rand -base64 32)"
apply messaging-gateway-secrets --from-literal=mongodb-uri="$(uri messaging-gateway gateway)" \
  --from-literal=whatsapp-access-token="$(random)" --from-literal=whatsapp-app-secret="$(random)" \
  --from-literal=whatsapp-verify-token="$(random)"
apply retention-service-secrets --from-literal=mongodb-uri="$(uri retention-service retention)"
apply audit-service-secrets --from-literal=mongodb-uri="$(uri audit-service audit)" \
  --from-literal=signing-key="$(openssl genpkey -algorithm ed25519 -outform DER | openssl base64 -A)" \
  --from-literal=digest-salt="$(random)"
echo "Secrets created in $NAMESPACE. Staff token: CONSENTFLOW_JWT_SECRET=\$(kubectl -n $NAMESPACE get secret" \
  "consentflow-dev-jwt -o jsonpath='{.data.hmac-secret}' | base64 -d) java scripts/StaffToken.java DPO"
