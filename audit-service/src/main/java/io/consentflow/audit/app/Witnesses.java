package io.consentflow.audit.app;

import io.consentflow.proof.WitnessedCheckpoint;
import java.util.List;

/** Port: the witnesses outside the operator's database that receive every checkpoint head once (blocking). */
public interface Witnesses {

    boolean enabled();

    /** Delivers one head to every witness; throws when one of them did not take it. */
    void deliver(WitnessedCheckpoint head);

    /** Every head a witness holds. */
    List<WitnessedCheckpoint> heads();
}
