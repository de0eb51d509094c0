package org.rispacs.app.security;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The EHRs that may launch the reading and viewer pages as a SMART app ({@code ris.smart.ehrs.<name>.*}).
 * A launch names its EHR only by its FHIR base ({@code iss}); a base not listed here is refused.
 *
 * @param ehrs the EHRs by a name of our choosing
 */
@ConfigurationProperties("ris.smart")
public record SmartProperties(@DefaultValue Map<String, SmartEhr> ehrs) {

    public SmartProperties {
        ehrs.forEach((name, ehr) -> ehr.check(name));
    }

    /** The EHR whose FHIR base is {@code iss} (compared without a trailing slash), if it is one of ours. */
    public Optional<Map.Entry<String, SmartEhr>> byIss(String iss) {
        if (iss == null || iss.isBlank()) {
            return Optional.empty();
        }
        String wanted = SmartEhr.withoutTrailingSlash(iss.strip());
        return ehrs.entrySet().stream().filter(entry -> entry.getValue().base().equals(wanted)).findFirst();
    }
}
