package org.stemreach.registrations;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

import java.util.List;
import java.util.Map;

/**
 * The SMTP test server of this module's tests: one GreenMail on a free port for the whole test run, and every test
 * context sends its mail there ({@code spring.mail.port}, set by the context customizer registered in
 * {@code META-INF/spring.factories}). A free port, not GreenMail's usual 3025, so the tests run beside a running local
 * platform, whose mail catcher listens on 3025. Tests find their mails by recipient.
 */
public final class TestMail {

    private static final GreenMail SERVER = start();

    private TestMail() {
    }

    public static GreenMail server() {
        return SERVER;
    }

    private static GreenMail start() {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-mail-stop"));
        return server;
    }

    /** Registered in {@code META-INF/spring.factories}; one customizer for all contexts, so they stay one cached context. */
    public static final class Factory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            return new MailPort();
        }
    }

    private record MailPort() implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            context.getEnvironment().getPropertySources().addFirst(
                    new MapPropertySource("test-mail", Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", SERVER.getSmtp().getPort())));
        }
    }
}
