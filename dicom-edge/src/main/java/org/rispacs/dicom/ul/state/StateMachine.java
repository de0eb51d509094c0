package org.rispacs.dicom.ul.state;

/**
 * The association's current state and its transitions. It decides; the caller acts: {@link #on}
 * names the action to perform, and {@link #completed} moves to the state that action leads to.
 * Not thread-safe: one association's events are handled one at a time.
 */
public final class StateMachine {

    private State state;

    public StateMachine(State initial) {
        this.state = initial;
    }

    public State state() {
        return state;
    }

    /**
     * The action the standard prescribes for this event in the current state.
     *
     * @throws IllegalStateException for combinations the standard does not define (a local
     *                               primitive issued in the wrong state is a programming error)
     */
    public Action on(Event event) {
        return StateTable.actionFor(state, event).orElseThrow(() -> new IllegalStateException(
                event + " (" + event.description() + ") is not valid in " + state + " (" + state.description() + ")"));
    }

    /** Records that {@code action} was performed; {@code branch} as for {@link Action#next(boolean)}. */
    public State completed(Action action, boolean branch) {
        state = action.next(branch);
        return state;
    }

    public State completed(Action action) {
        return completed(action, true);
    }
}
