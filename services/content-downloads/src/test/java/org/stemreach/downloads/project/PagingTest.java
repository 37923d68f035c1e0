package org.stemreach.downloads.project;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class PagingTest {

    private static final List<Integer> SIXTY = IntStream.rangeClosed(1, 60).boxed().toList();

    private static Map<String, String> filter(String q, String network) {
        Map<String, String> filter = new LinkedHashMap<>();
        filter.put("q", q);
        filter.put("network", network);
        return filter;
    }

    @Test
    void theFirstPageShowsTheFirstItemsAndLinksOnlyToTheNext() {
        Paging<Integer> page = Paging.of(SIXTY, null, 24, "/projects", filter(null, ""));

        assertThat(page.items()).containsExactlyElementsOf(SIXTY.subList(0, 24));
        assertThat(page).extracting(Paging::number, Paging::pages, Paging::first, Paging::last, Paging::total).containsExactly(1, 3, 1, 24, 60);
        assertThat(page.previous()).isNull();
        assertThat(page.next()).isEqualTo("/projects?page=2");
        assertThat(page.several()).isTrue();
    }

    @Test
    void theLastPageHoldsWhatRemainsAndLinksBackKeepingTheFilter() {
        Paging<Integer> page = Paging.of(SIXTY, "3", 24, "/projects", filter("één & twee", "ISTEM"));

        assertThat(page.items()).containsExactly(49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60);
        assertThat(page).extracting(Paging::first, Paging::last).containsExactly(49, 60);
        assertThat(page.next()).isNull();
        assertThat(page.previous()).isEqualTo("/projects?q=%C3%A9%C3%A9n+%26+twee&network=ISTEM&page=2");
    }

    @Test
    void theSecondPageLinksToTheFirstWithoutAPageNumber() {
        assertThat(Paging.of(SIXTY, "2", 24, "/projects", filter("water", null)).previous()).isEqualTo("/projects?q=water");
    }

    @Test
    void aPageNumberThatIsNotANumberOrOutOfRangeShowsTheNearestPage() {
        assertThat(Paging.of(SIXTY, "abc", 24, "/p", Map.of()).number()).isEqualTo(1);
        assertThat(Paging.of(SIXTY, "-2", 24, "/p", Map.of()).number()).isEqualTo(1);
        assertThat(Paging.of(SIXTY, "0", 24, "/p", Map.of()).number()).isEqualTo(1);
        assertThat(Paging.of(SIXTY, "99999999999", 24, "/p", Map.of()).number()).isEqualTo(1);
        assertThat(Paging.of(SIXTY, " 7 ", 24, "/p", Map.of()).number()).isEqualTo(3);
    }

    @Test
    void anEmptyListIsOnePageWithNothingOnIt() {
        Paging<Integer> page = Paging.of(List.of(), "2", 24, "/p", Map.of());

        assertThat(page.items()).isEmpty();
        assertThat(page).extracting(Paging::number, Paging::pages, Paging::first, Paging::last, Paging::total).containsExactly(1, 1, 0, 0, 0);
        assertThat(page.several()).isFalse();
        assertThat(page.previous()).isNull();
        assertThat(page.next()).isNull();
    }

    @Test
    void exactlyOnePageFullHasNoNextPage() {
        Paging<Integer> page = Paging.of(SIXTY.subList(0, 24), "1", 24, "/p", Map.of());

        assertThat(page.several()).isFalse();
        assertThat(page.next()).isNull();
    }
}
