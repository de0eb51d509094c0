package org.rispacs.app.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium driven by Debian's chromedriver (both installed by {@code .ci/run}; missing
 * ones fail the test). The driver path is set explicitly, so Selenium never downloads one.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The module's working directory is app/; the screenshots belong to the repository's docs. */
    public static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private final ChromeDriver driver;
    private final String base;
    private final Path profile;

    public Browser(int port) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("chromium and chromedriver must be installed (Debian packages chromium, "
                    + "chromium-driver; .ci/run installs them)");
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("ris-chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 800));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        base = "http://127.0.0.1:" + port;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public void signIn(String username, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        // the sign-in's answer (a page, or /login?error) before anything else is asked with its session
        waitFor(d -> !d.getCurrentUrl().endsWith("/login"));
    }

    public WebElement find(By by) {
        return waitFor(d -> d.findElement(by));
    }

    /** The text of the element {@code by} names, read in the same wait that finds it (htmx may swap it meanwhile). */
    public String text(By by) {
        return waitFor(d -> d.findElement(by).getText());
    }

    /**
     * The text of the element {@code by} names once it holds {@code expected}: after an action whose
     * answer replaces an element of the same id (a problem or a confirmation), the earlier one's text
     * is on the page until the answer arrives. Times out (fails) when it never does.
     */
    public String textOnceItHolds(By by, String expected) {
        return waitFor(d -> {
            String text = d.findElement(by).getText();
            return text.contains(expected) ? text : null;
        });
    }

    public <T> T waitFor(Function<WebDriver, T> condition) {
        // an element htmx swaps out between finding and reading it is simply found again
        return new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** A full-page screenshot for the README. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
