package org.rispacs.api.common;

/** The role a person acts in; it decides what they may do (only a radiologist signs a final report). */
public enum ClinicalRole {
    RADIOLOGIST,
    RESIDENT,
    TECHNOLOGIST,
    BILLING,
    AUDITOR,
    ADMINISTRATOR
}
