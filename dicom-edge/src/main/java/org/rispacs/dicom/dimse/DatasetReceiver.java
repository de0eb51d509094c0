package org.rispacs.dicom.dimse;

import java.io.IOException;

/**
 * Takes a request's data set as its fragments arrive, so that a large object never has to be
 * held in memory, and answers once the last fragment is in.
 */
public interface DatasetReceiver {

    /** The next fragment: {@code length} bytes of {@code buffer} from {@code offset}, valid during this call only. */
    void data(byte[] buffer, int offset, int length) throws IOException;

    DimseResponse complete() throws IOException;

    /** The association ended before the data set did: leave nothing behind. */
    void abandon();
}
