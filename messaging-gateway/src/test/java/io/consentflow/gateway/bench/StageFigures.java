package io.consentflow.gateway.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Where a batch waits (all rounds): the pipeline's stage timers and the Mongo driver's command timers. */
final class StageFigures {

    private StageFigures() {
    }

    static Map<String, Object> of(MeterRegistry meters) {
        Map<String, Object> figures = new LinkedHashMap<>();
        for (var command : meters.find("mongodb.driver.commands").timers()) {
            figures.put("mongo command " + command.getId().getTag("command") + " " + command.getId()
                    .getTag("collection") + " (all rounds): count, mean ms, max ms; p50/p90/p99 ms",
                    summary(command.takeSnapshot()));
        }
        for (var stage : meters.find("consentflow.gateway.send.stage").timers()) {
            figures.put("stage " + stage.getId().getTag("stage")
                    + " (all rounds): count, mean ms, max ms; p50/p90/p99 ms", summary(stage.takeSnapshot()));
        }
        return figures;
    }

    private static String summary(HistogramSnapshot snapshot) {
        return snapshot.count() + ", " + Math.round(snapshot.mean(TimeUnit.MILLISECONDS) * 10) / 10.0 + ", "
                + Math.round(snapshot.max(TimeUnit.MILLISECONDS)) + "; " + percentiles(snapshot);
    }

    private static String percentiles(HistogramSnapshot snapshot) {
        return Arrays.stream(snapshot.percentileValues())
                .map(p -> String.valueOf(Math.round(p.value(TimeUnit.MILLISECONDS) * 10) / 10.0))
                .collect(Collectors.joining("/"));
    }
}
