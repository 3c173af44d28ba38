package io.consentflow.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.CompositeArchRule;
import io.consentflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/**
 * The house layout (docs/architecture.md#layout-inside-a-service), and no code path can change or remove what the
 * log holds.
 */
class ArchitectureTest {

    private static final String BASE = "io.consentflow.audit";
    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses(BASE);

    /** Any MongoDB (driver or Spring Data) method that changes or removes stored documents. */
    static final DescribedPredicate<JavaMethodCall> MUTATING_MONGO_CALL = new DescribedPredicate<>(
            "a MongoDB update, replace, delete, remove, drop, findAndModify, bulkWrite or rename") {
        @Override
        public boolean test(JavaMethodCall call) {
            String owner = call.getTargetOwner().getPackageName();
            String name = call.getName();
            boolean mongo = owner.startsWith("com.mongodb") || owner.startsWith("org.springframework.data.mongodb");
            return mongo && name.matches("(?i)(update|replace|delete|remove|drop|findAndModify|findAndReplace"
                    + "|findAndRemove|findOneAnd|bulkWrite|rename|upsert|save).*");
        }
    };

    @Test
    void domainIsFrameworkFree() {
        ArchitectureRules.domainIsPure(BASE).check(CLASSES);
    }

    @Test
    void followsTheHouseLayout() {
        CompositeArchRule.of(ArchitectureRules.houseLayout(BASE)).check(CLASSES);
    }

    @Test
    void nothingUpdatesOrDeletesStoredEntriesOrCheckpoints() {
        // the contacts' salts (their own database, a key ring, not the log) are the one thing that may be deleted
        noClasses().that().resideInAPackage("io.consentflow.audit..")
                .and().doNotBelongToAnyOf(io.consentflow.audit.adapters.mongo.MongoContactSalts.class)
                .should().callMethodWhere(MUTATING_MONGO_CALL)
                .because("the compliance log is append-only (docs/architecture.md#audit); its MongoDB role grants insert"
                        + " and find only")
                .check(CLASSES);
    }

    @Test
    void theRuleCatchesAnUpdate() {
        JavaClasses offending = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .importClasses(OffendingStore.class);
        var result = noClasses().should().callMethodWhere(MUTATING_MONGO_CALL).evaluate(offending);
        org.assertj.core.api.Assertions.assertThat(result.hasViolation()).isTrue();
    }

    /** A deliberately offending class, only to prove the rule bites. */
    static final class OffendingStore {
        void tamper(com.mongodb.reactivestreams.client.MongoCollection<org.bson.Document> collection) {
            collection.deleteMany(new org.bson.Document());
        }
    }
}
