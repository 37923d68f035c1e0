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
        Map<String, Object> plan = workshopTitled("Robotica in de klas ");
        String activity = create(plan);
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
    void cancellingOnTheTeachersOwnPageAsksFirst() {
        Map<String, Object> plan = workshopTitled("Elektriciteit ");
        String activity = create(plan);
        String email = "cancel-" + activity.substring(0, 8) + "@school.be";
        TestHttp.client(port).post().uri("/api/activities/{id}/registrations", activity).contentType(MediaType.APPLICATION_JSON)
                .headers(RegistrationsIT::csrf).body(Map.of("name", "Jan Claes", "email", email, "grade", "SECONDARY", "consent", true))
                .retrieve().toBodilessEntity();
        String link = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> GreenMailUtil.getBody(Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(email)).findFirst().orElseThrow()).lines().filter(l -> l.contains("/my?token=")).findFirst().orElseThrow(),
                line -> true);
        browser.get("http://localhost:" + port + link.substring(link.indexOf("/my?token=")).strip());
        By cancel = By.cssSelector("form[action*='/cancel'] button");
        assertThat(browser.findElement(cancel).getAttribute("aria-label")).isEqualTo("Inschrijving voor " + plan.get("title") + " annuleren");

        browser.findElement(cancel).click();
        org.openqa.selenium.Alert question = browser.switchTo().alert();
        assertThat(question.getText()).contains((String) plan.get("title")).contains("wachtlijst");
        question.dismiss();
        assertThat(browser.findElements(By.cssSelector("[role=status]"))).as("nothing was sent").noneMatch(e -> e.getText().contains("geannuleerd"));

        browser.findElement(cancel).click();
        browser.switchTo().alert().accept();
        assertThat(browser.findElement(By.cssSelector("p.notice[role=status]")).getText()).isEqualTo("Je inschrijving is geannuleerd.");
    }

    @Test
    void theFormSaysWhatIsMissingInDutchAndKeepsWhatWasTyped() {
        Map<String, Object> plan = RegistrationsIT.workshop("ISTEM", 12);
        String activity = create(plan);

        browser.get("http://localhost:" + port + "/activities/" + activity);
        browser.findElement(By.id("name")).sendKeys("Tom");
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("document.getElementById('registration').noValidate = true");
        browser.findElement(By.id("submit")).click();

        assertThat(browser.findElement(By.id("problems")).getText()).contains("Je toestemming is nodig").contains("e-mailadres");
        assertThat(browser.findElement(By.id("name")).getAttribute("value")).isEqualTo("Tom");
        assertThat(browser.findElement(By.id("email")).getAttribute("aria-invalid")).as("the wrong fields point to the problems").isEqualTo("true");
        String problem = browser.findElement(By.id("email")).getAttribute("aria-describedby");
        assertThat(browser.findElement(By.id(problem)).getText()).as("the field points to its own problem").contains("e-mailadres")
                .doesNotContain("toestemming");
        assertThat(browser.findElement(By.cssSelector("#" + problem + " a")).getAttribute("href")).as("which leads to the field").endsWith("#email");
        assertThat(browser.getTitle()).as("the page's title says the form has errors").startsWith("Fout: ");
        assertThat(browser.findElement(By.id("consent")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("name")).getAttribute("aria-invalid")).as("what is right is not marked").isNull();
    }

    /** A workshop with a title of its own (the title begins so), to find it among the other tests' workshops. */
    private static Map<String, Object> workshopTitled(String title) {
        Map<String, Object> plan = RegistrationsIT.workshop("ISTEM", 12);
        plan.put("title", title + System.nanoTime());
        return plan;
    }

    private String create(Map<String, Object> plan) {
        return TestHttp.client(port).post().uri("/api/ops/activities").contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.ops("ISTEM")).body(plan).retrieve().body(JsonNode.class).get("id").asString();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }
}
