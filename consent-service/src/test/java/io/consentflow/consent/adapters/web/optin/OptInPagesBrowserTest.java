package io.consentflow.consent.adapters.web.optin;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.consent.IntegrationTestSupport;
import io.consentflow.events.ConfirmationMethod;
import io.consentflow.events.OptInConfirmed;
import io.consentflow.events.OptInRequested;
import io.consentflow.events.OptInSource;
import io.consentflow.events.SendRequest;
import io.consentflow.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The hosted opt-in form and the confirmation page in a real headless Chromium. */
class OptInPagesBrowserTest extends IntegrationTestSupport {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static WebDriver driver;
    private static Path profile;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromedriver not installed");
        profile = Files.createTempDirectory("consent-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void submitTheGermanFormAndConfirmOnTheConfirmationPage() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        driver.get("http://localhost:" + port + "/opt-in?lang=de");

        assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");
        assertThat(driver.findElements(By.cssSelector("input[type=checkbox][name=purposes]"))).hasSize(4)
                .allSatisfy(box -> assertThat(box.isSelected()).as("unticked by default").isFalse());
        assertThat(driver.findElement(By.cssSelector("label[for=phoneNumber]")).getText()).contains("Handynummer");
        assertThat(driver.findElement(By.id("notice-version")).getText()).isEqualTo("2026-11");
        assertThat(driver.getPageSource()).contains("STOP").contains("höchstens wenige Nachrichten im Monat");

        String number = randomNumber();
        driver.findElement(By.id("phoneNumber")).sendKeys(number);
        driver.findElement(By.id("purpose-offers")).click();
        driver.findElement(By.id("purpose-event-updates")).click();
        driver.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Fast geschafft"));

        SendRequest confirmation = awaitSendTo(number, r -> r.getTemplate() != null);
        OptInRequested requested = kafka.await(Topics.CONSENT_EVENTS.name(), OptInRequested.class,
                e -> e.getSubjectId().equals(confirmation.getSubjectId()), WAIT);
        assertThat(requested.getSource()).isEqualTo(OptInSource.WEB_FORM);
        assertThat(requested.getPurposes()).containsExactly("event-updates", "offers");
        String token = payloadOf(confirmation).substring("CONFIRM:".length());

        driver.get("http://localhost:" + port + "/opt-ins/confirm?token=" + token);
        WebElement confirm = wait.until(ExpectedConditions.elementToBeClickable(By.id("confirm")));
        assertThat(confirm.getText()).isEqualTo("Ja, bestätigen");
        assertThat(subjects.byContactKey(contactKeys.of(number)).block().subject().status().name())
                .as("opening the link does not confirm").isEqualTo("PENDING");
        confirm.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "bestätigt"));

        OptInConfirmed confirmed = kafka.await(Topics.CONSENT_EVENTS.name(), OptInConfirmed.class,
                e -> e.getSubjectId().equals(confirmation.getSubjectId()), WAIT);
        assertThat(confirmed.getMethod()).isEqualTo(ConfirmationMethod.WEB_PAGE);
    }

    @Test
    void theEnglishFormNamesTheFieldOfABadNumber() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        driver.get("http://localhost:" + port + "/opt-in?lang=en");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Subscribe to WhatsApp messages");
        driver.findElement(By.id("phoneNumber")).sendKeys("0151 12345");
        driver.findElement(By.id("purpose-support")).click();
        driver.findElement(By.id("submit")).click();
        WebElement errors = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("errors")));
        assertThat(errors.getText()).contains("phoneNumber");
        assertThat(driver.findElements(By.cssSelector("input[type=checkbox]:checked"))).isEmpty();
    }
}
