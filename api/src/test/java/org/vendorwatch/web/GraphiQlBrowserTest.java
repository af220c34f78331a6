package org.vendorwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;

/**
 * What a person sees, in a real headless Chromium (Debian's chromium and chromedriver, installed by
 * the build when missing): GraphiQL loads from this service alone, runs a query and shows its result,
 * and the landing page links to everything. The browser can resolve no host but 127.0.0.1, as on a
 * machine with no network: a page that needed a CDN would not render.
 */
@IntegrationTest
class GraphiQlBrowserTest {

    static ChromeDriver browser;
    static Path profile;

    @Autowired
    Api api;

    @BeforeAll
    static void startBrowser() throws Exception {
        File chromium = onPath("chromium");
        File chromedriver = onPath("chromedriver");
        profile = Files.createTempDirectory("vw-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(chromium);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--user-data-dir=" + profile,
                "--window-size=1400,900",
                // no name resolves but the loopback address: any request to another host fails
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver)
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static File onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, command);
            if (f.canExecute()) {
                return f;
            }
        }
        throw new IllegalStateException(
                command + " is not on PATH. ./mvnw verify installs it on Debian when run as root "
                        + "(ops/require-tools.sh chromium chromedriver); or install chromium and chromium-driver yourself, "
                        + "or leave this test out with -DskipBrowser.");
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private String resultText() {
        List<WebElement> result = browser.findElements(By.cssSelector(".result-window"));
        return result.isEmpty() ? "" : result.get(0).getText();
    }

    /** Every resource the page loaded, by URL. */
    @SuppressWarnings("unchecked")
    private List<String> loadedResources() {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
    }

    @Test
    void graphiqlLoadsWithNoOtherHostAndRunsTheDefaultQuery() {
        browser.get(api.url("/graphiql"));
        waitUpTo(30)
                .until(d -> !d.findElements(By.cssSelector(".graphiql-container .graphiql-execute-button"))
                        .isEmpty());
        browser.findElement(By.cssSelector(".graphiql-execute-button")).click();
        waitUpTo(30).until(d -> resultText().contains("isSanctioned"));
        String result = resultText();
        assertThat(result)
                .contains("\"name\": \"NSO Group\"")
                .contains("\"isSanctioned\": true")
                .contains("US_ENTITY_LIST")
                .doesNotContain("errors");
        String origin = api.url("");
        assertThat(loadedResources())
                .isNotEmpty()
                .allSatisfy(url -> assertThat(url).startsWith(origin));
        assertThat(browser.getTitle()).contains("GraphiQL");
    }

    @Test
    void aSharedLinkCarriesItsQuery() {
        String query = "{ vendor(slug: \"candiru\") { name names(kinds: [FORMER_NAME]) { name } } }";
        browser.get(api.url("/graphiql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
        waitUpTo(30)
                .until(d -> !d.findElements(By.cssSelector(".graphiql-execute-button"))
                        .isEmpty());
        browser.findElement(By.cssSelector(".graphiql-execute-button")).click();
        waitUpTo(30).until(d -> resultText().contains("Candiru"));
        assertThat(resultText()).contains("\"name\": \"Candiru\"").contains("Grindavik Solutions Ltd.");
    }

    @Test
    void theLandingPageSaysWhatThisIsAndLinksToEverything() {
        browser.get(api.url("/"));
        assertThat(browser.getTitle()).isEqualTo("Vendorwatch");
        String text = browser.findElement(By.tagName("body")).getText();
        assertThat(text)
                .contains("commercial surveillance")
                .contains("CC BY 4.0")
                .contains("release");
        List<String> links = browser.findElements(By.cssSelector("a[href^='/']")).stream()
                .map(a -> a.getDomAttribute("href"))
                .toList();
        assertThat(links)
                .contains("/graphiql", "/graphql/schema", "/bulk", "/bulk/releases", "/docs/", "/actuator/health");
        assertThat(loadedResources()).isEmpty(); // plain HTML: no script, style sheet, font or image to fetch
        browser.findElement(By.linkText("GraphiQL")).click();
        waitUpTo(30)
                .until(d ->
                        !d.findElements(By.cssSelector(".graphiql-container")).isEmpty());
    }
}
