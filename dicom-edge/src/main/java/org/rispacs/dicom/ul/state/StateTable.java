package org.rispacs.dicom.ul.state;

import static org.rispacs.dicom.ul.state.Action.AA_1;
import static org.rispacs.dicom.ul.state.Action.AA_2;
import static org.rispacs.dicom.ul.state.Action.AA_3;
import static org.rispacs.dicom.ul.state.Action.AA_4;
import static org.rispacs.dicom.ul.state.Action.AA_5;
import static org.rispacs.dicom.ul.state.Action.AA_6;
import static org.rispacs.dicom.ul.state.Action.AA_7;
import static org.rispacs.dicom.ul.state.Action.AA_8;
import static org.rispacs.dicom.ul.state.Action.AE_1;
import static org.rispacs.dicom.ul.state.Action.AE_2;
import static org.rispacs.dicom.ul.state.Action.AE_3;
import static org.rispacs.dicom.ul.state.Action.AE_4;
import static org.rispacs.dicom.ul.state.Action.AE_5;
import static org.rispacs.dicom.ul.state.Action.AE_6;
import static org.rispacs.dicom.ul.state.Action.AE_7;
import static org.rispacs.dicom.ul.state.Action.AE_8;
import static org.rispacs.dicom.ul.state.Action.AR_1;
import static org.rispacs.dicom.ul.state.Action.AR_10;
import static org.rispacs.dicom.ul.state.Action.AR_2;
import static org.rispacs.dicom.ul.state.Action.AR_3;
import static org.rispacs.dicom.ul.state.Action.AR_4;
import static org.rispacs.dicom.ul.state.Action.AR_5;
import static org.rispacs.dicom.ul.state.Action.AR_6;
import static org.rispacs.dicom.ul.state.Action.AR_7;
import static org.rispacs.dicom.ul.state.Action.AR_8;
import static org.rispacs.dicom.ul.state.Action.AR_9;
import static org.rispacs.dicom.ul.state.Action.DT_1;
import static org.rispacs.dicom.ul.state.Action.DT_2;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * PS3.8 Table 9-10, the state transition table, as data: one row per event, one cell per state.
 * An empty cell is a combination the standard does not define.
 */
public final class StateTable {

    private static final Map<Event, Action[]> ROWS = new EnumMap<>(Event.class);

    static {
        //           Sta1  Sta2  Sta3  Sta4  Sta5  Sta6  Sta7  Sta8  Sta9  Sta10 Sta11 Sta12 Sta13
        row(Event.EVT1, AE_1, null, null, null, null, null, null, null, null, null, null, null, null);
        row(Event.EVT2, null, null, null, AE_2, null, null, null, null, null, null, null, null, null);
        row(Event.EVT3, null, AA_1, AA_8, null, AE_3, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_6);
        row(Event.EVT4, null, AA_1, AA_8, null, AE_4, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_6);
        row(Event.EVT5, AE_5, null, null, null, null, null, null, null, null, null, null, null, null);
        row(Event.EVT6, null, AE_6, AA_8, null, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_7);
        row(Event.EVT7, null, null, AE_7, null, null, null, null, null, null, null, null, null, null);
        row(Event.EVT8, null, null, AE_8, null, null, null, null, null, null, null, null, null, null);
        row(Event.EVT9, null, null, null, null, null, DT_1, null, AR_7, null, null, null, null, null);
        row(Event.EVT10, null, AA_1, AA_8, null, AA_8, DT_2, AR_6, AA_8, AA_8, AA_8, AA_8, AA_8, AA_6);
        row(Event.EVT11, null, null, null, null, null, AR_1, null, null, null, null, null, null, null);
        row(Event.EVT12, null, AA_1, AA_8, null, AA_8, AR_2, AR_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_6);
        row(Event.EVT13, null, AA_1, AA_8, null, AA_8, AA_8, AR_3, AA_8, AA_8, AR_10, AR_3, AA_8, AA_6);
        row(Event.EVT14, null, null, null, null, null, null, null, AR_4, AR_9, null, null, AR_4, null);
        row(Event.EVT15, null, null, AA_1, AA_2, AA_1, AA_1, AA_1, AA_1, AA_1, AA_1, AA_1, AA_1, null);
        row(Event.EVT16, null, AA_2, AA_3, null, AA_3, AA_3, AA_3, AA_3, AA_3, AA_3, AA_3, AA_3, AA_2);
        row(Event.EVT17, null, AA_5, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AA_4, AR_5);
        row(Event.EVT18, null, AA_2, null, null, null, null, null, null, null, null, null, null, AR_5);
        row(Event.EVT19, null, AA_1, AA_8, null, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_8, AA_7);
    }

    private StateTable() {
    }

    private static void row(Event event, Action... cells) {
        if (cells.length != State.values().length) {
            throw new IllegalStateException("row " + event + " must have one cell per state");
        }
        ROWS.put(event, cells);
    }

    public static Optional<Action> actionFor(State state, Event event) {
        return Optional.ofNullable(ROWS.get(event)[state.ordinal()]);
    }
}
