package org.rispacs.app.billing;

import org.rispacs.command.billing.BillingPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BillingConfiguration {

    /** The money rules the Charge aggregate enforces and the page and API check first. */
    @Bean
    BillingPolicy billingPolicy(BillingProperties properties) {
        return BillingPolicy.of(properties.currency(), properties.maximumAmount());
    }
}
