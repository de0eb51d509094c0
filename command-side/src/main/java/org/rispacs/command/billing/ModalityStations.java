package org.rispacs.command.billing;

/** What the RIS knows of a modality station's behaviour, by AE title. */
public interface ModalityStations {

    /** False for stations that never send MPPS: their procedures complete when the study is committed. */
    boolean sendsMpps(String stationAeTitle);
}
