-- DFT^P03 charge messages sent, with their outcome: a charge is sent once, a replay sends nothing.
CREATE TABLE hl7_outbound_charge_message (
    charge_id   VARCHAR(255) PRIMARY KEY,
    destination VARCHAR(255) NOT NULL,
    control_id  VARCHAR(20)  NOT NULL,
    ack_code    VARCHAR(2),
    error       TEXT,
    sent_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
