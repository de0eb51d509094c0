/**
 * What an event concerns, declared by the event itself: the patients, orders, accession numbers,
 * studies, reports, charges, deliveries and user accounts it names. The audit timeline files each
 * event under what it declares here, so renaming a record component cannot silently drop an event
 * from a patient's or an order's timeline: the record would no longer implement the interface's
 * accessor, and the build breaks instead.
 *
 * <p>Each interface's accessor matches a record component, so most events implement it with the
 * accessor they already have. An event concerning none of these is listed, with the reason, in
 * query-side's {@code EventConcernsTest}, which fails for any other event that declares nothing.
 */
package org.rispacs.api.concerns;
