package org.stemreach.registrations;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.stemreach.testsupport.Browsers;
import org.stemreach.testsupport.IntegrationTest;
import org.stemreach.testsupport.TestHttp;
import org.stemreach.testsupport.TestTokens;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A teacher registers through the real page in headless Chromium; the confirmation shows, and the mail arrives. */
@IntegrationTest
class RegistrationPageBrowserIT {

    static final GreenMail mail = TestMail.server();

    @LocalServerPort
    int port;
    WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Browsers.headlessChromium();
    }

    @AfterEach
    void closeBrowser() {
        browser.quit();
    }

    @Test
    void aTeacherRegistersThroughThePageAndGetsTheConfirmationMail() {
        Map<String, Object> plan = RegistrationsIT.workshop("ISTEM", 12);
        plan.put("title", "Robotica in de klas " + System.nanoTime());
        String activity = TestHttp.client(port).post().uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(plan).retrieve().body(JsonNode.class).get("id").asString();
        String email = "browser-" + activity.substring(0, 8) + "@school.be";

        browser.get("http://localhost:" + port + "/activities");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Nascholingen en activiteiten");
        browser.findElement(By.linkText((String) plan.get("title"))).click();
        browser.findElement(By.id("name")).sendKeys("Lies Vermeulen");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("school")).sendKeys("Sint-Lodewijkscollege");
        new Select(browser.findElement(By.id("grade"))).selectByValue("SECONDARY");
        browser.findElement(By.id("consent")).click();
        browser.findElement(By.id("submit")).click();

        assertThat(browser.findElement(By.id("confirmation")).getText()).contains("is bevestigd").contains((String) plan.get("title"));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            MimeMessage confirmation = Arrays.stream(mail.getReceivedMessages())
                    .filter(m -> recipient(m).equals(email)).findFirst().orElseThrow();
            assertThat(confirmation.getSubject()).startsWith("Inschrijving bevestigd: " + plan.get("title"));
            assertThat(GreenMailUtil.getBody(confirmation)).contains("Lies Vermeulen").contains("/my?token=");
        });
    }

    @Test
    void theFormSaysWhatIsMissingInDutchAndKeepsWhatWasTyped() {
        Map<String, Object> plan = RegistrationsIT.workshop("ISTEM", 12);
        String activity = TestHttp.client(port).post().uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(plan).retrieve().body(JsonNode.class).get("id").asString();

        browser.get("http://localhost:" + port + "/activities/" + activity);
        browser.findElement(By.id("name")).sendKeys("Tom");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('registration').noValidate = true");
        browser.findElement(By.id("submit")).click();

        assertThat(browser.findElement(By.id("problems")).getText()).contains("Je toestemming is nodig").contains("e-mailadres");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Tom");
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
