package org.rispacs.fhir.servicerequest;

import org.rispacs.api.order.PlaceOrderCommand;
import org.rispacs.api.order.ScheduleProcedureCommand;
import org.rispacs.api.patient.RecordOrderPatientCommand;

/**
 * The commands a FHIR order stands for, sent in this order and kept together or not at all: the
 * patient as the order names them (registered or updated when the request brings a Patient, else
 * only checked to be known), the placement, and the schedule when the request gives an occurrence.
 *
 * @param patient  the patient command
 * @param place    the placement
 * @param schedule the schedule, or null
 */
record OrderPlacement(RecordOrderPatientCommand patient, PlaceOrderCommand place, ScheduleProcedureCommand schedule) {
}
