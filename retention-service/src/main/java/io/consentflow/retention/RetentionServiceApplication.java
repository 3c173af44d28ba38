package io.consentflow.retention;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RetentionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RetentionServiceApplication.class, args);
    }
}
