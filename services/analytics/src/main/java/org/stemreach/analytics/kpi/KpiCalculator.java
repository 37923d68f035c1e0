package org.stemreach.analytics.kpi;

import org.stemreach.model.activity.ActivityCategory;
import org.stemreach.model.activity.ActivityTypes;
import org.stemreach.model.period.ReportingPeriod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The KPI definitions of shared/domain.md, as plain Java over {@link ReachFacts}: nothing here knows about
 * MongoDB or Kafka. Every total is computed from its rows.
 */
public final class KpiCalculator {

    public static final String DEFINITIONS_VERSION = "shared/domain.md KPIs, v1";
    static final Set<String> TRAJECTORY_TYPES = Set.of(ActivityTypes.SCHOOL_TRAJECTORY, ActivityTypes.BASIC_TRAJECTORY,
            ActivityTypes.EXTENSION_TRAJECTORY);

    private KpiCalculator() {
    }

    /** Everything the document needs besides the facts. */
    public record Context(String network, ReportingPeriod period, Instant generatedAt, long eventsApplied, Instant lastEventAt) {
    }

    public static KpiDocument document(Context context, List<ReachFacts.Activity> activities, List<ReachFacts.ProjectDownloads> downloads,
                                       List<ReachFacts.ExternalFigure> external, List<ReachFacts.Target> targets,
                                       Map<String, Long> previousPeriod) {
        KpiDocument.Downloads downloadFigures = DownloadFigures.of(downloads.stream()
                .map(d -> new DownloadFigures.ProjectCount(d.projectId(), d.title(), d.sheets(), d.materials())).toList());
        KpiDocument.Reach reach = reach(activities, downloadFigures.total(), previousPeriod);
        KpiDocument.TypeTable trainings = typeTable(activities, ActivityCategory.TRAINING);
        KpiDocument.TypeTable coaching = typeTable(activities, ActivityCategory.COACHING);
        KpiDocument.TypeTable dissemination = typeTable(activities, ActivityCategory.DISSEMINATION);
        KpiDocument.PreService preService = preService(activities);
        return new KpiDocument(KpiDocument.SCHEMA_VERSION, context.generatedAt(), context.network(),
                new KpiDocument.Period(context.period().label(), context.period().from(), context.period().to()),
                reach,
                trainings,
                coaching,
                dissemination,
                preService,
                downloadFigures,
                trajectories(activities),
                List.of(),
                targetRows(targets, targetable(reach, trainings, coaching, dissemination, preService, downloadFigures)),
                external.stream().map(e -> new KpiDocument.ExternalChannelRow(e.channel(), e.metric(), e.value())).toList(),
                new KpiDocument.Provenance(context.eventsApplied(), context.lastEventAt(), DEFINITIONS_VERSION));
    }

    /** Whether an activity's participants are direct reach (and its teachers among the distinct teachers). */
    public static boolean countsAsDirect(ReachFacts.Activity activity) {
        return activity.category() != ActivityCategory.PRE_SERVICE && !ActivityTypes.countsAsTrainedCoaches(activity.type());
    }

    /**
     * The activities behind a figure of the document (a dashboard tile, a target): direct reach, and the distinct teachers
     * (activities with identified attendees: a headcount names no teacher), trained coaches and leaders, pre-service
     * students and programmes, a category's activities and participants; none behind indirect reach and downloads
     * (downloads are no activities). Any other name is refused, rather than answered with every activity.
     */
    public static java.util.function.Predicate<ReachFacts.Activity> behind(String kpi) {
        return switch (kpi) {
            case "directParticipations" -> KpiCalculator::countsAsDirect;
            case "distinctTeachers" -> activity -> countsAsDirect(activity) && !activity.attendees().isEmpty();
            case "trainedCoachesAndLeaders" -> activity -> ActivityTypes.countsAsTrainedCoaches(activity.type());
            case "preServiceStudents", "preService.bachelorProgrammes", "preService.masterProgrammes" ->
                    activity -> activity.category() == ActivityCategory.PRE_SERVICE;
            case "trainings.activities", "trainings.participants" -> activity -> activity.category() == ActivityCategory.TRAINING;
            case "coaching.activities", "coaching.participants" -> activity -> activity.category() == ActivityCategory.COACHING;
            case "dissemination.activities", "dissemination.participants" -> activity -> activity.category() == ActivityCategory.DISSEMINATION;
            case "indirect", "downloads.projectSheets", "downloads.lessonMaterials" -> activity -> false;
            default -> throw new IllegalArgumentException("kpi is one of " + Targets.KPIS_IN_ORDER);
        };
    }

