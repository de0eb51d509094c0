package org.rispacs.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rispacs.api.common.PatientIdentifier;
import org.rispacs.api.concerns.ConcernsOrder;
import org.rispacs.api.delivery.StorageCommitmentReportDeliveredEvent;
import org.rispacs.api.delivery.StorageCommitmentReportFailedEvent;
import org.rispacs.api.subscription.SubscriptionCreatedEvent;
import org.rispacs.api.subscription.SubscriptionDeletedEvent;
import org.rispacs.api.subscription.SubscriptionNotificationTriggeredEvent;
import org.springframework.util.ClassUtils;

/**
 * Every event of the api declares what it concerns, so that the audit timeline files it under its
 * patients, orders, studies and so on; and what the declarations find is what the timeline found
 * by the events' field names before.
 */
class EventConcernsTest {

    /** Events that concern none of a patient, order, accession, study, report, charge, delivery or user. */
    private static final Map<Class<?>, String> CONCERNING_NOTHING = Map.of(
            StorageCommitmentReportDeliveredEvent.class,
            "a storage commitment report names a transaction and a modality; the request it answers names the study",
            StorageCommitmentReportFailedEvent.class,
            "as a delivered storage commitment report",
            SubscriptionCreatedEvent.class,
            "a FHIR client's subscription: its patient filter is a FHIR id, no patient identifier",
            SubscriptionDeletedEvent.class, "as a created subscription",
            SubscriptionNotificationTriggeredEvent.class,
            "a notification names its focus by FHIR id; its delivery is filed under the subscription");

    private static final String CONCERNS_PACKAGE = ConcernsOrder.class.getPackageName();

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static List<Class<?>> eventTypes() {
        return SampleEvents.eventTypes();
    }

    @Test
    void theScanFindsTheEventsOfEveryFeature() {
        assertThat(eventTypes()).hasSizeGreaterThan(50)
                .extracting(Class::getPackageName).contains("org.rispacs.api.order", "org.rispacs.api.study",
                        "org.rispacs.api.patient", "org.rispacs.api.report", "org.rispacs.api.billing",
                        "org.rispacs.api.delivery", "org.rispacs.api.security", "org.rispacs.api.audit",
                        "org.rispacs.api.worklist");
    }

    @Test
    void everyEventDeclaresWhatItConcernsOrIsListedAsConcerningNothing() {
        assertThat(eventTypes()).filteredOn(type -> !declaresConcerns(type))
                .containsExactlyInAnyOrderElementsOf(CONCERNING_NOTHING.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void aFilledEventIsFoundByWhatItsFieldNamesFoundItBy(Class<?> type) {
        Object event = SampleEvents.filled(type);

        EventConcerns declared = EventConcerns.of(event);

        assertThat(ordered(declared)).isEqualTo(ordered(FieldNameConcerns.of(event, patientAggregateId(event), json)));
        assertThat(ordered(declared).stream().allMatch(List::isEmpty))
                .as("%s finds nothing", type.getSimpleName()).isEqualTo(CONCERNING_NOTHING.containsKey(type));
    }

    /** The events whose record can be built with every optional field left out (others refuse nulls). */
    static List<Object> sparseEvents() {
        return eventTypes().stream().map(SampleEvents::sparse).flatMap(Optional::stream).toList();
    }

    @Test
    void mostEventsCanBeBuiltWithTheirOptionalFieldsLeftOut() {
        assertThat(sparseEvents()).hasSizeGreaterThan(eventTypes().size() / 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sparseEvents")
    void anEventWithItsOptionalFieldsLeftOutIsFoundByWhatItsFieldNamesFoundItBy(Object sparse) {
        assertThat(ordered(EventConcerns.of(sparse)))
                .isEqualTo(ordered(FieldNameConcerns.of(sparse, patientAggregateId(sparse), json)));
    }

    /** The accessors the interfaces add (a merge's {@code patients()}) must not become fields of the stored event. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void theDeclarationsAddNoFieldToTheStoredEvent(Class<?> type) throws Exception {
        Object event = SampleEvents.filled(type);

        String stored = json.writeValueAsString(event);

        assertThat(json.readTree(stored).fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(
                Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
        assertThat(json.readValue(stored, type)).isEqualTo(event);
    }

    private static boolean declaresConcerns(Class<?> type) {
        return ClassUtils.getAllInterfacesForClassAsSet(type).stream()
                .anyMatch(declared -> declared.getPackageName().equals(CONCERNS_PACKAGE));
    }

    /** The patient aggregate's identifier, the first patient an event of the patient names (the merged one). */
    private static String patientAggregateId(Object event) {
        return Stream.of(event.getClass().getRecordComponents())
                .filter(component -> component.getType() == PatientIdentifier.class)
                .findFirst()
                .map(component -> {
                    try {
                        return component.getAccessor().invoke(event);
                    } catch (ReflectiveOperationException e) {
                        throw new AssertionError(e);
                    }
                })
                .map(Object::toString)
                .orElse(null);
    }

    private static List<List<String>> ordered(EventConcerns concerns) {
        return List.of(List.copyOf(concerns.patients()), List.copyOf(concerns.accessions()),
                List.copyOf(concerns.studies()), List.copyOf(concerns.orders()), List.copyOf(concerns.reports()),
                List.copyOf(concerns.linked()), concerns.users());
    }
}
