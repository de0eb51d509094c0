package org.rispacs.app.dicom;

import java.time.Duration;
import org.rispacs.command.billing.PerformedProcedureSaga;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How long a study linked to an order must receive no new instance before it completes the
 * procedure when no MPPS has started it ({@code ris.workflow.study-stable-after}).
 */
@Configuration(proxyBeanMethods = false)
class StudyStabilityConfiguration {

    @Bean
    PerformedProcedureSaga.StableStudyPolicy stableStudyPolicy(
            @Value("${ris.workflow.study-stable-after:15m}") Duration stableAfter) {
        if (stableAfter.isNegative() || stableAfter.isZero()) {
            throw new IllegalArgumentException("ris.workflow.study-stable-after must be positive, not " + stableAfter);
        }
        return new PerformedProcedureSaga.StableStudyPolicy(stableAfter);
    }
}
