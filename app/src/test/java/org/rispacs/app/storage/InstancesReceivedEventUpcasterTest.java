package org.rispacs.app.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.rispacs.api.study.InstancesReceivedEvent;
import org.rispacs.api.study.ReceivedInstance;
import org.rispacs.api.study.ReceivedSeriesDetails;
import org.rispacs.api.study.ReceivedStudyAttributes;
import org.rispacs.api.study.ReceivedStudyDetails;

/** Instances received as revision 1 stored them, read as revision 2 with the details absent. */
class InstancesReceivedEventUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

    @Test
    void aRevisionOneEventReadsAsRevisionTwoWithoutDetails() {
        String json = "{\"studyInstanceUid\":\"1.2.3\",\"seriesInstanceUid\":\"1.2.3.1\",\"associationId\":\"a1\","
                + "\"callingAeTitle\":\"CT1\",\"attributes\":{\"patientId\":\"P1\",\"issuerOfPatientId\":\"HOSP\","
                + "\"patientName\":\"DOE^JOHN\",\"accessionNumber\":\"ACC1\",\"modality\":\"CT\","
                + "\"studyDescription\":\"CT HEAD\"},\"instances\":[{\"sopInstanceUid\":\"1.2.3.1.1\","
                + "\"sopClassUid\":\"1.2.840.10008.5.1.4.1.1.2\",\"transferSyntaxUid\":\"1.2.840.10008.1.2.1\","
                + "\"size\":1234,\"sha256\":\"ab\"}],\"firstForStudy\":true}";
        List<Object> events = read(entry(InstancesReceivedEvent.class.getName(), "1", json.getBytes(
                StandardCharsets.UTF_8)));
        assertThat(events).containsExactly(new InstancesReceivedEvent("1.2.3", "1.2.3.1", "a1", "CT1",
                new ReceivedStudyAttributes("P1", "HOSP", "DOE^JOHN", "ACC1", "CT", "CT HEAD"),
                List.of(new ReceivedInstance("1.2.3.1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", 1234,
                        "ab")), true));
    }

    @Test
    void aRevisionTwoEventPassesUnchanged() {
        InstancesReceivedEvent today = new InstancesReceivedEvent("1.2.3", "1.2.3.1", "a1", "CT1",
                new ReceivedStudyAttributes("P1", "HOSP", "DOE^JOHN", "ACC1", "CT", "CT HEAD"),
                List.of(new ReceivedInstance("1.2.3.1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", 1234,
                        "ab", 7, 512, 256, 3)), true,
                new ReceivedStudyDetails("20260102", "101500", "S1", "WHO^REFERS", "19700101", "M"),
                new ReceivedSeriesDetails(2, "AXIAL", "20260102", "101600", "HEAD"));
        byte[] json = serializer.serialize(today, byte[].class).getData();
        assertThat(read(entry(InstancesReceivedEvent.class.getName(), "2", json))).containsExactly(today);
    }

    private static GenericDomainEventEntry<byte[]> entry(String type, String revision, byte[] payload) {
        return new GenericDomainEventEntry<>("Study", "1.2.3", 0, "e-0", Instant.EPOCH, type, revision, payload,
                "{}".getBytes(StandardCharsets.UTF_8));
    }

    @SafeVarargs
    private List<Object> read(GenericDomainEventEntry<byte[]>... entries) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(entries), serializer,
                new InstancesReceivedEventUpcaster()).asStream().<Object>map(DomainEventMessage::getPayload).toList();
    }
}
