package org.stemreach.analytics.kpi;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadFiguresTest {

    @Test
    void indirectReachIsSheetsPlusMaterialAndTotalsComeFromTheRows() {
        KpiDocument.Downloads downloads = DownloadFigures.of(List.of(
                new DownloadFigures.ProjectCount("p1", "Windmolens", 500, 300),
                new DownloadFigures.ProjectCount("p2", "Robots", 400, 400)));

        assertThat(downloads.projectSheets()).isEqualTo(900);
        assertThat(downloads.lessonMaterials()).isEqualTo(700);
        assertThat(downloads.total()).isEqualTo(1600);
        assertThat(downloads.lessonMaterialPerSheet()).isEqualTo(0.778);
    }

    @Test
    void topTenByTotalThenTitle() {
        List<DownloadFigures.ProjectCount> projects = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            projects.add(new DownloadFigures.ProjectCount("p" + i, "Project " + (char) ('A' + i), i, 0));
        }
        projects.add(new DownloadFigures.ProjectCount("tie", "Aardrijkskunde", 12, 0));

        List<KpiDocument.ProjectRow> top = DownloadFigures.of(projects).topProjects();

        assertThat(top).hasSize(10);
        assertThat(top.get(0).title()).isEqualTo("Aardrijkskunde");
        assertThat(top.get(1).projectId()).isEqualTo("p12");
        assertThat(top).extracting(KpiDocument.ProjectRow::total).isSortedAccordingTo((a, b) -> Long.compare(b, a));
    }

    @Test
    void noSheetsMeansNoRatio() {
        KpiDocument.Downloads downloads = DownloadFigures.of(List.of(new DownloadFigures.ProjectCount("p", "x", 0, 5)));

        assertThat(downloads.lessonMaterialPerSheet()).isNull();
        assertThat(DownloadFigures.of(List.of()).total()).isZero();
    }
}
