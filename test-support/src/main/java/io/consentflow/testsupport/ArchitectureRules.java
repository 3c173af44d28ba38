package io.consentflow.testsupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Architecture rules every service keeps: the house layout of docs/architecture.md#layout-inside-a-service. A service
 * {@code io.consentflow.<svc>} has its Spring Boot main class in the root package and only the top-level packages
 * {@code domain}, {@code app}, {@code adapters.kafka|mongo|web|http} and {@code config}; each service's
 * {@code ArchitectureTest} checks {@link #houseLayout}.
 */
public final class ArchitectureRules {

    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";
    static final String BECAUSE = "of the house layout (docs/architecture.md#layout-inside-a-service)";
    /** The adapters a service may have, one per technology. */
    static final List<String> ADAPTERS = List.of("kafka", "mongo", "web", "http");
    /** Frameworks and infrastructure a domain core never sees. */
    private static final String[] FRAMEWORKS = {"org.springframework..", "org.apache.kafka..", "com.mongodb..",
        "org.bson..", "reactor..", "io.consentflow.platform.."};
    /** Generated Avro classes (the schemas' namespace) and Avro itself: mapped to domain types in adapters.kafka. */
    private static final String[] AVRO = {"io.consentflow.events..", "org.apache.avro.."};

    private ArchitectureRules() {
    }

    public static JavaClasses productionClasses(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** Rules 1-6 for the service in {@code basePackage} (e.g. {@code "io.consentflow.retention"}). */
    public static List<ArchRule> houseLayout(String basePackage) {
        return List.of(domainIsPure(basePackage), appUsesNoAdapterOrConfig(basePackage),
                adaptersMeetOnlyThroughPorts(basePackage), listenersMakeOneApplicationCall(basePackage),
                onlyHousePackages(basePackage), blockingOnlyInListeners(basePackage));
    }

    /** Classes in packages matching {@code domainPackages} (e.g. {@code "..domain.."}) use no Spring, Kafka, MongoDB. */
    public static ArchRule domainIsFrameworkFree(String... domainPackages) {
        return noClasses().that().resideInAnyPackage(domainPackages)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the domain core must stay testable without infrastructure"
                        + " (docs/architecture.md#layout-inside-a-service)");
    }

    /**
     * Rule 1: {@code domain} depends on nothing of the service outside {@code domain}, on no framework, no platform
     * class and no generated Avro type.
     */
    public static ArchRule domainIsPure(String basePackage) {
        String domain = basePackage + ".domain..";
        DescribedPredicate<JavaClass> outsideDomain = resideInAPackage(basePackage + "..")
                .and(DescribedPredicate.not(resideInAPackage(domain)));
        return noClasses().that().resideInAPackage(domain).should().dependOnClassesThat(
                        resideInAnyPackage(FRAMEWORKS).or(resideInAnyPackage(AVRO)).or(outsideDomain)
                                .as("are frameworks, platform, Avro types or the service outside domain"))
                .because("the domain core holds the rules and stays testable without infrastructure, " + BECAUSE);
    }

    /** Rule 2: {@code app} does not depend on adapters or config; it declares ports the adapters implement. */
    public static ArchRule appUsesNoAdapterOrConfig(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + ".app..").should().dependOnClassesThat()
                .resideInAnyPackage(basePackage + ".adapters..", basePackage + ".config..")
                .because("use cases reach storage, topics and peers only through the ports they declare, " + BECAUSE);
    }

    /** Rule 3: no adapter package depends on another; they meet only through app ports. */
    public static ArchRule adaptersMeetOnlyThroughPorts(String basePackage) {
        return slices().matching(basePackage + ".adapters.(*)..").namingSlices("adapters.$1")
                .should().notDependOnEachOther().allowEmptyShould(true)
                .because("one technology's code never calls another's; they meet through app ports, " + BECAUSE);
    }

    /**
     * Rule 4: every {@code @KafkaListener} method calls exactly one method of {@code app} (directly or through methods
     * of its own class; unwrapping and dedupe helpers of platform or the adapter are not counted).
     */
    public static ArchRule listenersMakeOneApplicationCall(String basePackage) {
        return methods().that().areAnnotatedWith(KAFKA_LISTENER)
                .and().areDeclaredInClassesThat().resideInAPackage(basePackage + "..")
                .should(ListenerCalls.callExactlyOneApplicationMethod(basePackage + ".app"))
                .allowEmptyShould(true)
                .because("a listener only unwraps, dedupes and makes one application call, " + BECAUSE);
    }

    /** Rule 5: no top-level packages but the house's; the root package holds only the Spring Boot main class. */
    public static ArchRule onlyHousePackages(String basePackage) {
        List<String> allowed = new ArrayList<>(List.of(basePackage + ".domain..", basePackage + ".app..",
                basePackage + ".config.."));
        ADAPTERS.forEach(adapter -> allowed.add(basePackage + ".adapters." + adapter + ".."));
        DescribedPredicate<JavaClass> mainClass = new DescribedPredicate<>("are the Spring Boot main class") {
            @Override
            public boolean test(JavaClass type) {
                JavaClass outermost = type;
                while (outermost.getEnclosingClass().isPresent()) {
                    outermost = outermost.getEnclosingClass().get();
                }
                return type.getPackageName().equals(basePackage)
                        && outermost.isAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication");
            }
        };
        return classes().that().resideInAPackage(basePackage + "..").and(DescribedPredicate.not(mainClass))
                .should().resideInAnyPackage(allowed.toArray(String[]::new))
                .because("every service has the same package tree: domain, app, adapters."
                        + String.join("|", ADAPTERS) + ", config, " + BECAUSE);
    }

    /**
     * Rule 6: only a class of {@code adapters.kafka} that holds a {@code @KafkaListener} method calls a blocking
     * Reactor method ({@code Mono.block*}, {@code Flux.block*}, {@code toIterable}, {@code toStream}); everything else
     * composes {@code Mono}/{@code Flux} and leaves the blocking to that listener (once, on its one application call)
     * or to platform ({@code ReactivePeriodicTask}, {@code StartupTask}), which is outside the service's package.
     */
    public static ArchRule blockingOnlyInListeners(String basePackage) {
        DescribedPredicate<JavaClass> listenerHolder = new DescribedPredicate<>(
                "hold a @KafkaListener method in " + basePackage + ".adapters.kafka") {
            @Override
            public boolean test(JavaClass type) {
                String kafka = basePackage + ".adapters.kafka";
                return (type.getPackageName().equals(kafka) || type.getPackageName().startsWith(kafka + "."))
                        && type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(KAFKA_LISTENER));
            }
        };
        return noClasses().that().resideInAPackage(basePackage + "..").and(DescribedPredicate.not(listenerHolder))
                .should().callMethodWhere(BlockingCalls.BLOCKING)
                .because("blocking happens in one place: a listener blocks once on its one application call, "
                        + "scheduled and start-up work returns a Mono that platform blocks on, " + BECAUSE);
    }

    /** The Reactor methods that block the calling thread. */
    static final class BlockingCalls {

        private static final Set<String> REACTIVE_TYPES = Set.of("reactor.core.publisher.Mono",
                "reactor.core.publisher.Flux", "reactor.core.publisher.ParallelFlux");
        private static final Set<String> BLOCKING_METHODS = Set.of("block", "blockOptional", "blockFirst",
                "blockLast", "toIterable", "toStream");

        static final DescribedPredicate<JavaMethodCall> BLOCKING = new DescribedPredicate<>(
                "blocks on a Mono or Flux (block*, toIterable, toStream)") {
            @Override
            public boolean test(JavaMethodCall call) {
                JavaClass owner = call.getTarget().getOwner();
                return BLOCKING_METHODS.contains(call.getTarget().getName())
                        && (REACTIVE_TYPES.contains(owner.getName())
                        || REACTIVE_TYPES.stream().anyMatch(owner::isAssignableTo));
            }
        };

        private BlockingCalls() {
        }
    }

    /** The application methods a listener method reaches, following calls into its own class. */
    static final class ListenerCalls {

        private ListenerCalls() {
        }

        static ArchCondition<JavaMethod> callExactlyOneApplicationMethod(String appPackage) {
            return new ArchCondition<>("call exactly one method of " + appPackage) {
                @Override
                public void check(JavaMethod listener, ConditionEvents events) {
                    Set<String> calls = applicationCalls(listener, appPackage);
                    events.add(new SimpleConditionEvent(listener, calls.size() == 1, listener.getFullName()
                            + " calls " + calls.size() + " application methods " + calls + " in "
                            + listener.getSourceCodeLocation()));
                }
            };
        }

        static Set<String> applicationCalls(JavaMethod listener, String appPackage) {
            Set<String> found = new TreeSet<>();
            Set<String> visited = new HashSet<>();
            Deque<JavaCodeUnit> todo = new ArrayDeque<>();
            todo.push(listener);
            while (!todo.isEmpty()) {
                var unit = todo.pop();
                if (!visited.add(unit.getFullName())) {
                    continue;
                }
                for (var access : unit.getAccessesFromSelf()) {
                    if (!(access.getTarget() instanceof CodeUnitAccessTarget target)
                            || target.getName().equals("<init>")) {
                        continue;
                    }
                    JavaClass owner = target.getOwner();
                    String ownerPackage = owner.getPackageName();
                    if (ownerPackage.equals(appPackage) || ownerPackage.startsWith(appPackage + ".")) {
                        found.add(owner.getSimpleName() + "." + target.getName());
                    } else if (owner.equals(listener.getOwner())) {
                        target.resolveMember().ifPresent(todo::push);
                    }
                }
            }
            return found;
        }
    }
}
