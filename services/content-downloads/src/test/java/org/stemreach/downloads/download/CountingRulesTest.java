package org.stemreach.downloads.download;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountingRulesTest {

    private final RobotFilter shipped = shippedList();

    private static RobotFilter shippedList() {
        try (InputStream in = CountingRulesTest.class.getClassLoader().getResourceAsStream("counter-robots.txt")) {
            return RobotFilter.load(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theShippedListKnowsCommonCrawlersAndTools() {
        assertThat(shipped.isRobot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")).isTrue();
        assertThat(shipped.isRobot("Mozilla/5.0 (compatible; bingbot/2.0)")).isTrue();
        assertThat(shipped.isRobot("curl/8.5.0")).isTrue();
        assertThat(shipped.isRobot("Wget/1.21")).isTrue();
        assertThat(shipped.isRobot("python-requests/2.31")).isTrue();
        assertThat(shipped.isRobot("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0")).isTrue();
        assertThat(shipped.isRobot(null)).isTrue();
        assertThat(shipped.isRobot(" ")).isTrue();
        // only the regular expressions of the list catch these (no plain word does)
        assertThat(shipped.isRobot("Mozilla/5.0 (compatible; SomeFeedBot/1.0)")).isTrue();
        assertThat(shipped.isRobot("Mozilla/5.0 (compatible; some bot)")).isTrue();
        assertThat(shipped.isRobot("CubotFetcher")).isTrue(); // a bot by another word
        assertThat(shipped.isRobot("Java/17.0.2")).isTrue();
    }

    @Test
    void browsersOfRealPeopleAreNotRobots() {
        assertThat(shipped.isRobot("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36")).isFalse();
        assertThat(shipped.isRobot("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1")).isFalse();
        assertThat(shipped.isRobot("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).isFalse();
        assertThat(shipped.isRobot("Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36")).isFalse();
        assertThat(shipped.isRobot("Mozilla/5.0 (Linux; Android 9; CUBOT_P20) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36")).isFalse();
        assertThat(shipped.isRobot("Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36")).isFalse();
        assertThat(shipped.isRobot("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0")).isFalse();
    }

    @Test
    void patternsAreConfigurable() {
        RobotFilter custom = new RobotFilter(List.of("# comment", "", "LinkChecker"));

        assertThat(custom.isRobot("W3C-LinkChecker/4.81")).isTrue();
        assertThat(custom.isRobot("Googlebot")).isFalse();
    }

    @Test
    void clientKeysHideTheAddressAndRotateDaily() {
        ClientKeys keys = new ClientKeys("a-secret-of-at-least-16-chars");
        LocalDate day = LocalDate.of(2026, 3, 4);
        String key = keys.keyOf("203.0.113.7", "Firefox", day);

        assertThat(key).doesNotContain("203.0.113.7").hasSize(64);
        assertThat(keys.keyOf("203.0.113.7", "Firefox", day)).isEqualTo(key);
        assertThat(keys.keyOf("203.0.113.7", "Firefox", day.plusDays(1))).isNotEqualTo(key);
        assertThat(keys.keyOf("203.0.113.8", "Firefox", day)).isNotEqualTo(key);
        assertThat(keys.keyOf("203.0.113.7", "Chrome", day)).isNotEqualTo(key);
        assertThat(new ClientKeys("another-secret-of-16-chars").keyOf("203.0.113.7", "Firefox", day)).isNotEqualTo(key);
        assertThatThrownBy(() -> new ClientKeys("short")).isInstanceOf(IllegalArgumentException.class);
        // The same secret with another day's salt: another key, so a day whose salt is gone cannot be made again.
        String salted = new ClientKeys("a-secret-of-at-least-16-chars", d -> "salt-1").keyOf("203.0.113.7", "Firefox", day);
        assertThat(salted).isNotEqualTo(key)
                .isNotEqualTo(new ClientKeys("a-secret-of-at-least-16-chars", d -> "salt-2").keyOf("203.0.113.7", "Firefox", day));
    }
}
