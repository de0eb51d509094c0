/**
 * Our DICOM network stack, layered as the standard is: {@code data} (data elements, datasets,
 * transfer syntaxes, character sets, Part 10 files), {@code ul} (upper layer: PDUs, the
 * association state machine, negotiation, transport), {@code dimse} (messages and their
 * fragmentation), {@code service} (SCP and SCU handlers returning statuses). None of it imports
 * Spring or Axon; only {@code bridge} turns DICOM traffic into commands.
 */
package org.rispacs.dicom;
