package org.rispacs.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;

/**
 * Which page of a search's matches a request asks for ({@code _offset}, {@code _count}). Pages are
 * addressed by offset, not kept on the server: a next link repeats the search from the read model,
 * so any node can answer it and nothing is held between requests. A page is at most
 * {@value #MAX_COUNT} resources (a larger {@code _count} is answered with that many, the links
 * saying so), and a search reaches at most {@value #MAX_DEPTH} matches deep (the read model's window).
 *
 * @param offset how many matches come before this page
 * @param count  the page's size; 0 asks only for the total
 */
public record PageRequest(int offset, int count) {

    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 100;
    public static final int MAX_DEPTH = 10_000;

    public static PageRequest of(Integer offset, Integer count) {
        int from = offset == null ? 0 : offset;
        if (from < 0) {
            throw new InvalidRequestException("_offset must not be negative");
        }
        if (count != null && count < 0) {
            throw new InvalidRequestException("_count must not be negative");
        }
        int size = count == null ? DEFAULT_COUNT : Math.min(count, MAX_COUNT);
        if (from + size > MAX_DEPTH) {
            throw new InvalidRequestException("a search pages through at most " + MAX_DEPTH
                    + " matches; narrow the search");
        }
        return new PageRequest(from, size);
    }
}
