package io.consentflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each house-layout rule passes a compliant service and catches the violation the violating service commits (the
 * fixtures under {@code layoutfixture}); the report names the offending class or method.
 */
class ArchitectureRulesTest {

    private static final String COMPLIANT = "io.consentflow.testsupport.layoutfixture.compliant";
    private static final String VIOLATING = "io.consentflow.testsupport.layoutfixture.violating";
    private static final JavaClasses COMPLIANT_CLASSES = new ClassFileImporter().importPackages(COMPLIANT);
    private static final JavaClasses VIOLATING_CLASSES = new ClassFileImporter().importPackages(VIOLATING);

    @Test
    void aCompliantServicePassesEveryRule() {
        List<ArchRule> rules = ArchitectureRules.houseLayout(COMPLIANT);

        assertThat(rules).hasSize(6);
        rules.forEach(rule -> assertThat(rule.evaluate(COMPLIANT_CLASSES).getFailureReport().getDetails())
                .as(rule.getDescription()).isEmpty());
    }

    @Test
    void everyRuleNamesTheLayoutSection() {
        ArchitectureRules.houseLayout(COMPLIANT).forEach(rule -> assertThat(rule.getDescription())
                .contains("docs/architecture.md#layout-inside-a-service"));
    }

    @Test
    void domainIsPureCatchesAvroTypesAndServiceClassesOutsideDomain() {
        List<String> details = violations(ArchitectureRules::domainIsPure);

        assertThat(details).anyMatch(line -> line.contains("violating.domain.Subject")
                && line.contains("io.consentflow.events.OptInRequested"));
        assertThat(details).anyMatch(line -> line.contains("violating.domain.Subject")
                && line.contains("violating.app.EraseSubject"));
    }

    @Test
    void appUsesNoAdapterOrConfigCatchesBoth() {
        List<String> details = violations(ArchitectureRules::appUsesNoAdapterOrConfig);

        assertThat(details).anyMatch(line -> line.contains("app.EraseSubject")
                && line.contains("adapters.mongo.MongoSubjectStore"));
        assertThat(details).anyMatch(line -> line.contains("app.EraseSubject")
                && line.contains("config.ViolatingProperties"));
    }

    @Test
    void adaptersMeetOnlyThroughPortsCatchesAControllerOnTheStore() {
        List<String> details = violations(ArchitectureRules::adaptersMeetOnlyThroughPorts);

        assertThat(String.join("\n", details)).contains("adapters.web").contains("adapters.mongo")
                .contains("SubjectController");
    }

    @Test
    void listenersMakeOneApplicationCallCatchesTwoCallsAndNone() {
        List<String> details = violations(ArchitectureRules::listenersMakeOneApplicationCall);

        assertThat(details).anyMatch(line -> line.contains("SubjectListener.twoCalls")
                && line.contains("2 application methods [EraseSubject.audit, EraseSubject.erase]"));
        assertThat(details).anyMatch(line -> line.contains("SubjectListener.noCall")
                && line.contains("0 application methods"));
        assertThat(details).hasSize(2);
    }

    @Test
    void onlyHousePackagesCatchesAStrayPackageAndAStrayRootClass() {
        List<String> details = violations(ArchitectureRules::onlyHousePackages);

        assertThat(details).anyMatch(line -> line.contains("violating.misc.Util"));
        assertThat(details).anyMatch(line -> line.contains("violating.RootHelper"));
        assertThat(details).noneMatch(line -> line.contains("ViolatingApplication"));
    }

    @Test
    void blockingOnlyInListenersCatchesAUseCaseAndANonListenerAdapterButNotTheListener() {
        List<String> details = violations(ArchitectureRules::blockingOnlyInListeners);

        assertThat(details).anyMatch(line -> line.contains("violating.app.EraseSubject.countErased()")
                && line.contains("reactor.core.publisher.Mono.block()"));
        assertThat(details).anyMatch(line -> line.contains("violating.adapters.kafka.SubjectPublisher.publishAll(")
                && line.contains("reactor.core.publisher.Flux.toIterable()"));
        assertThat(details).as("a listener blocking on its application call is the one allowed place")
                .noneMatch(line -> line.contains("SubjectListener"));
        assertThat(details).hasSize(2);
    }

    private static List<String> violations(Function<String, ArchRule> rule) {
        EvaluationResult result = rule.apply(VIOLATING).evaluate(VIOLATING_CLASSES);
        assertThat(result.hasViolation()).as("the rule catches the violating service").isTrue();
        return result.getFailureReport().getDetails();
    }
}
