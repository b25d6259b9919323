package io.maxplatform.oauth.outbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A trust anchor's own certificate authorities, as PEM (RFC 7468 §5): the HTTPS connections to its URLs trust
 * exactly these certificates and none of the JVM's, as an in-cluster issuer (the Kubernetes API server) is
 * signed by the cluster's own CA, which no public trust store holds, and trusting the cluster CA for that one
 * source must not make it trusted for any other. Host names are still verified against the certificate.
 */
final class CaBundle {

    private CaBundle() {
    }

    /**
     * A TLS context that trusts the bundle's certificates alone.
     *
     * @throws UnacceptableUrl when the bundle holds no certificate or something that is not one
     */
    static SSLContext sslContext(String pem) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            List<Certificate> certificates = certificates(pem);
            for (int i = 0; i < certificates.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new UnacceptableUrl("The CA bundle cannot be used: " + e.getMessage());
        }
    }

    private static List<Certificate> certificates(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new UnacceptableUrl("The CA bundle must be PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
        Collection<? extends Certificate> parsed;
        try {
            parsed = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new UnacceptableUrl("The CA bundle is not PEM certificates: " + e.getMessage());
        }
        int blocks = pem.split("-----BEGIN CERTIFICATE-----", -1).length - 1;
        if (parsed.size() != blocks) {
            throw new UnacceptableUrl("The CA bundle has " + blocks + " certificate blocks, of which " + parsed.size()
                    + " could be read");
        }
        return new ArrayList<>(parsed);
    }
}
