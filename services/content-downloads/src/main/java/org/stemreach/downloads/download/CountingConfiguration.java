package org.stemreach.downloads.download;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.io.IOException;
import java.io.InputStream;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CountingConfiguration {

    @Bean
    ClientKeys clientKeys(DownloadsProperties properties) {
        return new ClientKeys(properties.clientKeySecret());
    }

    @Bean
    RobotFilter robotFilter(DownloadsProperties properties) throws IOException {
        try (InputStream patterns = new ClassPathResource(properties.robotsResource()).getInputStream()) {
            return RobotFilter.load(patterns);
        }
    }
}
