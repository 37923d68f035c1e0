package org.stemreach.demo;

import java.util.List;
import java.util.Map;

/** The figures set by hand in the demo year: targets agreed with the funders, and external channels' figures. */
final class AnalyticsDemo implements DemoContributor {

    @Override
    public String name() {
        return "targets and external figures";
    }

    @Override
    public boolean alreadyLoaded(DemoContext demo) throws Exception {
        // Loaded in this period or, before it began, in the previous one (not again: that would set other targets).
        for (String period : List.of(demo.currentPeriod().label(), demo.previousPeriod().label())) {
            var answer = demo.admin().send("GET", "/analytics/api/kpis?network=ISTEM&period=" + period, null);
            if (answer.statusCode() == 200 && answer.body().contains("\"targets\":[{")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void load(DemoContext demo) throws Exception {
        String period = demo.currentPeriod().label();
        String previous = demo.previousPeriod().label();
        Map<String, Map<String, Integer>> targets = Map.of(
                "ISTEM", Map.of("directParticipations", 1500, "distinctTeachers", 400, "indirect", 3000),
                "STEMBASIS", Map.of("directParticipations", 600, "distinctTeachers", 150, "indirect", 1200));
        // For this period and the one before: much of the demo year lies in the one before while this one is young.
        for (String each : List.of(period, previous)) {
            for (var network : targets.entrySet()) {
                for (var target : network.getValue().entrySet()) {
                    demo.admin().call("PUT", "/analytics/api/targets", demo.write(Map.of("network", network.getKey(), "period", each,
                            "kpi", target.getKey(), "target", target.getValue())));
                }
            }
        }
        demo.admin().sendCsv("/content/api/ops/external-figures", "channel;metric;network;period;value\n"
                + "klascement;resources_viewed;ISTEM;" + period + ";12480\n"
                + "klascement;resources_used;ISTEM;" + period + ";3310\n"
                + "facebook;reach;ISTEM;" + period + ";8200\n"
                + "website;visitors;STEMBASIS;" + period + ";5400\n"
                + "klascement;resources_viewed;ISTEM;" + previous + ";10950\n");
    }
}
