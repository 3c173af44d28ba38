package io.consentflow.gateway.app;

import java.util.Set;

/** The send-requests partitions this instance's listener owns now (port; empty while it is not running). */
public interface OwnedPartitions {

    Set<Integer> now();
}
