package org.stemreach.coaching;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CoachingTrajectoriesApplication {

    public static void main(String[] args) {
        SpringApplication.run(CoachingTrajectoriesApplication.class, args);
    }
}
