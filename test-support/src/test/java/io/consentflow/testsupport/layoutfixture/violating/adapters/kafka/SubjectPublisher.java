package io.consentflow.testsupport.layoutfixture.violating.adapters.kafka;

import java.util.List;
import reactor.core.publisher.Flux;

/** Rule 6: a class of adapters.kafka without a listener blocks (toIterable). */
class SubjectPublisher {

    int publishAll(List<String> subjectIds) {
        int sent = 0;
        for (String subjectId : Flux.fromIterable(subjectIds).toIterable()) {
            sent += subjectId.isEmpty() ? 0 : 1;
        }
        return sent;
    }
}
