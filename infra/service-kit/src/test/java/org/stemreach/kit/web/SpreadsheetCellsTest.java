package org.stemreach.kit.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCellsTest {

    @Test
    void whatASpreadsheetWouldRunIsKeptAsText() {
        assertThat(SpreadsheetCells.text("=HYPERLINK(\"https://evil.example\",\"klik\")")).startsWith("'=");
        assertThat(SpreadsheetCells.text("+32 470 00 00 00")).isEqualTo("'+32 470 00 00 00");
        assertThat(SpreadsheetCells.text("-2+3")).isEqualTo("'-2+3");
        assertThat(SpreadsheetCells.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(SpreadsheetCells.text("\t=1")).isEqualTo("'\t=1");
        assertThat(SpreadsheetCells.text("\n=HYPERLINK(\"x\")")).as("after a line break").startsWith("'");
        assertThat(SpreadsheetCells.text("  =1+1")).as("after blanks").isEqualTo("'  =1+1");
        assertThat(SpreadsheetCells.text("\uFF1D1+1")).as("a full-width equals sign").startsWith("'");
        assertThat(SpreadsheetCells.text("\uFF20SUM(A1)")).as("a full-width at sign").startsWith("'");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        assertThat(SpreadsheetCells.text("Sint-Jozefscollege")).isEqualTo("Sint-Jozefscollege");
        assertThat(SpreadsheetCells.text("An De Smet")).isEqualTo("An De Smet");
        assertThat(SpreadsheetCells.text(null)).isEmpty();
    }
}
