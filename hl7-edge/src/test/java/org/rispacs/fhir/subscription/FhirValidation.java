package org.rispacs.fhir.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's R4 validator, as the application's FHIR tests use it: errors (or worse) fail. It does not
 * know the Backport IG's profiles, which it then reports as unchecked (a warning): the resources are
 * validated against R4 itself, and the tests check the profiles' rules that matter to a receiver.
 */
final class FhirValidation {

    static final FhirContext FHIR = FhirContext.forR4();
    private static final FhirValidator VALIDATOR = validator();

    private FhirValidation() {
    }

    static <T extends IBaseResource> T valid(T resource) {
        List<SingleValidationMessage> errors = VALIDATOR.validateWithResult(resource).getMessages().stream()
                .filter(message -> message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
        assertThat(errors).as(FHIR.newJsonParser().encodeResourceToString(resource)).isEmpty();
        return resource;
    }

    private static FhirValidator validator() {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(FHIR),
                new InMemoryTerminologyServerValidationSupport(FHIR), new CommonCodeSystemsTerminologyService(FHIR));
        FhirInstanceValidator instances = new FhirInstanceValidator(support);
        instances.setErrorForUnknownProfiles(false);
        return FHIR.newValidator().registerValidatorModule(instances);
    }
}
