package org.stemreach.downloads.project;

import org.junit.jupiter.api.Test;
import org.stemreach.model.NetworkId;
import org.stemreach.model.ProjectId;
import org.stemreach.model.downloads.AssetKind;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The names files are served under: as they were named, in any script, with only what a file system cannot hold replaced. */
class FileNamesTest {

    private static Project titled(String title) {
        return Project.draft(ProjectId.of("p1"), NetworkId.of("ISTEM"), new Project.Details(title, null, List.of(), List.of(), List.of(), null, null),
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void accentsAndOtherScriptsAreKept() {
        assertThat(ProjectCatalog.safeFilename("Ideeën voor één les.pdf", titled("x"), AssetKind.SHEET)).isEqualTo("Ideeën voor één les.pdf");
        assertThat(ProjectCatalog.safeFilename("Урок фізики.zip", titled("x"), AssetKind.MATERIAL)).isEqualTo("Урок фізики.zip");
        assertThat(ProjectCatalog.safeFilename("a/b\\c:d*e?f\"g<h>i|j\u0007.pdf", titled("x"), AssetKind.SHEET)).isEqualTo("a_b_c_d_e_f_g_h_i_j_.pdf");
    }

    @Test
    void withoutAUsableNameTheTitleGivesOneInPlainLetters() {
        assertThat(ProjectCatalog.safeFilename(null, titled("Één kubus, twee bollen"), AssetKind.SHEET)).isEqualTo("een-kubus-twee-bollen.pdf");
        assertThat(ProjectCatalog.safeFilename(".hidden", titled("Урок фізики"), AssetKind.MATERIAL)).isEqualTo("урок-фізики.zip");
        assertThat(ProjectCatalog.safeFilename("", titled("!!!"), AssetKind.MATERIAL)).isEqualTo("lesmateriaal.zip");
    }
}
