package org.rispacs.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.junit.jupiter.api.Test;

class OfferedResourcesOnlyTest {

    @Test
    void onlyTheResourcesOfOurProvidersStay() {
        CapabilityStatement statement = new CapabilityStatement();
        statement.addRest().addResource().setType("OperationDefinition");
        statement.getRestFirstRep().addResource().setType("Patient");

        new OfferedResourcesOnly(Set.of("Patient")).trim(statement);

        assertThat(statement.getRestFirstRep().getResource())
                .extracting(CapabilityStatementRestResourceComponent::getType).containsExactly("Patient");
    }
}
