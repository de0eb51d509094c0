-- Unfinished report deliveries per destination, in the order they were scheduled: only the first
-- of a destination is attempted, so results reach an EHR in signing order even across an outage.
-- Written by the one-segment "hl7-report-delivery" processor in the transaction of its token.
CREATE TABLE hl7_report_delivery_queue (
    position    BIGSERIAL    PRIMARY KEY,
    delivery_id VARCHAR(255) NOT NULL UNIQUE,
    destination VARCHAR(255) NOT NULL
);
CREATE INDEX hl7_report_delivery_queue_destination ON hl7_report_delivery_queue (destination, position);