    public static KpiDocument.Reach reach(List<ReachFacts.Activity> activities, long indirect, Map<String, Long> previousPeriod) {
        long direct = 0;
        long coaches = 0;
        long preService = 0;
        Set<String> distinct = new HashSet<>();
        for (ReachFacts.Activity activity : activities) {
            if (activity.category() == ActivityCategory.PRE_SERVICE) {
                preService += activity.participants();
            } else if (ActivityTypes.countsAsTrainedCoaches(activity.type())) {
                coaches += activity.participants();
            } else { // countsAsDirect
                direct += activity.participants();
                distinct.addAll(activity.teachers());
            }
        }
        return new KpiDocument.Reach(direct, distinct.size(), indirect, coaches, preService,
                previousPeriod == null || previousPeriod.isEmpty() ? null : previousPeriod);
    }

    /** The reach figures as a map, for the previous-period comparison. */
    public static Map<String, Long> reachFigures(KpiDocument.Reach reach) {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("directParticipations", reach.directParticipations());
        figures.put("distinctTeachers", reach.distinctTeachers());
        figures.put("indirect", reach.indirect());
        figures.put("trainedCoachesAndLeaders", reach.trainedCoachesAndLeaders());
        figures.put("preServiceStudents", reach.preServiceStudents());
        return figures;
    }

    /** The download totals as a map (project sheets, lesson materials, total), for the previous-period comparison. */
    public static Map<String, Long> downloadFigures(KpiDocument.Downloads downloads) {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("projectSheets", downloads.projectSheets());
        figures.put("lessonMaterials", downloads.lessonMaterials());
        figures.put("total", downloads.total());
        return figures;
    }

    /** The trajectories' teachers and schools, each the sum of the rows, as a map for the previous-period comparison. */
    public static Map<String, Long> trajectoryFigures(List<KpiDocument.TrajectoryRow> trajectories) {
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("teachers", trajectories.stream().mapToLong(KpiDocument.TrajectoryRow::teachers).sum());
        figures.put("schools", trajectories.stream().mapToLong(KpiDocument.TrajectoryRow::schools).sum());
        return figures;
    }

    /**
     * A type's row beside the previous period's ({@code total}: the table's total row): {@code previous} and {@code change}
     * null where there is none to compare.
     */
    public record TypeComparison(String type, boolean total, long activities, long participants, Long previous, Double change) {
    }

    /**
     * A type table's rows beside the previous period's ({@code before}; null: none), every type of either period, then the
     * total row ({@code TOTAL}): each column's total the sum of its rows, the previous one's too.
     */
    public static List<TypeComparison> compare(KpiDocument.TypeTable now, KpiDocument.TypeTable before) {
        Map<String, Long> then = new LinkedHashMap<>();
        if (before != null) {
            before.rows().forEach(row -> then.put(row.type(), row.participants()));
        }
        List<TypeComparison> rows = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (KpiDocument.TypeRow row : now.rows()) {
            seen.add(row.type());
            rows.add(comparison(row.type(), false, row.activities(), row.participants(), before == null ? null : then.getOrDefault(row.type(), 0L)));
        }
        then.forEach((type, participants) -> {
            if (!seen.contains(type)) {
                rows.add(comparison(type, false, 0, 0, participants));
            }
        });
        rows.add(comparison("TOTAL", true, now.total().activities(), now.total().participants(), before == null ? null : before.total().participants()));
        return rows;
    }

    private static TypeComparison comparison(String type, boolean total, long activities, long participants, Long previous) {
        return new TypeComparison(type, total, activities, participants, previous, change(participants, previous));
    }

    /** A figure's change against the previous one, as a fraction (0.125 is +12.5 %); null without a previous figure or from 0. */
    public static Double change(long now, Long previous) {
        return previous == null || previous == 0 ? null : (now - previous) / (double) previous;
    }

