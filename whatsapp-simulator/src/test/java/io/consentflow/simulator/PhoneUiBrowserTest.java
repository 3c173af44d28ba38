package io.consentflow.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;

/**
 * The phone UI in headless Chromium: create a phone, see a template with its parameters and buttons, tap the
 * button, reply, toggle "stop promotions" — and each action reaches the webhook receiver. Skipped only when
 * chromedriver is not installed (CI installs chromium and chromium-driver).
 */
class PhoneUiBrowserTest extends SimulatorTestSupport {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private WebDriver driver;
    private Path profile;
    private WebDriverWait wait;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMEDRIVER), "chromedriver not installed at " + CHROMEDRIVER);
        profile = Files.createTempDirectory("sim-ui-chrome");
        ChromeOptions options = new ChromeOptions();
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    @AfterEach
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    @Test
    void chatShowsTemplatesAndTapReplyAndStopReachTheBusiness() {
        String number = freshNumber();
        driver.get("http://localhost:" + port + "/");

        // Create the phone through the form, as a demo user would.
        WebElement input = driver.findElement(By.id("new-number"));
        assertThat(driver.findElement(By.cssSelector("label[for=new-number]")).getText()).contains("Phone number");
        input.sendKeys(number);
        driver.findElement(By.id("create-phone")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chat-title"), number));

        // The business sends the opt-in confirmation template; the chat renders it with parameter and button.
        Map<String, Object> body = Map.of("messaging_product", "whatsapp", "to", number, "type", "template",
                "template", Map.of("name", "optin_confirmation", "language", Map.of("code", "de"), "components",
                        List.of(Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text",
                                        "Musterladen"))),
                                Map.of("type", "button", "sub_type", "quick_reply", "index", "0", "parameters",
                                        List.of(Map.of("type", "payload", "payload", "CONFIRM-UI"))))));
        String outbound = cloudApi("messages", body).json().path("messages").get(0).path("id").asString();
        WebElement bubble = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".bubble.out[data-wamid='" + outbound + "']")));
        assertThat(bubble.getText()).contains("Bitte bestätige deine Anmeldung").contains("Musterladen");
        wait.until(ExpectedConditions.attributeContains(
                By.cssSelector(".bubble.out[data-wamid='" + outbound + "'] .ticks"), "class", "read"));

        // Tap the quick reply: a button webhook with payload and context reaches the receiver.
        WebElement tap = driver.findElement(By.cssSelector("button.quick-reply[data-payload='CONFIRM-UI']"));
        assertThat(tap.getText()).isEqualTo("Ja, bestätigen");
        tap.click();
        JsonNode button = verifiedWebhook(RECEIVER.await("CONFIRM-UI", 1, Duration.ofSeconds(10)).get(0))
                .findValue("messages").get(0);
        assertThat(button.path("type").asString()).isEqualTo("button");
        assertThat(button.path("context").path("id").asString()).isEqualTo(outbound);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".bubble.in"), 1));

        // Reply with text.
        driver.findElement(By.id("reply-text")).sendKeys("JA");
        driver.findElement(By.id("send-reply")).click();
        JsonNode reply = verifiedWebhook(RECEIVER.await("\"body\":\"JA\"", 1, Duration.ofSeconds(10)).get(0))
                .findValue("messages").get(0);
        assertThat(reply.path("from").asString()).isEqualTo(number);
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".bubble.in"), 2));

        // Toggle "Stop promotions".
        WebElement stop = driver.findElement(By.id("marketing-stop"));
        stop.click();
        JsonNode preference = verifiedWebhook(RECEIVER.await("user_preferences", 1, Duration.ofSeconds(10)).get(0))
                .findValue("user_preferences").get(0);
        assertThat(preference.path("value").asString()).isEqualTo("stop");
        assertThat(get("/sim/v1/phones/" + number).json().path("marketingStopped").asBoolean()).isTrue();

        JsonNode chat = get("/sim/v1/phones/" + number + "/messages").json();
        assertThat(chat.findValuesAsString("direction")).containsExactly("out", "in", "in");
    }
}
