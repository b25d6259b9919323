// Node's oauth4webapi PrivateKeyJwt (ES256) against a running server: registers a key client with the bootstrap
// client's development secret, discovers the metadata, and gets a token with the client credentials grant.
//   mvn -Prun   then   npm install oauth4webapi@3 && node src/test/interop/oauth4webapi_private_key_jwt.mjs [http://localhost:8000]
import * as oauth from 'oauth4webapi'
const base = process.argv[2] ?? 'http://localhost:8000'
const issuer = new URL(base + '/api/oauth')
const adminRes = await fetch(base + '/api/oauth/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'maxplatform-service', client_secret: 'service_maxplatform_2025_dev_secret', scope: 'admin:oauth' }) })
const admin = (await adminRes.json()).access_token
const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])
const jwk = { ...(await crypto.subtle.exportKey('jwk', publicKey)), kid: 'o4w-1', use: 'sig', alg: 'ES256' }
delete jwk.key_ops; delete jwk.ext
const clientId = 'o4w-' + Math.random().toString(36).slice(2, 10)
const reg = await fetch(base + '/api/admin/oauth/service/clients', { method: 'POST', headers: { authorization: 'Bearer ' + admin, 'content-type': 'application/json' },
  body: JSON.stringify({ client_id: clientId, client_name: 'oauth4webapi', allowed_scopes: ['read:profile'], token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [jwk] } }) })
console.log('register', reg.status)
const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { algorithm: 'oauth2', [oauth.allowInsecureRequests]: true }))
const client = { client_id: clientId }
const auth = oauth.PrivateKeyJwt({ key: privateKey, kid: 'o4w-1' })
const res = await oauth.clientCredentialsGrantRequest(as, client, auth, new URLSearchParams({ scope: 'read:profile' }), { [oauth.allowInsecureRequests]: true })
const token = await oauth.processClientCredentialsResponse(as, client, res)
console.log('oauth4webapi PrivateKeyJwt:', token.token_type, token.scope, token.expires_in)
