-- The once-only DFT^P03 sender that kept this table was replaced by tracked deliveries before any
-- release; nothing reads it any more.
DROP TABLE IF EXISTS hl7_outbound_charge_message;