    /** Each figure's change against the previous period, as a fraction (0.125 is +12.5 %); null without a previous figure or from 0. */
    public static Map<String, Double> changes(Map<String, Long> now, Map<String, Long> before) {
        Map<String, Double> changes = new LinkedHashMap<>();
        now.forEach((kpi, value) -> changes.put(kpi, change(value, before == null ? null : before.get(kpi))));
        return changes;
    }

    static KpiDocument.TypeTable typeTable(List<ReachFacts.Activity> activities, ActivityCategory category) {
        Map<String, long[]> byType = new LinkedHashMap<>();
        ActivityTypes.defaults().forEach((type, typeCategory) -> {
            if (typeCategory == category) {
                byType.put(type, new long[2]);
            }
        });
        for (ReachFacts.Activity activity : activities) {
            if (activity.category() == category) {
                long[] figures = byType.computeIfAbsent(activity.type(), t -> new long[2]);
                figures[0]++;
                figures[1] += activity.participants();
            }
        }
        List<KpiDocument.TypeRow> rows = new ArrayList<>();
        byType.forEach((type, figures) -> {
            if (figures[0] > 0) {
                rows.add(new KpiDocument.TypeRow(type, figures[0], figures[1]));
            }
        });
        return KpiDocument.TypeTable.of(rows);
    }

    /**
     * Pre-service students per programme and level (shared/domain.md): a row is a partner's programme at a level (the
     * contract's partner and level, with the programme added), and the programmes involved at a level are the rows at it.
     * A session without a programme counts under its partner's one unnamed programme at that level.
     */
    static KpiDocument.PreService preService(List<ReachFacts.Activity> activities) {
        Comparator<List<String>> order = Comparator.comparing((List<String> key) -> key.get(0)).thenComparing(key -> key.get(1))
                .thenComparing(key -> key.get(2));
        Map<List<String>, Long> students = new TreeMap<>(order);
        for (ReachFacts.Activity activity : activities) {
            if (activity.category() == ActivityCategory.PRE_SERVICE) {
                String level = "MASTER".equals(activity.programmeLevel()) ? "MASTER" : "BACHELOR";
                String programme = activity.programme() == null ? "" : activity.programme();
                students.merge(List.of(activity.partner(), level, programme), activity.participants(), Long::sum);
            }
        }
        List<KpiDocument.PreServiceRow> rows = new ArrayList<>();
        students.forEach((key, count) -> rows.add(new KpiDocument.PreServiceRow(key.get(0), key.get(2).isEmpty() ? null : key.get(2),
                key.get(1), count)));
        long bachelor = rows.stream().filter(r -> r.level().equals("BACHELOR")).count();
        long master = rows.stream().filter(r -> r.level().equals("MASTER")).count();
        return new KpiDocument.PreService(bachelor, master, rows.stream().mapToLong(KpiDocument.PreServiceRow::students).sum(), rows);
    }

    /**
     * Teachers and schools per trajectory type and location: the distinct teachers who attended and the schools they came
     * from, plus the teachers of a headcount (a trajectory of the past log: no persons, so no schools either).
     */
    static List<KpiDocument.TrajectoryRow> trajectories(List<ReachFacts.Activity> activities) {
        Map<List<String>, Long> counted = new HashMap<>();
        Map<List<String>, Set<String>[]> byPlace = new TreeMap<>(Comparator.comparing((List<String> key) -> key.get(0))
                .thenComparing(key -> key.get(1)).thenComparing(key -> key.get(2)));
        for (ReachFacts.Activity activity : activities) {
            if (!TRAJECTORY_TYPES.contains(activity.type())) {
                continue;
            }
            List<String> key = List.of(activity.partner(), activity.location() == null ? "online" : activity.location(), activity.type());
            @SuppressWarnings("unchecked")
            Set<String>[] sets = byPlace.computeIfAbsent(key, k -> new Set[]{new HashSet<>(), new HashSet<>()});
            counted.merge(key, (long) activity.headcount(), Long::sum);
            activity.attendees().forEach((teacher, school) -> {
                sets[0].add(teacher);
                if (school != null) {
                    sets[1].add(school);
                }
            });
        }
        List<KpiDocument.TrajectoryRow> rows = new ArrayList<>();
        byPlace.forEach((key, sets) -> rows.add(new KpiDocument.TrajectoryRow(key.get(0), key.get(1), key.get(2),
                sets[0].size() + counted.get(key), sets[1].size())));
        return rows;
    }

