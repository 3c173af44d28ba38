package io.consentflow.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

/** Architecture rules every service keeps (Spring Modulith style): the domain core imports no framework. */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Classes in packages matching {@code domainPackages} (e.g. {@code "..domain.."}) use no Spring, Kafka, MongoDB. */
    public static ArchRule domainIsFrameworkFree(String... domainPackages) {
        return noClasses().that().resideInAnyPackage(domainPackages)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "com.mongodb..", "org.bson..", "reactor..", "io.consentflow.platform..")
                .because("the domain core must stay testable without infrastructure"
                        + " (docs/architecture.md#layout-inside-a-service)");
    }
}
