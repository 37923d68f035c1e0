package org.stemreach.kit.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds {@code stemreach-kit-defaults.properties} with the lowest precedence: the settings every
 * service shares (actuator exposure, metric tags, producer durability, topic retention). A service's
 * own application.yml, environment variables and system properties override any of them.
 */
public class KitDefaults implements EnvironmentPostProcessor {

    static final String NAME = "stemreach-kit-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource(NAME, new ClassPathResource(NAME + ".properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
