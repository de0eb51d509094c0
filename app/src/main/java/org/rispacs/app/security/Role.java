package org.rispacs.app.security;

import org.rispacs.api.common.ClinicalRole;

/** What a user may do in the application; a user holds any number of roles. */
public enum Role {
    RADIOLOGIST(ClinicalRole.RADIOLOGIST),
    TECHNOLOGIST(ClinicalRole.TECHNOLOGIST),
    BILLING(ClinicalRole.BILLING),
    AUDITOR(ClinicalRole.AUDITOR),
    ADMIN(ClinicalRole.ADMINISTRATOR);

    /** The only authority of a user who must choose a new password before doing anything else. */
    public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

    private final ClinicalRole clinicalRole;

    Role(ClinicalRole clinicalRole) {
        this.clinicalRole = clinicalRole;
    }

    /** The role under which the workflow records this user's acts. */
    public ClinicalRole clinicalRole() {
        return clinicalRole;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
