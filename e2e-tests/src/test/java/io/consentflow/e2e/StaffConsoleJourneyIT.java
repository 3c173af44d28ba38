package io.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.events.ConsentStatus;
import io.consentflow.events.MessageBlocked;
import io.consentflow.events.MessageSent;
import io.consentflow.events.SendRequest;
import io.consentflow.events.StaffAccessRecorded;
import io.consentflow.events.SubjectErased;
import io.consentflow.schemas.Topics;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The DPO's console in a real headless Chromium against the running suite: sign-in at the local identity provider
 * (OIDC, authorization code with PKCE), a number found with consent, history and messages sent and blocked, the
 * Art. 15 export downloaded, Art. 17 erasure with its receipts, the chat erasure requests, retention, the Art. 30
 * record, the audit log's verification, a campaign's compliance report; every read and action audited with the
 * staff member's subject and reason; SUPPORT and MARKETING see what their role allows, MARKETING no person.
 */
class StaffConsoleJourneyIT extends JourneySupport {

    private String send(Phone phone, String purpose, String campaignId) {
        String requestId = UUID.randomUUID().toString();
        SendRequest request = SendRequest.newBuilder(marketingRequest(requestId, phone.e164(), purpose))
                .setCampaignId(campaignId).build();
        kafka.publish(Topics.SEND_REQUESTS.name(), phone.e164(), request);
        return requestId;
    }

    private StaffAccessRecorded audited(String subjectId, String action) {
        return kafka.await(Topics.CONSENT_EVENTS.name(), StaffAccessRecorded.class,
                r -> subjectId.equals(r.getSubjectId()) && r.getAction().equals(action), PATIENCE);
    }

