-- HL7 messages already processed, with the acknowledgement each was given: a message delivered
-- again (same MSH-10 from the same MSH-3/MSH-4) changes nothing and gets its first answer again.
CREATE TABLE hl7_inbound_message (
    sending_application VARCHAR(255) NOT NULL,
    sending_facility    VARCHAR(255) NOT NULL,
    control_id          VARCHAR(255) NOT NULL,
    ack                 TEXT         NOT NULL,
    received_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (sending_application, sending_facility, control_id)
);
