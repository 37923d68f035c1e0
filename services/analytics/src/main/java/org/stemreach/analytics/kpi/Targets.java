package org.stemreach.analytics.kpi;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Set;

/** The targets agreed with the funder, per network, period and KPI: set by the operations team, kept by analytics. */
@Component
public class Targets {

    static final String COLLECTION = "targets";
    /** What a target can be set for, in the order the dashboard offers them: the names of {@link KpiCalculator#targetable}. */
    public static final List<String> KPIS_IN_ORDER = List.of("directParticipations", "distinctTeachers", "indirect",
            "trainedCoachesAndLeaders", "preServiceStudents", "trainings.activities", "trainings.participants", "coaching.activities",
            "coaching.participants", "dissemination.activities", "dissemination.participants", "preService.bachelorProgrammes",
            "preService.masterProgrammes", "downloads.projectSheets", "downloads.lessonMaterials");
    public static final Set<String> KPIS = Set.copyOf(KPIS_IN_ORDER);

    /** More than any network reaches (and finite: a target also goes into exports). */
    static final double MAX_TARGET = 1e9;
    private final MongoTemplate mongo;
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    public Targets(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void set(String network, String period, String kpi, double target) {
        if (!KPIS.contains(kpi)) {
            throw new IllegalArgumentException("kpi is one of " + KPIS_IN_ORDER);
        }
        if (!(target > 0) || !Double.isFinite(target) || target > MAX_TARGET) {
            throw new IllegalArgumentException("a target is a number above 0 and at most " + (long) MAX_TARGET);
        }
        mongo.upsert(new Query(Criteria.where("_id").is(network + "|" + period + "|" + kpi)),
                new Update().set("network", network).set("period", period).set("kpi", kpi).set("target", target), COLLECTION);
        changes.incrementAndGet();
    }

    /** Increases whenever a target changes (cached documents are then stale). */
    public long version() {
        return changes.get();
    }

    /** The networks with a target for this period (not counting targets set for ALL itself). */
    public java.util.Set<String> networks(String period) {
        java.util.Set<String> networks = new java.util.TreeSet<>();
        for (Document target : mongo.find(new Query(Criteria.where("period").is(period)), Document.class, COLLECTION)) {
            if (!"ALL".equals(target.getString("network"))) {
                networks.add(target.getString("network"));
            }
        }
        return networks;
    }

    /** The targets of a network and period (for ALL: summed over networks). */
    public List<ReachFacts.Target> of(String network, String period) {
        Criteria criteria = Criteria.where("period").is(period);
        if (network != null) {
            criteria = criteria.and("network").is(network);
        }
        java.util.Map<String, Double> sums = new java.util.TreeMap<>();
        for (Document target : mongo.find(new Query(criteria), Document.class, COLLECTION)) {
            sums.merge(target.getString("kpi"), ((Number) target.get("target")).doubleValue(), Double::sum);
        }
        return sums.entrySet().stream().map(e -> new ReachFacts.Target(e.getKey(), e.getValue())).toList();
    }
}
