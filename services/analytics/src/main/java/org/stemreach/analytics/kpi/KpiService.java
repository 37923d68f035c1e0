package org.stemreach.analytics.kpi;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import org.stemreach.analytics.network.NetworkCalendars;
import org.stemreach.analytics.projection.DownloadsProjection;
import org.stemreach.analytics.projection.Projector;
import org.stemreach.model.period.ReportingPeriod;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds KPI documents from the projections. */
@Service
public class KpiService {

    public static final String DEFINITIONS_VERSION = "domain.md KPIs v1";

    private final MongoTemplate mongo;
    private final NetworkCalendars calendars;
    private final Clock clock;

    public KpiService(MongoTemplate mongo, NetworkCalendars calendars, Clock clock) {
        this.mongo = mongo;
        this.calendars = calendars;
        this.clock = clock;
    }

    public KpiDocument document(KpiQuery query) {
        ReportingPeriod period = (query.allNetworks() ? calendars.defaultScheme() : calendars.schemeOf(query.network()))
                .period(query.period());
        KpiDocument.Downloads downloads = DownloadFigures.of(projectCounts(query));
        KpiDocument.Downloads previousDownloads = DownloadFigures.of(projectCounts(query.previousPeriod()));
        Map<String, Long> previous = null;
        if (previousDownloads.total() > 0) {
            previous = new LinkedHashMap<>();
            previous.put("directParticipations", 0L);
            previous.put("distinctTeachers", 0L);
            previous.put("indirect", previousDownloads.total());
            previous.put("trainedCoachesAndLeaders", 0L);
            previous.put("preServiceStudents", 0L);
        }
        KpiDocument.Reach reach = new KpiDocument.Reach(0, 0, downloads.total(), 0, 0, previous);
        KpiDocument.TypeTable empty = KpiDocument.TypeTable.of(List.of());
        return new KpiDocument(KpiDocument.SCHEMA_VERSION, clock.instant(), query.network(),
                new KpiDocument.Period(period.label(), period.from(), period.to()),
                reach, empty, empty, empty,
                new KpiDocument.PreService(0, 0, 0, List.of()),
                downloads, List.of(), List.of(), List.of(), List.of(),
                provenance());
    }

    private List<DownloadFigures.ProjectCount> projectCounts(KpiQuery query) {
        Criteria criteria = Criteria.where("period").is(query.period());
        if (!query.allNetworks()) {
            criteria = criteria.and("network").is(query.network());
        }
        Map<String, long[]> byProject = new LinkedHashMap<>();
        for (Document row : mongo.find(new Query(criteria), Document.class, DownloadsProjection.BY_PROJECT)) {
            long[] counts = byProject.computeIfAbsent(row.getString("projectId"), id -> new long[2]);
            counts[0] += number(row, "sheets");
            counts[1] += number(row, "materials");
        }
        Map<String, String> titles = titles(new ArrayList<>(byProject.keySet()));
        List<DownloadFigures.ProjectCount> counts = new ArrayList<>(byProject.size());
        byProject.forEach((id, c) -> counts.add(new DownloadFigures.ProjectCount(id, titles.get(id), c[0], c[1])));
        return counts;
    }

    private Map<String, String> titles(List<String> projectIds) {
        Map<String, String> titles = new HashMap<>();
        if (projectIds.isEmpty()) {
            return titles;
        }
        Query query = new Query(Criteria.where("_id").in(projectIds));
        for (Document project : mongo.find(query, Document.class, DownloadsProjection.PROJECTS)) {
            titles.put(project.getString("_id"), project.getString("title"));
        }
        return titles;
    }

    private KpiDocument.Provenance provenance() {
        Document stats = mongo.findById("events", Document.class, Projector.STATS);
        long applied = stats == null ? 0 : number(stats, "applied");
        Date last = stats == null ? null : stats.getDate("lastEventAt");
        return new KpiDocument.Provenance(applied, last == null ? null : last.toInstant(), DEFINITIONS_VERSION);
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }
}
