package org.rispacs.dicom.ul.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every cell of PS3.8 Table 9-10, transcribed here a second time as text so that a slip in
 * either transcription shows up as a difference.
 */
class StateTableTest {

    private static final String[] TABLE = {
        //      Sta1  Sta2  Sta3  Sta4  Sta5  Sta6  Sta7  Sta8  Sta9 Sta10 Sta11 Sta12 Sta13
        "Evt1   AE-1  -     -     -     -     -     -     -     -     -     -     -     -",
        "Evt2   -     -     -     AE-2  -     -     -     -     -     -     -     -     -",
        "Evt3   -     AA-1  AA-8  -     AE-3  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6",
        "Evt4   -     AA-1  AA-8  -     AE-4  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6",
        "Evt5   AE-5  -     -     -     -     -     -     -     -     -     -     -     -",
        "Evt6   -     AE-6  AA-8  -     AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-7",
        "Evt7   -     -     AE-7  -     -     -     -     -     -     -     -     -     -",
        "Evt8   -     -     AE-8  -     -     -     -     -     -     -     -     -     -",
        "Evt9   -     -     -     -     -     DT-1  -     AR-7  -     -     -     -     -",
        "Evt10  -     AA-1  AA-8  -     AA-8  DT-2  AR-6  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6",
        "Evt11  -     -     -     -     -     AR-1  -     -     -     -     -     -     -",
        "Evt12  -     AA-1  AA-8  -     AA-8  AR-2  AR-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6",
        "Evt13  -     AA-1  AA-8  -     AA-8  AA-8  AR-3  AA-8  AA-8  AR-10 AR-3  AA-8  AA-6",
        "Evt14  -     -     -     -     -     -     -     AR-4  AR-9  -     -     AR-4  -",
        "Evt15  -     -     AA-1  AA-2  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  -",
        "Evt16  -     AA-2  AA-3  -     AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-2",
        "Evt17  -     AA-5  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AR-5",
        "Evt18  -     AA-2  -     -     -     -     -     -     -     -     -     -     AR-5",
        "Evt19  -     AA-1  AA-8  -     AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-7",
    };

    @Test
    void everyStateAndEventCombinationIsAsTheStandardSays() {
        for (String line : TABLE) {
            String[] cells = line.trim().split("\\s+");
            Event event = Event.valueOf(cells[0].toUpperCase());
            for (State state : State.values()) {
                String expected = cells[state.ordinal() + 1];
                Optional<Action> actual = StateTable.actionFor(state, event);
                if (expected.equals("-")) {
                    assertThat(actual).as(event + " in " + state).isEmpty();
                } else {
                    assertThat(actual).as(event + " in " + state).contains(Action.valueOf(expected.replace('-', '_')));
                }
            }
        }
    }

    @Test
    void actionsLeadToTheStatesOfTheStandard() {
        assertThat(Action.AE_6.next(true)).isEqualTo(State.STA3);
        assertThat(Action.AE_6.next(false)).isEqualTo(State.STA13);
        assertThat(Action.AR_8.next(true)).isEqualTo(State.STA9);
        assertThat(Action.AR_8.next(false)).isEqualTo(State.STA10);
        assertThat(Action.AA_8.next(true)).isEqualTo(State.STA13);
        assertThat(Action.AR_4.next(true)).isEqualTo(State.STA13);
        assertThat(Action.DT_2.next(true)).isEqualTo(State.STA6);
    }

    @Test
    void theMachineWalksAnAcceptorThroughAssociationAndRelease() {
        StateMachine machine = new StateMachine(State.STA1);
        machine.completed(machine.on(Event.EVT5));
        assertThat(machine.state()).isEqualTo(State.STA2);
        machine.completed(machine.on(Event.EVT6), true);
        machine.completed(machine.on(Event.EVT7));
        assertThat(machine.state()).isEqualTo(State.STA6);
        machine.completed(machine.on(Event.EVT10));
        machine.completed(machine.on(Event.EVT9));
        machine.completed(machine.on(Event.EVT12));
        assertThat(machine.state()).isEqualTo(State.STA8);
        machine.completed(machine.on(Event.EVT14));
        machine.completed(machine.on(Event.EVT17));
        assertThat(machine.state()).isEqualTo(State.STA1);
    }

    @Test
    void aLocalPrimitiveInTheWrongStateIsAProgrammingError() {
        StateMachine machine = new StateMachine(State.STA2);
        assertThatThrownBy(() -> machine.on(Event.EVT9))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("P-DATA request primitive");
    }
}
