package org.rispacs.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A rebuild's progress from fixed numbers: events done and to do, share, rate and time left. */
class RebuildMeasureTest {

    private static final Instant START = Instant.parse("2026-12-08T02:00:00Z");

    // events at positions 101..1100 stored when the rebuild was asked for
    private final RebuildMeasure measure = new RebuildMeasure(100, 1100, START);

    @Test
    void beforeTheFirstEventNothingIsDoneAndNoEstimateIsMade() {
        assertThat(measure.toDo()).isEqualTo(1000);
        assertThat(measure.done(-1)).isZero();
        assertThat(measure.percent(-1)).isZero();
        assertThat(measure.finished(-1)).isFalse();
        assertThat(measure.eventsPerSecond(-1, START.plusSeconds(3))).isZero();
        assertThat(measure.secondsLeft(-1, START.plusSeconds(3))).isNull();
        assertThat(measure.eventsPerSecond(-1, START)).as("no time has passed").isNull();
    }

    @Test
    void midwayTheRateIsOverTheRebuildSoFarAndTheTimeLeftFollowsFromIt() {
        Instant tenSecondsIn = START.plusSeconds(10);
        assertThat(measure.done(350)).isEqualTo(250);
        assertThat(measure.percent(350)).isEqualTo(25);
        assertThat(measure.finished(350)).isFalse();
        assertThat(measure.eventsPerSecond(350, tenSecondsIn)).isEqualTo(25.0);
        assertThat(measure.secondsLeft(350, tenSecondsIn)).isEqualTo(30);
        // a part second left is a whole second
        assertThat(measure.secondsLeft(351, tenSecondsIn)).isEqualTo(30);
        assertThat(measure.secondsLeft(1099, tenSecondsIn)).isEqualTo(1);
    }

    @Test
    void atTheHeadAsAskedItIsFinishedAndEventsStoredSinceDoNotCount() {
        assertThat(measure.done(1100)).isEqualTo(1000);
        assertThat(measure.finished(1100)).isTrue();
        assertThat(measure.percent(1100)).isEqualTo(100);
        assertThat(measure.secondsLeft(1100, START.plusSeconds(40))).isZero();
        assertThat(measure.eventsPerSecond(1100, START.plusSeconds(40))).isEqualTo(25.0);
        assertThat(measure.done(1500)).as("events newer than the request").isEqualTo(1000);
    }

    @Test
    void anEmptyEventStoreIsRebuiltAtOnce() {
        RebuildMeasure empty = new RebuildMeasure(-1, -1, START);
        assertThat(empty.toDo()).isZero();
        assertThat(empty.finished(-1)).isTrue();
        assertThat(empty.percent(-1)).isEqualTo(100);
        assertThat(empty.secondsLeft(-1, START)).isZero();
    }

    @Test
    void timeLeftIsShownInTheLargestUnitsThatFit() {
        assertThat(ReadModelPages.duration(42)).isEqualTo("42 s");
        assertThat(ReadModelPages.duration(125)).isEqualTo("2 min 5 s");
        assertThat(ReadModelPages.duration(7_260)).isEqualTo("2 h 1 min");
    }
}
