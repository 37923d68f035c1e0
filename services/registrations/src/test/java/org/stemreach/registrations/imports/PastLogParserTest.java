package org.stemreach.registrations.imports;

import org.junit.jupiter.api.Test;
import org.stemreach.model.activity.ActivityCategory;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PastLogParserTest {

    private static final String HEADER = "date;network;partner;location;title;type;target_group;participants\n";

    @Test
    void readsDutchAndIsoDatesAndApproximateCounts() {
        PastLogParser.Result result = PastLogParser.parse(new StringReader(HEADER
                + "12-jan-23;ISTEM;KU Leuven;Campus Kulak;Infostand STEM-congres;LECTURE_OR_INFO_STAND;secundair;536\n"
                + "2023-03-08;ISTEM;UGent;online;Nocturne robotica;NOCTURNE;secundair;ca. 25\n"
                + "5-mrt-23;STEMBASIS;Odisee;Campus Aalst;Studiedag;study_day;lager;± 80\n"));

        assertThat(result.valid()).isTrue();
        assertThat(result.rows()).hasSize(3);
        PastLogParser.Row stand = result.rows().get(0);
        assertThat(stand.date()).isEqualTo(LocalDate.of(2023, 1, 12));
        assertThat(stand.participants()).isEqualTo(536);
        assertThat(stand.approximate()).isFalse();
        assertThat(stand.category()).isEqualTo(ActivityCategory.DISSEMINATION);
        PastLogParser.Row nocturne = result.rows().get(1);
        assertThat(nocturne.online()).isTrue();
        assertThat(nocturne.participants()).isEqualTo(25);
        assertThat(nocturne.approximate()).isTrue();
        assertThat(result.rows().get(2).date()).isEqualTo(LocalDate.of(2023, 3, 5));
        assertThat(result.rows().get(2).type()).isEqualTo("STUDY_DAY");
    }

    @Test
    void aLogOfThePastHasNoDatesToComeAndTwoDigitYearsAreOfThisCenturyUpToThisYear() {
        LocalDate today = LocalDate.of(2026, 1, 20);
        PastLogParser.Result result = PastLogParser.parse(new StringReader(HEADER
                + "20-jan-26;ISTEM;KU Leuven;Kulak;Vandaag;WORKSHOP;secundair;20\n"
                + "31-dec-26;ISTEM;KU Leuven;Kulak;Later dit jaar;WORKSHOP;secundair;20\n"
                + "2031-05-01;ISTEM;KU Leuven;Kulak;Later;WORKSHOP;secundair;20\n"
                + "1-jan-27;ISTEM;KU Leuven;Kulak;Vorige eeuw;WORKSHOP;secundair;20\n"), today);

        assertThat(result.errors()).extracting(PastLogParser.LineError::line, PastLogParser.LineError::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(3, "future"), org.assertj.core.groups.Tuple.tuple(4, "future"));
        assertThat(result.rows()).extracting(PastLogParser.Row::date).containsExactly(LocalDate.of(2026, 1, 20), LocalDate.of(1927, 1, 1));
    }

    @Test
    void reportsEveryErrorByLineAndKeepsOnlyTheGoodRowsForTheChecksThatFollow() {
        PastLogParser.Result result = PastLogParser.parse(new StringReader(HEADER
                + "12-jan-23;ISTEM;KU Leuven;Kulak;Goed;WORKSHOP;secundair;20\n"
                + "31-feb-23;ISTEM;KU Leuven;Kulak;Datum bestaat niet;WORKSHOP;secundair;20\n"
                + "2023-01-12;istem;KU Leuven;Kulak;Fout netwerk;DANCE;secundair;veel\n"
                + "2023-01-12;ISTEM;KU Leuven\n"));

        assertThat(result.valid()).isFalse();
        assertThat(result.rows()).extracting(PastLogParser.Row::line).containsExactly(2);
        assertThat(result.errors()).extracting(PastLogParser.LineError::line).containsExactly(3, 4, 4, 4, 5);
        assertThat(result.errors().get(0).message()).contains("does not exist");
        assertThat(result.errors().get(2).message()).contains("DANCE");
    }

    @Test
    void moreParticipantsThanAnActivityHoldsIsAnErrorOfTheRow() {
        PastLogParser.Result result = PastLogParser.parse(new StringReader(HEADER
                + "12-jan-23;ISTEM;KU Leuven;Kulak;Groot;LECTURE_OR_INFO_STAND;secundair;100000\n"
                + "13-jan-23;ISTEM;KU Leuven;Kulak;Te groot;LECTURE_OR_INFO_STAND;secundair;ca. 100001\n"));

        assertThat(result.rows()).extracting(PastLogParser.Row::line).containsExactly(2);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.code()).isEqualTo("participantsTooMany");
            assertThat(e.arguments()).containsExactly("100001", "100000");
        });
    }

    @Test
    void theHeaderMustNameTheColumns() {
        PastLogParser.Result result = PastLogParser.parse(new StringReader("datum;netwerk\n1;2\n"));

        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void theSameRowAlwaysHasTheSameKey() {
        String row = "12-jan-23;ISTEM;KU Leuven;Kulak;Infostand;LECTURE_OR_INFO_STAND;secundair;536\n";
        String key1 = PastLogParser.parse(new StringReader(HEADER + row)).rows().get(0).key();
        String key2 = PastLogParser.parse(new StringReader(HEADER + row.replace("536", "ca. 540"))).rows().get(0).key();

        assertThat(key1).isEqualTo(key2).hasSize(32);
    }

    @Test
    void errorsNameTheLineOfTheFileWithBlankLinesAndQuotedLineBreaks() {
        PastLogParser.Result result = PastLogParser.parse(HEADER
                + "\n"
                + "12-jan-23;ISTEM;KU Leuven;Kulak;\"Titel over\ntwee regels\";WORKSHOP;secundair;20\r\n"
                + "12-jan-23;ISTEM;KU Leuven;Kulak;Fout;WORKSHOP;secundair;twintig\r\n");

        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(5));
    }

    @Test
    void aRowAfterBlankLinesIsNamedByItsOwnLine() {
        PastLogParser.Result result = PastLogParser.parse(HEADER + "\n\n" + "12-jan-23;ISTEM;KU Leuven;Kulak;Fout;WORKSHOP;secundair;veel\n"
                + "\r\n" + "13-jan-23;ISTEM;KU Leuven;Kulak;Ook fout;WORKSHOP;secundair;veel\n");

        assertThat(result.errors()).extracting(PastLogParser.LineError::line).containsExactly(4, 6);
    }

    @Test
    void aByteOrderMarkBeforeQuotedColumnNamesIsNoProblem() {
        PastLogParser.Result result = PastLogParser.parse("\uFEFF\"date\";\"network\";\"partner\";\"location\";\"title\";\"type\";"
                + "\"target_group\";\"participants\"\n12-jan-23;ISTEM;KU Leuven;Kulak;Goed;WORKSHOP;secundair;20\n");

        assertThat(result.errors()).isEmpty();
        assertThat(result.rows()).hasSize(1);
    }

    @Test
    void aFileSavedByExcelInWindows1252KeepsItsAccents() {
        byte[] excel = (HEADER + "12-jan-23;ISTEM;Universiteit België;Kulak;Coördinatie;WORKSHOP;secundair;20\n")
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        byte[] utf8 = new String(excel, java.nio.charset.Charset.forName("windows-1252")).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(PastLogParser.decode(excel)).contains("België", "Coördinatie");
        assertThat(PastLogParser.decode(utf8)).contains("België", "Coördinatie");
    }

    @Test
    void aDeclaredCharsetIsReadAsDeclaredAndBytesNotOfItAreAnError() {
        String text = HEADER + "12-jan-23;ISTEM;Universiteit België;Kulak;Coördinatie;WORKSHOP;secundair;20\n";
        byte[] utf16 = text.getBytes(java.nio.charset.StandardCharsets.UTF_16);

        assertThat(PastLogParser.decode(utf16, java.nio.charset.StandardCharsets.UTF_16)).isEqualTo(text);
        assertThat(PastLogParser.decode(utf16)).as("undeclared, UTF-16 is no file anyone means").isNotEqualTo(text);
        assertThatThrownBy(() -> PastLogParser.decode(text.getBytes(java.nio.charset.Charset.forName("windows-1252")),
                java.nio.charset.StandardCharsets.UTF_8)).isInstanceOf(PastLogParser.NotInDeclaredCharsetException.class)
                .hasMessageContaining("not UTF-8 text");
    }

    @Test
    void fullMonthNamesOfFourLettersAndTwoDigitYearsOfThePast() {
        PastLogParser.Result result = PastLogParser.parse(HEADER
                + "1-juni-23;ISTEM;KU Leuven;Kulak;Juni;WORKSHOP;secundair;20\n"
                + "1-juli-23;ISTEM;KU Leuven;Kulak;Juli;WORKSHOP;secundair;20\n"
                + "12-jan-99;ISTEM;KU Leuven;Kulak;Lang geleden;WORKSHOP;secundair;20\n");

        assertThat(result.errors()).isEmpty();
        assertThat(result.rows()).extracting(PastLogParser.Row::date)
                .containsExactly(LocalDate.of(2023, 6, 1), LocalDate.of(2023, 7, 1), LocalDate.of(1999, 1, 12));
    }

    @Test
    void twoRowsOfTheSameActivityInOneFileAreTwoActivitiesAndStayThatWayOnReimport() {
        String twice = HEADER + "12-jan-23;ISTEM;KU Leuven;Kulak;Lezing;LECTURE_OR_INFO_STAND;secundair;20\n"
                + "12-jan-23;ISTEM;KU Leuven;Kulak;Lezing;LECTURE_OR_INFO_STAND;secundair;35\n";

        List<String> keys = PastLogParser.parse(twice).rows().stream().map(PastLogParser.Row::key).toList();
        String single = PastLogParser.parse(HEADER + "12-jan-23;ISTEM;KU Leuven;Kulak;Lezing;LECTURE_OR_INFO_STAND;secundair;20\n")
                .rows().get(0).key();

        assertThat(keys).doesNotHaveDuplicates().first().as("the first keeps the key it always had").isEqualTo(single);
        assertThat(PastLogParser.parse(twice).rows().stream().map(PastLogParser.Row::key).toList()).isEqualTo(keys);
    }
}
