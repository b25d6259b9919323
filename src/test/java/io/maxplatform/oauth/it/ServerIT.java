package io.maxplatform.oauth.it;

import java.io.File;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built WAR on Payara Micro and real PostgreSQL, started once for all the black-box checks nested here
 * (each group lives in its own {@code *Checks} class), and spoken to over HTTP from outside. The same
 * checks run on Payara Server ({@code -Ppayara-server}) and WildFly ({@code -Pwildfly}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerIT {

    @Deployment(testable = false)
    static WebArchive war() {
        return builtWar();
    }

    /**
     * The WAR the build produced, exactly as it ships. Arquillian asks for it just before it starts a server,
     * so this first waits for the previous test class's server to let go of the port.
     */
    static WebArchive builtWar() {
        try {
            // Payara Micro (the default) starts with its deployment; Payara Server and WildFly
            // (arquillian.launch) are already running by now and hold the port themselves.
            if (System.getProperty("arquillian.launch") == null) {
                ServerHttp.awaitFreePort();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return ShrinkWrap.create(ZipImporter.class, "maxplatform-oauth.war")
                .importFrom(new File(System.getProperty("it.war")))
                .as(WebArchive.class);
    }

    @Nested
    class TokenEndpoint extends TokenEndpointChecks {
    }

    @Nested
    class AccessTokens extends AccessTokenChecks {
    }

    @Nested
    class Statistics extends StatisticsChecks {
    }

    @Nested
    class AuditTrail extends AuditTrailChecks {
    }

    @Nested
    class Schema extends SchemaChecks {
    }

    @Nested
    class AdminAccess extends AdminAccessChecks {
    }

    @Nested
    class AdminClients extends AdminClientChecks {
    }

    @Nested
    class AdminConcurrency extends AdminConcurrencyChecks {
    }

    @Nested
    class AdminScenario extends AdminScenarioChecks {
    }

    @Nested
    class CheckTool extends CheckToolChecks {
    }

    @Nested
    class Revocation extends RevocationChecks {
    }

    @Nested
    class Hardening extends HardeningChecks {
    }

    @Nested
    class Adversarial extends AdversarialChecks {
    }

    @Nested
    class SecurityCases extends SecurityCaseChecks {
    }

    @Nested
    class TokenLifecycle extends TokenLifecycleChecks {
    }

    @Nested
    class Cleanups extends CleanupChecks {
    }

    @Nested
    class SecretRotation extends SecretRotationChecks {
    }

    @Nested
    class PrivateKeyJwt extends PrivateKeyJwtChecks {
    }

    @Nested
    class ResourceIndicators extends ResourceIndicatorChecks {
    }

    @Nested
    class AuditGroupCommit extends AuditGroupCommitChecks {
    }

    @Nested
    class Metrics extends MetricsChecks {
    }

    @Nested
    class ChangeFeed extends ChangeFeedChecks {
    }

    @Nested
    class ChangeAnnouncements extends ChangeAnnouncementChecks {
    }

    @Nested
    class Federation extends FederationChecks {
    }
}
