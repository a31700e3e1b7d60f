package im.web;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (never one downloaded), with
 * a profile of its own. Elements are found as a person or a screen reader finds them: inputs by
 * their label, buttons by their name, lists by their heading, the log by its role and name.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;

    Browser(Path profile, int width, int height) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    void open(String url) {
        driver.get(url);
    }

    void reload() {
        driver.navigate().refresh();
    }

    /** The input labelled {@code label} (its label element's {@code for}), once it is shown. */
    WebElement field(String label) {
        return shown(By.xpath("//input[@id=//label[normalize-space()='" + label + "']/@for]"));
    }

    /** The shown button named {@code name}, by its text or its aria-label. */
    WebElement button(String name) {
        return shown(By.xpath("//button[normalize-space()='" + name + "' or @aria-label='" + name + "']"));
    }

    /** The entries of the list labelled by the heading {@code name}, as their text. */
    List<String> list(String name) {
        return await().atMost(WAIT).ignoreException(StaleElementReferenceException.class)
                .until(() -> entries(name).stream().map(entry -> entry.getText().replace('\n', ' ')).toList(),
                        entries -> true);
    }

    /** Selects the entry of list {@code name} that starts with {@code text}. */
    void select(String name, String text) {
        await().atMost(WAIT).ignoreException(StaleElementReferenceException.class).until(() -> {
            WebElement entry = entries(name).stream().filter(e -> e.getText().startsWith(text)).findFirst().orElse(null);
            if (entry == null) {
                return false;
            }
            entry.findElement(By.tagName("button")).click();
            return true;
        });
    }

    private List<WebElement> entries(String name) {
        return driver.findElements(By.xpath("//ul[@aria-labelledby=//h2[normalize-space()='" + name + "']/@id]/li"));
    }

    /** The messages shown in the log named "Messages", as "sender · time state\ntext". */
    List<String> messages() {
        return await().atMost(WAIT).ignoreException(StaleElementReferenceException.class)
                .until(() -> driver.findElements(By.xpath("//*[@role='log' and @aria-label='Messages']/li")).stream()
                        .map(WebElement::getText).toList(), messages -> true);
    }

    WebElement messagesLog() {
        return shown(By.xpath("//*[@role='log' and @aria-label='Messages']"));
    }

    String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    boolean isShown(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    String title() {
        return driver.getTitle();
    }

    Object script(String javascript) {
        return ((JavascriptExecutor) driver).executeScript(javascript);
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebElement shown(By by) {
        await().atMost(WAIT).ignoreExceptions().until(() -> driver.findElement(by).isDisplayed());
        return driver.findElement(by);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
