package org.stemreach.downloads;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ContentDownloadsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContentDownloadsApplication.class, args);
    }
}
