package org.rispacs.dicom.service.commitment;

/** The archive and the workflow behind the Storage Commitment SCP. */
public interface StorageCommitments {

    /**
     * Checks each referenced instance (stored, readable, of the SOP class named, unchanged since
     * it was recorded) and records what is committed in the workflow; returns the outcome for the
     * report. Called again after a restart if the outcome was not yet kept, so it must be repeatable.
     */
    CommitmentResult commit(CommitmentRequest request);
}
