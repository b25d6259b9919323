package io.maxplatform.oauth.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.maxplatform.oauth.config.DerivedKeys;
import io.maxplatform.oauth.it.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;

/**
 * The server's own signing key, read back from its database with the test's {@code SECRET_KEY}, to sign
 * tokens the server would never issue (expired, wrong issuer, wrong audience): a forged signature would be
 * refused for that alone and prove nothing about the claim checks.
 */
public final class ServerKeyForTests {

    private ServerKeyForTests() {
    }

    public static JWK activeKey() {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT kid, private_key_encrypted FROM oauth_signing_keys WHERE withdrawn_at IS NULL"
                     + " AND activates_at <= now() AND (retired_at IS NULL OR retired_at > now()) ORDER BY activates_at DESC LIMIT 1")) {
            row.next();
            PrivateKeyCipher cipher = new PrivateKeyCipher(
                    DerivedKeys.derive(System.getenv("SECRET_KEY"), DerivedKeys.SIGNING_KEY_ENCRYPTION));
            return JWK.parse(cipher.decrypt(row.getString(2), row.getString(1)));
        } catch (SQLException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWTClaimsSet claims) {
        return sign(claims, JOSEObjectType.JWT);
    }

    /** Signed by the server's active key with the header's {@code typ} as given (null: none). */
    public static String sign(JWTClaimsSet claims, JOSEObjectType type) {
        JWK key = activeKey();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(type)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key.toRSAKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
