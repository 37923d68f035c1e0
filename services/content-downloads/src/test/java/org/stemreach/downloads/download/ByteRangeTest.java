package org.stemreach.downloads.download;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 9110, section 14: byte ranges of a 1000-byte file. */
class ByteRangeTest {

    @Test
    void readsTheThreeFormsOfASingleRange() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).contains(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=900-", 1000)).contains(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).contains(new ByteRange(900, 999, true));
        assertThat(ByteRange.parse("bytes=500-5000", 1000)).as("a last position past the end is the end").contains(new ByteRange(500, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).as("a suffix longer than the file is the whole file").contains(new ByteRange(0, 999, true));
    }

    @Test
    void onlyARangeReachingTheLastByteCompletesADownload() {
        assertThat(new ByteRange(900, 999).reachesEndOf(1000)).isTrue();
        assertThat(new ByteRange(0, 998).reachesEndOf(1000)).isFalse();
    }

    @Test
    void theRestOfABrokenOffDownloadCountsButALookAtTheTailDoesNot() {
        assertThat(ByteRange.parse("bytes=900-", 1000).orElseThrow().completesDownloadOf(1000)).isTrue();
        assertThat(ByteRange.parse("bytes=500-999", 1000).orElseThrow().completesDownloadOf(1000)).isTrue();
        assertThat(ByteRange.parse("bytes=0-998", 1000).orElseThrow().completesDownloadOf(1000)).isFalse();
        assertThat(ByteRange.parse("bytes=-22", 1000).orElseThrow().completesDownloadOf(1000))
                .as("a ZIP tool reading the central directory").isFalse();
        assertThat(ByteRange.parse("bytes=-5000", 1000).orElseThrow().completesDownloadOf(1000)).as("a suffix covering the whole file").isTrue();
    }

    @Test
    void whatItCannotServeAsOneRangeIsTheWholeFile() {
        assertThat(ByteRange.parse(null, 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-9", 1000)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 1000)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 1000)).isEmpty();
    }

    @Test
    void anInvalidRangeIsIgnored() {
        assertThat(ByteRange.parse("bytes=50-10", 1000)).as("last before first: RFC 9110 says ignore it").isEmpty();
    }

    @Test
    void rangesOutsideTheFileAreUnsatisfiable() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
