package org.stemreach.analytics.kpi;

import java.util.Comparator;
import java.util.List;

/**
 * Download KPIs from per-project counts (shared/domain.md: downloads per project, top 10 by total,
 * ratio lesson material / project sheets). Totals are always computed from the rows.
 */
public final class DownloadFigures {

    public static final int TOP = 10;

    private DownloadFigures() {
    }

    /** Downloads of one project in the selection. */
    public record ProjectCount(String projectId, String title, long sheets, long materials) {
        public long total() {
            return sheets + materials;
        }
    }

    public static KpiDocument.Downloads of(List<ProjectCount> projects) {
        long sheets = projects.stream().mapToLong(ProjectCount::sheets).sum();
        long materials = projects.stream().mapToLong(ProjectCount::materials).sum();
        List<KpiDocument.ProjectRow> top = projects.stream()
                .filter(p -> p.total() > 0)
                .sorted(Comparator.comparingLong(ProjectCount::total).reversed()
                        .thenComparing(ProjectCount::title, Comparator.nullsLast(String.CASE_INSENSITIVE_ORDER))
                        .thenComparing(ProjectCount::projectId))
                .limit(TOP)
                .map(p -> new KpiDocument.ProjectRow(p.projectId(), p.title() == null ? p.projectId() : p.title(),
                        p.sheets(), p.materials(), p.total()))
                .toList();
        Double ratio = sheets == 0 ? null : Math.round((double) materials / sheets * 1000d) / 1000d;
        return new KpiDocument.Downloads(sheets, materials, sheets + materials, ratio, top);
    }
}
