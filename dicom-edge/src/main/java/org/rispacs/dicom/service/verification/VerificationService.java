package org.rispacs.dicom.service.verification;

import java.util.Set;
import org.rispacs.dicom.data.TransferSyntax;
import org.rispacs.dicom.dimse.CommandField;
import org.rispacs.dicom.dimse.DimseRequest;
import org.rispacs.dicom.dimse.DimseResponse;
import org.rispacs.dicom.dimse.DimseService;
import org.rispacs.dicom.dimse.Status;

/** Verification SOP Class SCP (PS3.4 Annex A): answers C-ECHO. */
public final class VerificationService implements DimseService {

    public static final String SOP_CLASS = "1.2.840.10008.1.1";

    @Override
    public boolean serves(String sopClassUid) {
        return SOP_CLASS.equals(sopClassUid);
    }

    @Override
    public Set<String> transferSyntaxes(String sopClassUid) {
        return Set.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(),
                TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid());
    }

    @Override
    public DimseResponse request(DimseRequest request) {
        return request.commandField() == CommandField.C_ECHO_RQ ? DimseResponse.success()
                : DimseResponse.failure(Status.UNRECOGNIZED_OPERATION, "Verification supports C-ECHO only");
    }
}
