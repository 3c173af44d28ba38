package io.consentflow.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A real headless Chromium for the staff console, signing in at the identity provider's form. */
final class ConsoleBrowser implements AutoCloseable {

    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    final Path downloads;
    final WebDriverWait wait;
    private final Path profile;

    ConsoleBrowser() {
        try {
            profile = Files.createTempDirectory("console-chromium");
            downloads = Files.createTempDirectory("console-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        driver = new ChromeDriver(service, options);
        // a condition checked while the next page replaces the document can meet a node of the old one: Chromium
        // answers "Node with given id does not belong to the document" (an unknown error, not a stale element; failed
        // once in CI), so a wait asks again instead of failing
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(WebDriverException.class);
    }

    static boolean available() {
        return Files.isExecutable(CHROMEDRIVER);
    }

    /** Opens the console; the console sends the browser to the identity provider, which signs the user in. */
    void signIn(String consoleUrl, String user, String password) {
        driver.get(consoleUrl + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("signed-in-as")));
    }

    void signOut() {
        click("sign-out");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
    }

    /**
     * The element's text, waiting for it: a click that submits a form returns before the next page has loaded, and
     * reading at once found the page before it (failed once in CI on the subject search's reason error).
     */
    String text(String id) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id))).getText();
    }

    /**
     * Clicks the element once it is on the page and clickable: after a link or a form submit the next page may not
     * have loaded yet (a click found no {@code show-erasure} once in CI, at load average 50).
     */
    void click(String id) {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    boolean present(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
