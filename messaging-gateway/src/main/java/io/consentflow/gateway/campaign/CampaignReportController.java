package io.consentflow.gateway.campaign;

import io.consentflow.gateway.domain.ConsentLookup;
import io.consentflow.gateway.send.MessageLog;
import io.consentflow.platform.web.InvalidInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/campaigns/{campaignId}/report} (JSON) and {@code …/report.csv}: a campaign's figures from the
 * message log and the consent view, counts only (CAMPAIGN, MARKETING, ADMIN).
 */
@RestController
class CampaignReportController {

    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader("measure", "key", "count").get();
    private final MessageLog log;
    private final ConsentLookup consents;

    CampaignReportController(MessageLog log, ConsentLookup consents) {
        this.log = log;
        this.consents = consents;
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/report")
    Mono<CampaignReport.Totals> report(@PathVariable String campaignId) {
        if (!CampaignSendController.CAMPAIGN_ID.matcher(campaignId).matches()) {
            throw new InvalidInputException("campaignId", "1-100 letters, digits, '.', '_', ':' or '-'");
        }
        return log.byCampaign(campaignId)
                .reduce(new CampaignReport(), (report, logged) -> {
                    report.add(logged, consents::facts);
                    return report;
                })
                .map(report -> report.totals(campaignId));
    }

    @GetMapping("/api/v1/campaigns/{campaignId}/report.csv")
    Mono<ResponseEntity<String>> csv(@PathVariable String campaignId) {
        return report(campaignId).map(totals -> ResponseEntity.ok().contentType(TEXT_CSV)
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
