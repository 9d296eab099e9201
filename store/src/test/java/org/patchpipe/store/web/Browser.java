package org.patchpipe.store.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for browser tests, driven by Selenium through the system's chromedriver
 * (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs): nothing
 * is downloaded at test time, as both paths are given and Selenium Manager never runs. Where either
 * is missing, {@link #open} skips the test, saying so. Each browser has a fresh profile, deleted on
 * {@link #close}. {@code PATCHPIPE_CHROMIUM} and {@code PATCHPIPE_CHROMEDRIVER} name other binaries.
 *
 * <pre>{@code
 * try (Browser browser = Browser.open(1280, 900)) {
 *   browser.get(server.baseUrl() + "/project/openrisc/list/");
 *   browser.waitFor(d -> d.findElements(By.cssSelector("tr.current")).size() == 1);
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {
  private static final Path CHROMIUM = Path.of(env("PATCHPIPE_CHROMIUM", "/usr/bin/chromium"));
  private static final Path CHROMEDRIVER = Path.of(env("PATCHPIPE_CHROMEDRIVER", "/usr/bin/chromedriver"));
  /** Where screenshots go: the module's build directory (the README's images are taken from here). */
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Why no browser can start here (no Chromium or no chromedriver), or empty where one can. */
  public static java.util.Optional<String> unavailable() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("browser tests skipped: no Chromium at " + CHROMIUM + " or no chromedriver at "
        + CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
  }

  /** A headless Chromium whose viewport is {@code width} by {@code height} CSS pixels; skips without one. */
  public static Browser open(int width, int height) {
    unavailable().ifPresent(reason -> Assumptions.assumeTrue(false, reason));
    Path profile;
    try {
      profile = Files.createTempDirectory("patchpipe-chromium");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-extensions", "--disable-default-apps", "--hide-scrollbars", "--mute-audio",
        "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    Browser browser = new Browser(driver, profile);
    browser.viewport(width, height);
    return browser;
  }

  /**
   * Sets the viewport to exactly {@code width} by {@code height} CSS pixels, as a phone of that width
   * shows a page (its viewport meta honoured) when {@code width} is below 600.
   */
  public void viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
        "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
  }

  public WebDriver driver() {
    return driver;
  }

  /** Loads {@code url} and waits for the page (and its deferred script) to be ready. */
  public void get(String url) {
    driver.get(url);
    waitFor(d -> "complete".equals(script("return document.readyState")));
  }

  /** Runs {@code js} in the page and answers its result. */
  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /**
   * Waits up to 10 s for {@code condition} to hold (be true or non-null). An element that a live
   * swap replaced between finding and reading it is looked for again, not a failure.
   */
  public <T> T waitFor(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(10), Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class)
        .until(condition::apply);
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  /** Presses {@code keys} on the page (its body), as a user typing shortcuts would. */
  public void press(CharSequence... keys) {
    new org.openqa.selenium.interactions.Actions(driver).sendKeys(keys).perform();
  }

  /** Whether the page scrolls sideways at this viewport: the document wider than its viewport. */
  public boolean scrollsHorizontally() {
    return (Boolean) script("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
  }

  /**
   * Saves a PNG of the page's body (as tall as its content, as wide as the viewport, so small) as
   * {@link #SCREENSHOTS}/{@code name}.png and answers its path.
   */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(find("body").getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quits the browser and its driver and deletes the profile. */
  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp directory left behind is harmless
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
