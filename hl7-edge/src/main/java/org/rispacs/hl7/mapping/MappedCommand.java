package org.rispacs.hl7.mapping;

import org.rispacs.hl7.ack.ErrorLocation;

/**
 * A command a message asks for, with where in the message the values the workflow may refuse came
 * from, so that ERR-2 names the segment occurrence and field at fault (the second OBR's OBR-18, an
 * IPC-1 rather than an OBR-18).
 */
public record MappedCommand(Object command, Locations at) {

    /**
     * @param orderControl      ORC-1 of the command's order group
     * @param placerOrderNumber ORC-2 or OBR-2, whichever gave the placer order number
     * @param accession         OBR-18 or IPC-1, whichever gave the accession
     * @param studyInstanceUid  IPC-3
     */
    public record Locations(ErrorLocation orderControl, ErrorLocation placerOrderNumber, ErrorLocation accession,
                            ErrorLocation studyInstanceUid) {

        /** For commands of the first order group, or of no order at all. */
        public static final Locations FIRST = new Locations(ErrorLocation.field("ORC", 1),
                ErrorLocation.field("ORC", 2), ErrorLocation.field("OBR", 18), ErrorLocation.field("IPC", 3));
    }

    static MappedCommand first(Object command) {
        return new MappedCommand(command, Locations.FIRST);
    }
}
