package org.rispacs.dicom.ul.pdu;

/** The seven protocol data units of the DICOM upper layer (PS3.8 section 9.3). */
public sealed interface Pdu
        permits AssociateRq, AssociateAc, AssociateRj, PDataTf, ReleaseRq, ReleaseRp, Abort {

    int ASSOCIATE_RQ = 0x01;
    int ASSOCIATE_AC = 0x02;
    int ASSOCIATE_RJ = 0x03;
    int P_DATA_TF = 0x04;
    int RELEASE_RQ = 0x05;
    int RELEASE_RP = 0x06;
    int ABORT = 0x07;
}
