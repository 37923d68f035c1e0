package org.stemreach.downloads.download;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.stemreach.kit.secret.KeptSecrets;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.io.IOException;
import java.io.InputStream;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CountingConfiguration {

    /** Keyed with the configured secret, or else with a random one kept in this service's database (never a known default). */
    @Bean
    ClientKeys clientKeys(DownloadsProperties properties, MongoTemplate mongo, DailySalts salts) {
        return new ClientKeys(KeptSecrets.configuredOrKept(properties.clientKeySecret(), "stemreach.downloads.client-key-secret", mongo),
                salts::saltOf);
    }

    @Bean
    DailySalts dailySalts(MongoTemplate mongo, java.time.Clock clock) {
        return new DailySalts(mongo, clock);
    }

    @Bean
    RobotFilter robotFilter(DownloadsProperties properties) throws IOException {
        try (InputStream patterns = new ClassPathResource(properties.robotsResource()).getInputStream()) {
            return RobotFilter.load(patterns);
        }
    }
}
