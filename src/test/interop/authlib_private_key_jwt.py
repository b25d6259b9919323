# Python authlib's default private_key_jwt (iat = now, exp = now + 1 hour) against a running server: registers a
# key client with the bootstrap client's development secret, then gets a token as authlib sends it.
#   mvn -Prun   then   python3 src/test/interop/authlib_private_key_jwt.py [http://localhost:8000]
# Needs authlib, requests and cryptography (Debian: apt-get install python3-authlib python3-requests).
import json, sys, uuid, requests
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import serialization
from authlib.jose import JsonWebKey
from authlib.integrations.requests_client import OAuth2Session
from authlib.oauth2.rfc7523 import PrivateKeyJWT

base = sys.argv[1] if len(sys.argv) > 1 else "http://localhost:8000"
token_url = base + "/api/oauth/token"
admin = requests.post(token_url, data={"grant_type": "client_credentials", "client_id": "maxplatform-service",
                      "client_secret": "service_maxplatform_2025_dev_secret", "scope": "admin:oauth"}).json()["access_token"]
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
public = JsonWebKey.import_key(key.public_key().public_bytes(serialization.Encoding.PEM,
                               serialization.PublicFormat.SubjectPublicKeyInfo), {"kty": "RSA"}).as_dict()
public["kid"] = "authlib-1"
client_id = "authlib-" + uuid.uuid4().hex[:8]
created = requests.post(base + "/api/admin/oauth/service/clients", headers={"Authorization": "Bearer " + admin},
                        json={"client_id": client_id, "client_name": "authlib defaults", "allowed_scopes": ["read:profile"],
                              "token_endpoint_auth_method": "private_key_jwt", "jwks": {"keys": [public]}})
print("register", created.status_code)
session = OAuth2Session(client_id, pem, token_endpoint_auth_method=PrivateKeyJWT(token_url, headers={"kid": "authlib-1"}),
                        scope="read:profile")
token = session.fetch_token(token_url, grant_type="client_credentials")
print("authlib default PrivateKeyJWT:", "token_type" in token and token["token_type"], token.get("scope"), token.get("expires_in"))
