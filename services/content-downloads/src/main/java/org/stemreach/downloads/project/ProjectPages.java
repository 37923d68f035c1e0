package org.stemreach.downloads.project;

import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.stemreach.downloads.download.DownloadCounting;
import org.stemreach.kit.web.ApiException;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The public pages of lesson material: search and browse, "new" and "most downloaded", a project with its downloads. */
@Controller
class ProjectPages {

    static final int SHORT_LIST = 5;

    private final ProjectCatalog catalog;
    private final MongoTemplate mongo;

    ProjectPages(ProjectCatalog catalog, MongoTemplate mongo) {
        this.catalog = catalog;
        this.mongo = mongo;
    }

    @GetMapping({"/", "/projects"})
    String projects(@RequestParam(required = false) String q, @RequestParam(required = false) String network,
                    @RequestParam(required = false) String grade, @RequestParam(required = false) String tag,
                    @RequestParam(required = false) String page, Model model) {
        List<Project> published = catalog.all().stream().filter(Project::isPublished).toList();
        String query = q == null ? "" : folded(q.strip());
        List<Project> found = published.stream()
                .filter(p -> query.isEmpty() || folded(p.title()).contains(query)
                        || (p.summary() != null && folded(p.summary()).contains(query))
                        || p.tags().stream().anyMatch(t -> folded(t).contains(query)))
                .filter(p -> blank(network) || p.networkId().value().equals(network))
                .filter(p -> blank(grade) || p.targetGroups().contains(grade))
                .filter(p -> blank(tag) || p.tags().contains(tag))
                .sorted(Comparator.comparing(Project::title, TITLES))
                .toList();
        Map<String, Project> byId = published.stream().collect(Collectors.toMap(Project::id, Function.identity()));
        // ties in a steady order (by id), and enough of them that withdrawn ones leave a full list
        List<Project> popular = mongo.find(new Query().with(Sort.by(Sort.Order.desc("total"), Sort.Order.asc("_id"))).limit(200), Document.class,
                        DownloadCounting.PROJECT_STATS).stream()
                .map(stats -> byId.get(stats.getString("_id"))).filter(p -> p != null).limit(SHORT_LIST).toList();
        Map<String, String> filter = new java.util.LinkedHashMap<>();
        filter.put("q", q);
        filter.put("network", network);
        filter.put("grade", grade);
        filter.put("tag", tag);
        model.addAttribute("projects", Paging.of(found, page, Paging.SIZE, "/projects", filter));
        model.addAttribute("newest", published.stream().filter(p -> p.publishedAt() != null)
                .sorted(Comparator.comparing(Project::publishedAt).reversed()).limit(SHORT_LIST).toList());
        model.addAttribute("popular", popular);
        model.addAttribute("networks", new TreeSet<>(published.stream().map(p -> p.networkId().value()).toList()));
        model.addAttribute("grades", new TreeSet<>(published.stream().flatMap(p -> p.targetGroups().stream()).toList()));
        model.addAttribute("tags", new TreeSet<>(published.stream().flatMap(p -> p.tags().stream()).toList()));
        model.addAttribute("filter", new String[]{q, network, grade, tag});
        return "projects";
    }

    /** A project's page; one that does not exist (any more: withdrawn) is a page that says so, in the reader's language. */
    @GetMapping("/projects/{id}")
    String project(@PathVariable String id, Model model, jakarta.servlet.http.HttpServletResponse response) {
        java.util.Optional<Project> project = catalog.find(id).filter(Project::isPublished);
        if (project.isEmpty()) {
            response.setStatus(org.springframework.http.HttpStatus.NOT_FOUND.value());
            return "missing";
        }
        model.addAttribute("project", project.get());
        return "project";
    }

    /** Titles as a Dutch reader sorts them: "Één kubus" among the E's, not after the Z. */
    static final java.text.Collator TITLES = dutchCollator();

    private static java.text.Collator dutchCollator() {
        java.text.Collator collator = java.text.Collator.getInstance(Locale.forLanguageTag("nl-BE"));
        collator.setStrength(java.text.Collator.SECONDARY);
        return collator;
    }

    /** For searching: lower case without accents, so that "een" finds "één". */
    static String folded(String text) {
        return java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
