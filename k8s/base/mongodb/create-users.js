// Creates (or updates) the MongoDB users of the ConsentFlow services with least privilege. Idempotent: run it again
// after a password rotation. Each service's user name and password are read from that service's own connection
// string (CONSENT_SERVICE_MONGODB_URI, ...), so a password lives in exactly one place: the service's Kubernetes
// Secret, or .env for docker compose. Runs as a mongo init script (compose) and as the mongodb-users Job (k8s).
const APPEND_ONLY_ROLE = 'consentflowAuditAppendOnly';
const services = [
  // consent_keys: the key ring (wrapped data keys), apart from the data and backed up on its own short schedule
  { env: 'CONSENT_SERVICE_MONGODB_URI', roles: [{ role: 'readWrite', db: 'consent' }, { role: 'readWrite', db: 'consent_keys' }] },
  { env: 'MESSAGING_GATEWAY_MONGODB_URI', roles: [{ role: 'readWrite', db: 'gateway' }] },
  { env: 'RETENTION_SERVICE_MONGODB_URI', roles: [{ role: 'readWrite', db: 'retention' }] },
  // The compliance log is append-only: audit-service may read and insert, never update, delete or drop. Its
  // contacts' salts live apart, in audit_keys, where shredding one is a delete.
  { env: 'AUDIT_SERVICE_MONGODB_URI', roles: [{ role: APPEND_ONLY_ROLE, db: 'admin' }, { role: 'readWrite', db: 'audit_keys' }] },
];
const appendOnlyPrivileges = [{
  resource: { db: 'audit', collection: '' },
  actions: ['find', 'insert', 'listCollections', 'listIndexes', 'createCollection', 'createIndex'],
}];

const admin = db.getSiblingDB('admin');
if (admin.getRole(APPEND_ONLY_ROLE) === null) {
  admin.createRole({ role: APPEND_ONLY_ROLE, privileges: appendOnlyPrivileges, roles: [] });
} else {
  admin.updateRole(APPEND_ONLY_ROLE, { privileges: appendOnlyPrivileges, roles: [] });
}

for (const service of services) {
  const uri = process.env[service.env];
  if (!uri) {
    throw new Error(service.env + ' is not set');
  }
  const credentials = /^mongodb(?:\+srv)?:\/\/([^:@\/]+):([^@\/]+)@/.exec(uri);
  if (credentials === null) {
    throw new Error(service.env + ' has no user:password');
  }
  const user = decodeURIComponent(credentials[1]);
  const pwd = decodeURIComponent(credentials[2]);
  if (admin.getUser(user) === null) {
    admin.createUser({ user: user, pwd: pwd, roles: service.roles });
  } else {
    admin.updateUser(user, { pwd: pwd, roles: service.roles });
  }
  print('consentflow: user ' + user + ' has ' + JSON.stringify(service.roles));
}
