package org.rispacs.fhir.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class PageRequestTest {

    @Test
    void aSearchWithoutPagingAsksForTheFirstPageOfTheDefaultSize() {
        assertThat(PageRequest.of(null, null)).isEqualTo(new PageRequest(0, PageRequest.DEFAULT_COUNT));
    }

    @Test
    void aCountAboveTheMaximumIsAnsweredWithTheMaximum() {
        assertThat(PageRequest.of(200, 500)).isEqualTo(new PageRequest(200, PageRequest.MAX_COUNT));
    }

    @Test
    void negativeValuesAndPagesBeyondTheWindowAreRefused() {
        assertThatThrownBy(() -> PageRequest.of(-1, 10)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PageRequest.of(0, -1)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> PageRequest.of(9_950, 100)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("at most 10000 matches");
        assertThat(PageRequest.of(9_900, 100)).isEqualTo(new PageRequest(9_900, 100));
    }

    @Test
    void aPageLinksOnwardOnlyWhileMatchesRemainAndBackOnlyAfterTheFirst() {
        List<Patient> two = List.of(new Patient(), new Patient());
        SearchPage first = SearchPage.of(two, new PageRequest(0, 2), 5);
        assertThat(first.getNextPageId()).isNotNull();
        assertThat(first.getPreviousPageId()).isNull();
        assertThat(first.size()).isEqualTo(5);
        assertThat(first.getCurrentPageOffset()).isZero();
        assertThat(first.getCurrentPageSize()).isEqualTo(2);

        SearchPage last = SearchPage.of(List.of(new Patient()), new PageRequest(4, 2), 5);
        assertThat(last.getNextPageId()).isNull();
        assertThat(last.getPreviousPageId()).isNotNull();

        SearchPage countOnly = SearchPage.of(List.of(), new PageRequest(0, 0), 5);
        assertThat(countOnly.getNextPageId()).as("_count=0 asks for the total only").isNull();
        assertThat(countOnly.size()).isEqualTo(5);

        SearchPage atTheWindow = SearchPage.of(two, new PageRequest(9_998, 2), 20_000);
        assertThat(atTheWindow.getNextPageId()).as("no link to a page that would be refused").isNull();
    }

    @Test
    void includedResourcesFollowTheMatchesOnceEachMarkedAsIncluded() {
        Patient match = (Patient) new Patient().setId("a");
        Patient alsoIncluded = (Patient) new Patient().setId("a");
        Patient included = (Patient) new Patient().setId("b");
        SearchPage page = SearchPage.of(List.of(match), List.of(alsoIncluded, included), new PageRequest(0, 10), 1);
        assertThat(page.getResources(0, Integer.MAX_VALUE)).containsExactly(match, included);
        assertThat(ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.get(match)).isEqualTo(BundleEntrySearchModeEnum.MATCH);
        assertThat(ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.get(included))
                .isEqualTo(BundleEntrySearchModeEnum.INCLUDE);
        assertThat(page.size()).as("the total counts matches only").isEqualTo(1);
    }
}
