-- What each processed message said (SHA-256 of its text without MSH-7): a control id used again
-- with the same content is a re-delivery; with other content it is refused, never answered with
-- the first message's acknowledgement.
ALTER TABLE hl7_inbound_message ADD COLUMN content_digest CHAR(64);

-- Messages refused because their control id had been used for other content: the sender's
-- counter was probably reset, which interface health raises as an alert.
CREATE TABLE hl7_inbound_reused_control_id (
    id                  BIGSERIAL    PRIMARY KEY,
    sending_application VARCHAR(255) NOT NULL,
    sending_facility    VARCHAR(255) NOT NULL,
    control_id          VARCHAR(255) NOT NULL,
    refused_at          TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX hl7_inbound_reused_control_id_refused_at ON hl7_inbound_reused_control_id (refused_at);
