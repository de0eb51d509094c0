package org.rispacs.dicom.ul.state;

/** The states of the DICOM upper layer association state machine (PS3.8 Table 9-1). */
public enum State {
    STA1("Idle"),
    STA2("Transport connection open, awaiting A-ASSOCIATE-RQ PDU"),
    STA3("Awaiting local A-ASSOCIATE response primitive"),
    STA4("Awaiting transport connection opening to complete"),
    STA5("Awaiting A-ASSOCIATE-AC or A-ASSOCIATE-RJ PDU"),
    STA6("Association established, ready for data transfer"),
    STA7("Awaiting A-RELEASE-RP PDU"),
    STA8("Awaiting local A-RELEASE response primitive"),
    STA9("Release collision requestor side, awaiting A-RELEASE response primitive"),
    STA10("Release collision acceptor side, awaiting A-RELEASE-RP PDU"),
    STA11("Release collision requestor side, awaiting A-RELEASE-RP PDU"),
    STA12("Release collision acceptor side, awaiting A-RELEASE response primitive"),
    STA13("Awaiting transport connection close indication");

    private final String description;

    State(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
