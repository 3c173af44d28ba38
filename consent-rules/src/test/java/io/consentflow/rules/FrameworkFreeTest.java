package io.consentflow.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The rules both services apply stay plain Java: no framework, no broker, no store, no generated contract type. */
class FrameworkFreeTest {

    @Test
    void consentRulesDependOnNoFrameworkBrokerStoreOrContract() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "com.mongodb..", "org.bson..", "org.apache.avro..", "io.consentflow.events..",
                        "io.consentflow.schemas..", "reactor..")
                .because("consent-service and the gateway share these rules; each adapter maps its own types")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.consentflow.rules"));
    }
}
