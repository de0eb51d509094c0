package org.rispacs.dicom.service.storage;

import org.rispacs.dicom.archive.StoredInstance;
import org.rispacs.dicom.ul.association.Association;

/** Told of every instance the storage SCP made durable, and of every association's end. */
public interface StorageListener {

    void stored(Association association, StoredInstance instance);

    default void associationEnded(Association association) {
    }

    StorageListener NONE = (association, instance) -> { };
}
