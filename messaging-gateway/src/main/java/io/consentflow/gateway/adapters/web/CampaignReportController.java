package io.consentflow.gateway.adapters.web;

import io.consentflow.gateway.app.ApiRequestClaims;
import io.consentflow.gateway.app.CampaignReport;
import io.consentflow.gateway.app.LoggedMessage;
import io.consentflow.gateway.app.MessageLog;
import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.platform.web.InvalidInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/campaigns/{campaignId}/report} (JSON) and {@code …/report.csv}: a campaign's figures from the
 * message log and the consent view, counts only. Staff roles count every request of the campaign; a campaign system
 * ({@link CampaignClients#readScope}) only those its own client posted.
 */
@RestController
class CampaignReportController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader("measure", "key", "count").get();
    private static final int CHUNK = 500;
    private final MessageLog log;
    private final ConsentLookup consents;
    private final ApiRequestClaims claims;

    CampaignReportController(MessageLog log, ConsentLookup consents, ApiRequestClaims claims) {
        this.log = log;
        this.consents = consents;
        this.claims = claims;
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/report")
    Mono<CampaignReport.Totals> report(@PathVariable String campaignId, Authentication caller) {
        if (!CampaignSendController.CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw new InvalidInputException("campaignId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        Optional<String> scope = CampaignClients.readScope(caller);
        Flux<LoggedMessage> records = log.loggedOfCampaign(campaignId);
        if (scope.isPresent()) {
            // a campaign system counts only the requests its client posted, whoever else used the campaignId
            records = records.buffer(CHUNK).concatMap(chunk -> claims.ofClient(scope.get(),
                            chunk.stream().map(LoggedMessage::requestId).toList())
                    .flatMapIterable(own -> chunk.stream().filter(logged -> own.contains(logged.requestId()))
                            .toList()));
        }
        return records
                .reduce(new CampaignReport(), (report, logged) -> {
                    report.add(logged, consents::facts);
                    return report;
                })
                .map(report -> report.totals(campaignId));
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/report.csv")
    Mono<ResponseEntity<String>> csv(@PathVariable String campaignId, Authentication caller) {
        return report(campaignId, caller).map(totals -> ResponseEntity.ok().contentType(TEXT_CSV)
                .header("Content-Disposition", "attachment; filename=\"campaign-report.csv\"")
                .body(csv(totals)));
    }

    private static String csv(CampaignReport.Totals totals) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSV)) {
            for (var row : totals.rows()) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
