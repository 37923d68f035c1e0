package org.stemreach.analytics.dashboard;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.stemreach.analytics.kpi.FactStore;
import org.stemreach.analytics.kpi.KpiCalculator;
import org.stemreach.analytics.kpi.KpiAccess;
import org.stemreach.analytics.kpi.KpiDocument;
import org.stemreach.analytics.kpi.KpiQuery;
import org.stemreach.analytics.kpi.KpiService;
import org.stemreach.analytics.kpi.Targets;
import org.stemreach.analytics.network.NetworkCalendars;
import org.stemreach.kit.security.Caller;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The operations team's pages: the live dashboard and the printable yearly report. */
@Controller
class DashboardPages {

    private final KpiService kpis;
    private final FactStore facts;
    private final NetworkCalendars calendars;
    private final Clock clock;
    private final org.springframework.context.MessageSource messages;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    DashboardPages(KpiService kpis, FactStore facts, NetworkCalendars calendars, Clock clock, org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.kpis = kpis;
        this.facts = facts;
        this.calendars = calendars;
        this.clock = clock;
    }

    @GetMapping("/ops/dashboard")
    String dashboard(@RequestParam(required = false) String network, @RequestParam(required = false) String period, Model model) {
        choices(network, period, model);
        model.addAttribute("targetKpis", Targets.KPIS_IN_ORDER);
        // The activity types' names in the reader's language, for the charts' legends and the drill-down.
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        Map<String, String> types = new java.util.TreeMap<>();
        for (String type : org.stemreach.model.activity.ActivityTypes.defaults().keySet()) {
            types.put(type, messages.getMessage("type." + type, null, type, locale));
        }
        model.addAttribute("typeLabels", JSON.writeValueAsString(types));
        return "dashboard";
    }

    @GetMapping("/ops/report")
    String report(@RequestParam(required = false) String network, @RequestParam(required = false) String period,
                  @RequestParam(required = false) String partner, @RequestParam(required = false) String location, Model model) {
        choices(network, period, model);
        KpiQuery query = KpiAccess.allowed(new KpiQuery((String) model.getAttribute("network"),
                (String) model.getAttribute("period"), Optional.ofNullable(partner), Optional.ofNullable(location)));
        KpiDocument document = kpis.document(query);
        KpiDocument previous = kpis.previous(query, document).orElse(null);
        model.addAttribute("kpis", document);
        model.addAttribute("otherDownloads", KpiCalculator.otherProjects(document.downloads()).orElse(null));
        model.addAttribute("partner", partner);
        model.addAttribute("location", location);
        // The partners and locations of the network's period, to choose from (by name; the report asks by id).
        List<org.stemreach.analytics.kpi.ReachFacts.Activity> unfiltered = kpis.activities(new KpiQuery((String) model.getAttribute("network"),
                (String) model.getAttribute("period"), Optional.empty(), Optional.empty()));
        Map<String, String> partners = byName(unfiltered, org.stemreach.analytics.kpi.ReachFacts.Activity::partnerId,
                org.stemreach.analytics.kpi.ReachFacts.Activity::partner);
        Map<String, String> locations = byName(unfiltered, org.stemreach.analytics.kpi.ReachFacts.Activity::locationId,
                org.stemreach.analytics.kpi.ReachFacts.Activity::location);
        model.addAttribute("partners", partners);
        model.addAttribute("locations", locations);
        // Downloads, external channels and targets belong to a network: a partner's or location's report leaves them out.
        String selection = java.util.stream.Stream.of(partners.getOrDefault(partner, partner), locations.getOrDefault(location, location))
                .filter(v -> v != null && !v.isBlank()).collect(java.util.stream.Collectors.joining(", "));
        model.addAttribute("selection", selection.isEmpty() ? null : selection);
        Map<String, Long> reach = KpiCalculator.reachFigures(document.reach());
        model.addAttribute("reach", reach);
        model.addAttribute("reachChange", KpiCalculator.changes(reach, document.reach().previousPeriod()));
        Map<String, KpiDocument.TypeTable> tables = new LinkedHashMap<>();
        tables.put("trainings", document.trainings());
        tables.put("coaching", document.coaching());
        tables.put("dissemination", document.dissemination());
        model.addAttribute("tables", tables);
        // Each type's participants beside the previous period's, and the change (every KPI is compared with the previous period).
        Map<String, KpiDocument.TypeTable> previousTables = previous == null ? Map.of()
                : Map.of("trainings", previous.trainings(), "coaching", previous.coaching(), "dissemination", previous.dissemination());
        Map<String, List<KpiCalculator.TypeComparison>> compared = new LinkedHashMap<>();
        tables.forEach((key, table) -> compared.put(key, KpiCalculator.compare(table, previousTables.get(key))));
        model.addAttribute("compared", compared);
        // The downloads' and trajectories' totals beside the previous period's (none without a previous period).
        Map<String, Long> downloads = KpiCalculator.downloadFigures(document.downloads());
        Map<String, Long> trajectories = KpiCalculator.trajectoryFigures(document.trajectories());
        model.addAttribute("downloadsBefore", previous == null ? null : KpiCalculator.downloadFigures(previous.downloads()));
        model.addAttribute("downloadsChange", KpiCalculator.changes(downloads, previous == null ? null : KpiCalculator.downloadFigures(previous.downloads())));
        model.addAttribute("trajectoriesNow", trajectories);
        model.addAttribute("trajectoriesBefore", previous == null ? null : KpiCalculator.trajectoryFigures(previous.trajectories()));
        model.addAttribute("trajectoriesChange", KpiCalculator.changes(trajectories, previous == null ? null : KpiCalculator.trajectoryFigures(previous.trajectories())));
        return "report";
    }

