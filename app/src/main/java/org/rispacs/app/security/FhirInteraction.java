package org.rispacs.app.security;

/** What a request does with a resource type, as SMART v2 scopes name it by letter ({@code c r u d s}). */
enum FhirInteraction {
    CREATE('c'),
    READ('r'),
    UPDATE('u'),
    DELETE('d'),
    SEARCH('s');

    private final char letter;

    FhirInteraction(char letter) {
        this.letter = letter;
    }

    char letter() {
        return letter;
    }
}
