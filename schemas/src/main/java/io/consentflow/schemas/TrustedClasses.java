package io.consentflow.schemas;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates only trusted classes when it resolves a record by name. Trust exactly the generated event
 * package on top of Avro's defaults, nothing else, so a crafted schema cannot make the decoder load arbitrary code.
 */
final class TrustedClasses {

    private static volatile boolean registered;

    private TrustedClasses() {
    }

    static void register() {
        if (registered) {
            return;
        }
        synchronized (TrustedClasses.class) {
            if (!registered) {
                ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
                ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                        type -> type.getName().startsWith(EventTypes.PACKAGE + ".")));
                registered = true;
            }
        }
    }
}
