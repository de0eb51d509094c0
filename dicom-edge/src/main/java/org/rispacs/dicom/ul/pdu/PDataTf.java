package org.rispacs.dicom.ul.pdu;

import java.util.List;

public record PDataTf(List<PresentationDataValue> values) implements Pdu {

    public PDataTf {
        values = List.copyOf(values);
    }
}
