package org.rispacs.api.common;

/** A person acting in the workflow, with the role under which they act. */
public record Actor(
        String id,
        String name,
        ClinicalRole role) {
}
