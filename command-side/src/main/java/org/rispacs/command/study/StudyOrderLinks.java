package org.rispacs.command.study;

/** Which order a study belongs to, as the command side's own lookup knows it. */
public interface StudyOrderLinks {

    boolean linked(String studyInstanceUid, String orderId);
}
