package io.maxplatform.oauth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.maxplatform.oauth.config.ConfigReachingIntoAFeature;
import io.maxplatform.oauth.token.ResourceBreakingTheRules;
import io.maxplatform.servicetoken.LibraryUsingTheServer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure the "Packages" map of src/site/markdown/development.md describes, kept honest: feature packages whose
 * dependencies point one way, {@code config} as the floor, {@code admin} as the top, resources that only
 * speak HTTP, and a client library that stands alone.
 */
class ArchitectureTest {

    static final String SERVER = "io.maxplatform.oauth";
    static final String CLIENT_LIBRARY = "io.maxplatform.servicetoken";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(SERVER, CLIENT_LIBRARY);
    }

    /** The rules, each named, so a test can show that each one fails on a class that breaks it. */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching(SERVER + ".(*)..").should().beFreeOfCycles();

    static final ArchRule CONFIG_IS_THE_FLOOR = classes().that().resideInAPackage(SERVER + ".config..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(SERVER + ".config..", "java..", "javax..",
                    "jakarta..", "org.eclipse.microprofile..")
            .because("config holds settings and wiring that every feature stands on");

    static final ArchRule ONLY_ADMIN_USES_ROLES_ALLOWED = CompositeArchRule
            .of(noClasses().that().resideOutsideOfPackage(SERVER + ".admin..").should().beAnnotatedWith(RolesAllowed.class))
            .and(noMethods().that().areDeclaredInClassesThat().resideOutsideOfPackage(SERVER + ".admin..")
                    .should().beAnnotatedWith(RolesAllowed.class))
            .because("the admin API is the only scope-protected surface; elsewhere access is @PermitAll or @DenyAll");

    static final ArchRule RESOURCES_NEVER_TOUCH_THE_ENTITY_MANAGER = noClasses().that().areAnnotatedWith(Path.class)
            .should().dependOnClassesThat().areAssignableTo(EntityManager.class)
            .because("resources speak HTTP; repositories speak JPA");

    static final ArchRule ONLY_REPOSITORIES_HOLD_AN_ENTITY_MANAGER = fields().that().haveRawType(EntityManager.class)
            .and().areDeclaredInClassesThat().doNotHaveSimpleName("StartupLock")
            .should().beDeclaredInClassesThat().haveSimpleNameEndingWith("Repository")
            .because("JPA access is found by name; StartupLock only takes a PostgreSQL advisory lock");

    /** security case A13: secrets and their digests are compared in constant time (MessageDigest.isEqual). */
    static final ArchRule SECRETS_COMPARED_IN_CONSTANT_TIME = noClasses().that().resideInAPackage(SERVER + ".authentication..")
            .should().callMethod(java.util.Arrays.class, "equals", byte[].class, byte[].class)
            .because("Arrays.equals returns at the first differing byte; MessageDigest.isEqual does not");

    static final ArchRule NOTHING_IMPORTS_ADMIN = noClasses().that().resideOutsideOfPackage(SERVER + ".admin..")
            .should().dependOnClassesThat().resideInAPackage(SERVER + ".admin..");

    static final ArchRule CLIENT_LIBRARY_STANDS_ALONE = noClasses().that().resideInAPackage(CLIENT_LIBRARY + "..")
            .should().dependOnClassesThat().resideInAPackage(SERVER + "..")
            .orShould().dependOnClassesThat().resideInAnyPackage("jakarta..", "com.nimbusds..", "org.eclipse..")
            .because("the client library ships in its own JDK-only jar");

    /** Each rule fails on the classes in the test sources that break it on purpose. */
    @Test
    void everyRuleFailsWhenBroken() {
        JavaClasses broken = new ClassFileImporter().importPackages(SERVER, CLIENT_LIBRARY);
        Map<ArchRule, Class<?>> breakers = new LinkedHashMap<>();
        breakers.put(NO_PACKAGE_CYCLES, ConfigReachingIntoAFeature.class);
        breakers.put(CONFIG_IS_THE_FLOOR, ConfigReachingIntoAFeature.class);
        breakers.put(ONLY_ADMIN_USES_ROLES_ALLOWED, ResourceBreakingTheRules.class);
        breakers.put(RESOURCES_NEVER_TOUCH_THE_ENTITY_MANAGER, ResourceBreakingTheRules.class);
        breakers.put(ONLY_REPOSITORIES_HOLD_AN_ENTITY_MANAGER, ResourceBreakingTheRules.class);
        breakers.put(NOTHING_IMPORTS_ADMIN, ResourceBreakingTheRules.class);
        breakers.put(CLIENT_LIBRARY_STANDS_ALONE, LibraryUsingTheServer.class);
        breakers.forEach((rule, breaker) -> {
            EvaluationResult result = rule.evaluate(broken);
            assertTrue(result.hasViolation(), "not caught: " + rule.getDescription());
            assertTrue(result.getFailureReport().getDetails().stream().anyMatch(d -> d.contains(breaker.getSimpleName())),
                    rule.getDescription() + " should name " + breaker.getSimpleName());
        });
    }

    @Test
    void packagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(production);
    }

    @Test
    void configImportsNoFeature() {
        CONFIG_IS_THE_FLOOR.check(production);
    }

    @Test
    void onlyAdminUsesRolesAllowed() {
        ONLY_ADMIN_USES_ROLES_ALLOWED.check(production);
    }

    @Test
    void resourcesNeverTouchTheEntityManager() {
        RESOURCES_NEVER_TOUCH_THE_ENTITY_MANAGER.check(production);
    }

    @Test
    void onlyRepositoriesHoldAnEntityManager() {
        ONLY_REPOSITORIES_HOLD_AN_ENTITY_MANAGER.check(production);
    }

    @Test
    void secretsAreComparedInConstantTime() {
        SECRETS_COMPARED_IN_CONSTANT_TIME.check(production);
    }

    @Test
    void nothingImportsAdmin() {
        NOTHING_IMPORTS_ADMIN.check(production);
    }

    @Test
    void theClientLibraryImportsNothingOfTheServer() {
        CLIENT_LIBRARY_STANDS_ALONE.check(production);
    }
}
