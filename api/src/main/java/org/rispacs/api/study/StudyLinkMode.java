package org.rispacs.api.study;

/**
 * How a person links a study to an order by reconciliation. An order that already has a study
 * takes another one only when the person says which of the two it is.
 */
public enum StudyLinkMode {
    /** The order's study: refused if the order already has one. */
    ONLY_STUDY,
    /** One more study of the same procedure (a second series sent as its own study, say). */
    ADDITIONAL_STUDY,
    /** Instead of the order's study, which goes back to the unmatched list; its report needs review. */
    REPLACE_STUDY
}
