package org.rispacs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Assembles the command side, the query side and the edges into one application. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RisPacsApplication {

    public static void main(String[] args) {
        SpringApplication.run(RisPacsApplication.class, args);
    }
}
