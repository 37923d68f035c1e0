package org.stemreach.analytics.kpi;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The KPI document of the funder contract (shared/contracts/kpi-feed-v1.schema.json, a copy of which
 * is in shared-model). Field names are the contract's; never rename or remove one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KpiDocument(
        String schemaVersion,
        Instant generatedAt,
        String network,
        Period period,
        Reach reach,
        TypeTable trainings,
        TypeTable coaching,
        TypeTable dissemination,
        PreService preService,
        Downloads downloads,
        List<TrajectoryRow> trajectories,
        List<EvaluationRow> evaluations,
        List<TargetRow> targets,
        List<ExternalChannelRow> externalChannels,
        Provenance provenance) {

    public static final String SCHEMA_VERSION = "1.0";

    /** The same document with other target rows. */
    public KpiDocument withTargets(List<TargetRow> rows) {
        return new KpiDocument(schemaVersion, generatedAt, network, period, reach, trainings, coaching, dissemination, preService,
                downloads, trajectories, evaluations, rows, externalChannels, provenance);
    }

    public record Period(String label, LocalDate from, LocalDate to) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reach(long directParticipations, long distinctTeachers, long indirect, long trainedCoachesAndLeaders,
                        long preServiceStudents, Map<String, Long> previousPeriod) {
    }

    public record TypeRow(String type, long activities, long participants) {
    }

    public record Totals(long activities, long participants) {
    }

    public record TypeTable(List<TypeRow> rows, Totals total) {

        /** A table whose total row is the sum of its rows, always. */
        public static TypeTable of(List<TypeRow> rows) {
            long activities = rows.stream().mapToLong(TypeRow::activities).sum();
            long participants = rows.stream().mapToLong(TypeRow::participants).sum();
            return new TypeTable(List.copyOf(rows), new Totals(activities, participants));
        }
    }

    /** @param programme the partner's teacher-training programme (an addition to the contract's row; null for sessions without one) */
    public record PreServiceRow(String partner, String programme, String level, long students) {
    }

    public record PreService(long bachelorProgrammes, long masterProgrammes, long students, List<PreServiceRow> rows) {
    }

    public record ProjectRow(String projectId, String title, long projectSheets, long lessonMaterials, long total) {
    }

    public record Downloads(long projectSheets, long lessonMaterials, long total, Double lessonMaterialPerSheet,
                            List<ProjectRow> topProjects) {
    }

    public record TrajectoryRow(String partner, String location, String type, long teachers, long schools) {
    }

    public record EvaluationRow(String question, long answers, Double mean, Double standardDeviation) {
    }

    public record TargetRow(String kpi, double target, double actual, double attainment) {
    }

    public record ExternalChannelRow(String channel, String metric, double value) {
    }

    public record Provenance(long eventsApplied, Instant lastEventAt, String definitionsVersion) {
    }
}