    /**
     * Every figure a target can be set for ({@link Targets#KPIS}), by name: the reach figures, the activities and
     * participants of each category, downloads, and the pre-service programmes.
     */
    static Map<String, Long> targetable(KpiDocument.Reach reach, KpiDocument.TypeTable trainings, KpiDocument.TypeTable coaching,
                                        KpiDocument.TypeTable dissemination, KpiDocument.PreService preService, KpiDocument.Downloads downloads) {
        Map<String, Long> figures = reachFigures(reach);
        Map<String, KpiDocument.TypeTable> tables = new LinkedHashMap<>();
        tables.put("trainings", trainings);
        tables.put("coaching", coaching);
        tables.put("dissemination", dissemination);
        tables.forEach((name, table) -> {
            figures.put(name + ".activities", table.total().activities());
            figures.put(name + ".participants", table.total().participants());
        });
        figures.put("preService.bachelorProgrammes", preService.bachelorProgrammes());
        figures.put("preService.masterProgrammes", preService.masterProgrammes());
        figures.put("downloads.projectSheets", downloads.projectSheets());
        figures.put("downloads.lessonMaterials", downloads.lessonMaterials());
        return figures;
    }

    /**
     * The targets of an ALL-networks document: a target set for ALL itself (with the ALL figure as its actual), else for
     * every KPI some network has a target for, the sum of those networks' targets and the sum of their own actuals (a
     * network without a target for it adds nothing to either, so attainment is not inflated by it; distinct teachers are
     * then counted per network, as their targets are).
     */
    static List<KpiDocument.TargetRow> mergeTargets(List<KpiDocument.TargetRow> ownRows, List<List<KpiDocument.TargetRow>> perNetwork) {
        Map<String, KpiDocument.TargetRow> merged = new java.util.TreeMap<>();
        Map<String, double[]> sums = new java.util.TreeMap<>();
        for (List<KpiDocument.TargetRow> rows : perNetwork) {
            for (KpiDocument.TargetRow row : rows) {
                double[] sum = sums.computeIfAbsent(row.kpi(), k -> new double[2]);
                sum[0] += row.target();
                sum[1] += row.actual();
            }
        }
        sums.forEach((kpi, sum) -> merged.put(kpi, new KpiDocument.TargetRow(kpi, sum[0], sum[1], Math.round(sum[1] / sum[0] * 1000d) / 1000d)));
        ownRows.forEach(row -> merged.put(row.kpi(), row));
        List<KpiDocument.TargetRow> rows = new ArrayList<>();
        for (String kpi : Targets.KPIS_IN_ORDER) {
            if (merged.containsKey(kpi)) {
                rows.add(merged.remove(kpi));
            }
        }
        rows.addAll(merged.values());
        return rows;
    }

    /** The targets set, in the order the dashboard offers them ({@link Targets#KPIS_IN_ORDER}), each with its actual figure. */
    static List<KpiDocument.TargetRow> targetRows(List<ReachFacts.Target> targets, Map<String, Long> actual) {
        List<KpiDocument.TargetRow> rows = new ArrayList<>();
        targets = targets.stream().sorted(Comparator.comparingInt(target -> Targets.KPIS_IN_ORDER.indexOf(target.kpi()))).toList();
        for (ReachFacts.Target target : targets) {
            Long value = actual.get(target.kpi());
            if (value != null && target.target() > 0) {
                rows.add(new KpiDocument.TargetRow(target.kpi(), target.target(), value,
                        Math.round(value / target.target() * 1000d) / 1000d));
            }
        }
        return rows;
    }

    /**
     * The downloads of the projects outside the top 10, so that a table of the top projects still adds up to its total
     * row (shared/domain.md: each total row is the sum of its rows); empty when the top projects are all there are.
     */
    public static java.util.Optional<KpiDocument.ProjectRow> otherProjects(KpiDocument.Downloads downloads) {
        long sheets = downloads.projectSheets();
        long materials = downloads.lessonMaterials();
        for (KpiDocument.ProjectRow top : downloads.topProjects()) {
            sheets -= top.projectSheets();
            materials -= top.lessonMaterials();
        }
        return sheets == 0 && materials == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(new KpiDocument.ProjectRow(null, null, sheets, materials, sheets + materials));
    }
}