    private void search(ConsoleBrowser browser, Phone phone, String reason) {
        browser.driver.get(suite.console.baseUrl() + "/subjects");
        browser.driver.findElement(By.id("e164")).sendKeys(phone.e164());
        browser.driver.findElement(By.id("reason")).sendKeys(reason);
        browser.click("search");
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("consent")));
    }

    @Test
    void aDpoFindsANumberActsOnItAndEveryReadAndActionIsAudited() throws Exception {
        Assumptions.assumeTrue(ConsoleBrowser.available(), "chromedriver not installed");
        String campaign = "console-" + UUID.randomUUID().toString().substring(0, 8);
        Phone phone = Phone.create(suite);
        String subjectId = optInAndConfirm(phone, List.of("offers"));
        assertThat(awaitOutcome(send(phone, "offers", campaign))).isInstanceOf(MessageSent.class);
        assertThat(blockReason(awaitOutcome(send(phone, "new-collections", campaign))))
                .contains("PURPOSE_NOT_GRANTED");
        phone.sendText("STOP");
        awaitConsent(phone, ConsentStatus.STOPPED);
        assertThat(blockReason(awaitOutcome(send(phone, "offers", campaign)))).contains("STOPPED");

        try (ConsoleBrowser browser = new ConsoleBrowser()) {
            browser.signIn(suite.console.baseUrl(), "dpo", Suite.STAFF_PASSWORD);
            assertThat(browser.text("signed-in-as")).isEqualTo("dpo (DPO)");
            assertThat(browser.present("nav-subjects")).isTrue();
            assertThat(browser.present("nav-erasure-requests")).isTrue();

            // search by number: the reason is asked first, then consent, history and the messages
            browser.driver.get(suite.console.baseUrl() + "/subjects");
            browser.driver.findElement(By.id("e164")).sendKeys(phone.e164());
            browser.click("search");
            assertThat(browser.text("form-error")).contains("reason");
            assertThat(browser.present("consent")).isFalse();

            search(browser, phone, "Beschwerde 2026-117 (Art. 77)");
            assertThat(browser.text("subject-id")).isEqualTo(subjectId);
            assertThat(browser.text("consent-status")).isEqualTo("STOPPED");
            assertThat(browser.driver.findElements(By.cssSelector(".history-entry"))).hasSizeGreaterThanOrEqualTo(3);
            assertThat(browser.driver.findElements(By.cssSelector("tr.message")).stream()
                    .filter(row -> row.getText().contains(campaign))
                    .map(row -> row.findElement(By.cssSelector(".message-state")).getText()))
                    .as("the campaign's messages, besides consent-service's own").containsExactlyInAnyOrder(
                            "SENT", "BLOCKED", "BLOCKED");
            assertThat(browser.text("messages")).contains("PURPOSE_NOT_GRANTED", "STOPPED", campaign);
            StaffAccessRecorded read = audited(subjectId, "READ_CONSENT");
            assertThat(read.getStaffSubject()).isEqualTo("dpo");
            assertThat(read.getReason()).isEqualTo("Beschwerde 2026-117 (Art. 77)");
            assertThat(audited(subjectId, "READ_HISTORY").getStaffSubject()).isEqualTo("dpo");

            // the proof of consent is offered in both formats and languages
            assertThat(browser.driver.findElements(By.cssSelector("button[id^=proof-]"))).hasSize(4);

            // Art. 15 export: downloaded through the console with the DPO's own token, audited
            browser.click("export");
            var exported = browser.downloads.resolve("art15-export.json");
            messageEvents.awaitCondition(() -> Files.isRegularFile(exported), PATIENCE, () -> "no export downloaded");
            assertThat(Files.readString(exported)).contains(phone.e164(), subjectId, "otherServices");
            assertThat(audited(subjectId, "EXPORT").getReason()).isEqualTo("Beschwerde 2026-117 (Art. 77)");

            // the campaign's compliance report
            browser.driver.get(suite.console.baseUrl() + "/campaigns?campaignId=" + campaign);
            assertThat(browser.text("requested")).isEqualTo("3");
            assertThat(browser.text("sent")).isEqualTo("1");
            assertThat(browser.text("blocked")).isEqualTo("2");
            assertThat(browser.text("blocked-PURPOSE_NOT_GRANTED")).isEqualTo("1");
            assertThat(browser.text("blocked-STOPPED")).isEqualTo("1");
            assertThat(browser.text("stops-caused")).isEqualTo("1");

            // Art. 17: erasure handed to retention-service, its receipts on the erasure's page
            search(browser, phone, "Loeschersuchen per Brief vom 1.12.");
            browser.click("erase");
            browser.wait.until(ExpectedConditions.alertIsPresent()).accept();
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("erasure-link")));
            assertThat(browser.text("action-outcome")).isEqualTo("OK");
            String erasureId = browser.text("erasure-link");
            kafka.await(Topics.CONSENT_EVENTS.name(), SubjectErased.class,
                    e -> e.getSubjectId().equals(subjectId) && erasureId.equals(e.getErasureId()), PATIENCE);
            assertThat(audited(subjectId, "ERASURE").getReason()).isEqualTo("Loeschersuchen per Brief vom 1.12.");
            // the erasure's page, opened with the same reason: its receipts and the signed deletion certificate
            browser.click("erasure-link");
            messageEvents.awaitCondition(() -> {
                browser.click("show-erasure");
                return browser.present("erasure-status") && browser.text("erasure-status").equals("DONE")
                        && browser.present("certificate-status")
                        && browser.text("certificate-status").equals("COMPLETE");
            }, PATIENCE, () -> "the erasure never completed: " + browser.driver.getPageSource());
            assertThat(browser.text("receipts-required")).contains("SubjectErased", "MessageLogErased");
            assertThat(browser.text("receipts-missing")).isEmpty();
            assertThat(browser.text("certificate-missing")).isEmpty();
            assertThat(browser.text("certificate-last-copy")).isNotBlank();
            assertThat(browser.text("certificate-signature")).startsWith("Ed25519");
            assertThat(browser.driver.findElements(By.cssSelector(".certificate-receipt"))
                    .stream().map(WebElement::getText).toList())
                    .anySatisfy(receipt -> assertThat(receipt).contains("consent-service", "SubjectErased"))
                    .anySatisfy(receipt -> assertThat(receipt).contains("messaging-gateway", "MessageLogErased"));
            assertThat(browser.driver.findElements(By.cssSelector(".certificate-remains"))).isNotEmpty();
            browser.click("printable-certificate");
            browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                    "What remains and why"));
            assertThat(browser.driver.getPageSource()).contains("Deletion certificate", erasureId, "COMPLETE")
                    .doesNotContain(phone.e164());
            // every service recorded its own part under the signed-in person with the typed reason
            assertThat(kafka.await(Topics.RETENTION_COMMANDS.name(), StaffAccessRecorded.class,
                    r -> subjectId.equals(r.getSubjectId()) && r.getAction().equals("READ_ERASURE"), PATIENCE)
                    .getReason()).isEqualTo("Loeschersuchen per Brief vom 1.12.");
            StaffAccessRecorded certificateRead = kafka.await(Topics.AUDIT_STAFF_ACCESS.name(),
                    StaffAccessRecorded.class, r -> r.getAction().equals("READ_CERTIFICATE")
                            && r.getReason().equals("Loeschersuchen per Brief vom 1.12."), PATIENCE);
            assertThat(certificateRead.getStaffSubject()).isEqualTo(audited(subjectId, "ERASURE").getStaffSubject());
            assertThat(kafka.await(Topics.MESSAGE_EVENTS.name(), StaffAccessRecorded.class,
                    r -> subjectId.equals(r.getSubjectId()) && r.getAction().equals("READ_MESSAGES"), PATIENCE)
                    .getStaffSubject()).isEqualTo(certificateRead.getStaffSubject());

            // oversight pages: erasures and deadlines, the Art. 30 record, the audit log
            browser.driver.get(suite.console.baseUrl() + "/retention");
            assertThat(browser.present("deadline-total")).isTrue();
            assertThat(browser.driver.findElements(By.cssSelector(".answer-outcome"))).isEmpty();
            browser.driver.get(suite.console.baseUrl() + "/retention/record");
            assertThat(browser.driver.findElements(By.cssSelector(".policy"))).hasSizeGreaterThanOrEqualTo(4);
            assertThat(browser.driver.getPageSource()).contains("Art. 30", "PENDING_OPT_IN", "CONSENT_PROOF");
            browser.driver.get(suite.console.baseUrl() + "/audit");
            // the verification's own reason when it fails (a kind and a position, no personal data), so that a
            // failed run says which check failed
            assertThat(browser.text("audit-valid")).as(() -> browser.present("audit-failure")
                    ? browser.text("audit-failure") : "no failure reason shown").isEqualTo("VERIFIED");
            assertThat(Long.parseLong(browser.text("entries-checked"))).isPositive();

            browser.signOut();
        }
    }

    @Test
    void chatErasureRequestsAwaitTheDpoAndSupportAndMarketingSeeOnlyWhatTheirRoleAllows() {
        Assumptions.assumeTrue(ConsoleBrowser.available(), "chromedriver not installed");
        Phone phone = Phone.create(suite);
        String subjectId = optInAndConfirm(phone, List.of("offers"));
        phone.sendText("Bitte löschen Sie meine Nummer aus Ihrer Liste");
        awaitConsent(phone, ConsentStatus.STOPPED);

        try (ConsoleBrowser browser = new ConsoleBrowser()) {
            browser.signIn(suite.console.baseUrl(), "dpo", Suite.STAFF_PASSWORD);
            browser.driver.get(suite.console.baseUrl() + "/erasure-requests");
            browser.driver.findElement(By.id("reason")).sendKeys("daily check of chat requests");
            browser.click("show-requests");
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("requests")));
            var row = browser.driver.findElements(By.cssSelector("tr.request")).stream()
                    .filter(r -> r.getText().contains(phone.e164())).findFirst().orElseThrow();
            row.findElement(By.cssSelector("button.dismiss")).click();
            browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("action-outcome")));
            assertThat(browser.text("action-outcome")).isEqualTo("dismiss: OK");
            assertThat(browser.driver.getPageSource()).doesNotContain(phone.e164());
            assertThat(audited(subjectId, "DISMISS_CHAT_ERASURE").getReason())
                    .isEqualTo("daily check of chat requests");
            browser.signOut();

            // SUPPORT: consent and history, no message log, no export, erasure or proof, no chat requests
            browser.signIn(suite.console.baseUrl(), "support", Suite.STAFF_PASSWORD);
            assertThat(browser.present("nav-erasure-requests")).isFalse();
            search(browser, phone, "customer called about STOP");
            assertThat(browser.text("consent-status")).isEqualTo("STOPPED");
            assertThat(browser.present("messages")).isFalse();
            assertThat(browser.present("export")).isFalse();
            assertThat(browser.present("erase")).isFalse();
            assertThat(browser.present("stop")).isTrue();
            assertThat(kafka.await(Topics.CONSENT_EVENTS.name(), StaffAccessRecorded.class,
                    r -> subjectId.equals(r.getSubjectId()) && r.getAction().equals("READ_CONSENT")
                            && r.getStaffSubject().equals("support"), PATIENCE).getReason())
                    .isEqualTo("customer called about STOP");
            browser.driver.get(suite.console.baseUrl() + "/erasure-requests");
            assertThat(browser.present("denied")).isTrue();
            assertThat(browser.driver.getPageSource()).doesNotContain("show-requests");
            browser.driver.get(suite.console.baseUrl() + "/");
            browser.signOut();

            // MARKETING: campaign reports only, no page with a person
            browser.signIn(suite.console.baseUrl(), "marketing", Suite.STAFF_PASSWORD);
            assertThat(browser.present("nav-campaigns")).isTrue();
            assertThat(browser.present("nav-subjects")).isFalse();
            assertThat(browser.present("nav-retention")).isFalse();
            assertThat(browser.present("nav-audit")).isFalse();
            for (String page : List.of("/subjects", "/retention", "/retention/record", "/audit", "/erasure-requests")) {
                browser.driver.get(suite.console.baseUrl() + page);
                assertThat(browser.present("denied")).as(page).isTrue();
                assertThat(browser.driver.getPageSource()).as(page).doesNotContain(phone.e164());
            }
            browser.driver.get(suite.console.baseUrl() + "/campaigns?campaignId=autumn-2026");
            assertThat(browser.present("requested")).isTrue();
        }
    }
}