    /** Id → name of the activities' partners or locations, in Dutch alphabetical order of the names. */
    private static Map<String, String> byName(List<org.stemreach.analytics.kpi.ReachFacts.Activity> activities,
                                              java.util.function.Function<org.stemreach.analytics.kpi.ReachFacts.Activity, String> id,
                                              java.util.function.Function<org.stemreach.analytics.kpi.ReachFacts.Activity, String> name) {
        java.text.Collator dutch = java.text.Collator.getInstance(java.util.Locale.forLanguageTag("nl-BE"));
        Map<String, String> names = new java.util.HashMap<>();
        for (var activity : activities) {
            if (id.apply(activity) != null) {
                names.putIfAbsent(id.apply(activity), name.apply(activity) == null ? id.apply(activity) : name.apply(activity));
            }
        }
        Map<String, String> sorted = new LinkedHashMap<>();
        names.entrySet().stream().sorted(Map.Entry.comparingByValue(dutch)).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The networks the caller may see (and ALL for administrators) and the recent periods; defaults chosen. */
    private void choices(String network, String period, Model model) {
        Caller caller = KpiAccess.caller();
        Set<String> networks = new TreeSet<>(caller.isAdmin() ? facts.networks() : caller.operatedNetworks());
        List<String> options = new ArrayList<>(networks);
        if (caller.isAdmin()) {
            options.add(0, "ALL");
        }
        String chosenNetwork = network != null && options.contains(network) ? network : options.isEmpty() ? "ALL" : options.get(0);
        // The chosen network's current period; for ALL the latest among the networks (each counts its own period).
        String current = "ALL".equals(chosenNetwork) ? calendars.currentLabel(facts.networks(), clock.instant())
                : calendars.schemeOf(chosenNetwork).periodOf(clock.instant()).label();
        List<String> periods = new ArrayList<>();
        for (int year = Integer.parseInt(current); year > Integer.parseInt(current) - 4; year--) {
            periods.add(String.valueOf(year));
        }
        model.addAttribute("networks", options);
        model.addAttribute("network", chosenNetwork);
        model.addAttribute("periods", periods);
        model.addAttribute("period", period != null && period.matches("[1-9]\\d{3}") ? period : current);
        model.addAttribute("caller", caller.name());
    }
}
