package org.stemreach.downloads.project;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;
import org.stemreach.model.NetworkId;
import org.stemreach.model.downloads.AssetKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations team's pages of the catalogue: their networks' projects, a new one, its description, its files
 * (project sheet and lesson material), publishing and withdrawing. The same checks as the API ({@link ProjectController});
 * what they refuse is said on the page, which keeps what was typed.
 */
@Controller
class OpsProjectPages {

    private final ProjectCatalog catalog;
    private final Validator validator;

    OpsProjectPages(ProjectCatalog catalog, Validator validator) {
        this.catalog = catalog;
        this.validator = validator;
    }

    /** The description as the page's form sends it: lists as text, one item per comma. */
    public static class DetailsForm {
        private String network;
        private String title;
        private String summary;
        private String subjects;
        private String targetGroups;
        private String tags;
        private String licence;
        private String externalUrl;
        private boolean publish;
        /** The version the page showed: a change saved meanwhile by someone else is not overwritten. */
        private Long version;

        static DetailsForm of(Project project) {
            DetailsForm form = new DetailsForm();
            form.version = project.version();
            form.network = project.networkId().value();
            form.title = project.title();
            form.summary = project.summary();
            form.subjects = String.join(", ", project.subjects());
            form.targetGroups = String.join(", ", project.targetGroups());
            form.tags = String.join(", ", project.tags());
            form.licence = project.licence();
            form.externalUrl = project.externalUrl();
            return form;
        }

        ProjectController.CreateProject request() {
            return new ProjectController.CreateProject(strip(network), strip(title), strip(summary), items(subjects), items(targetGroups),
                    items(tags), strip(licence), strip(externalUrl), publish);
        }

        private static List<String> items(String text) {
            return text == null || text.isBlank() ? List.of()
                    : Arrays.stream(text.split("[,;\n]")).map(String::strip).filter(item -> !item.isEmpty()).toList();
        }

        private static String strip(String value) {
            return value == null || value.isBlank() ? null : value.strip();
        }

        public String getNetwork() {
            return network;
        }

        public void setNetwork(String network) {
            this.network = network;
        }

        public String getTitle() {
            return title;
        }

        public void setTitle(String title) {
            this.title = title;
        }

        public String getSummary() {
            return summary;
        }

        public void setSummary(String summary) {
            this.summary = summary;
        }

        public String getSubjects() {
            return subjects;
        }

        public void setSubjects(String subjects) {
            this.subjects = subjects;
        }

        public String getTargetGroups() {
            return targetGroups;
        }

        public void setTargetGroups(String targetGroups) {
            this.targetGroups = targetGroups;
        }

        public String getTags() {
            return tags;
        }

        public void setTags(String tags) {
            this.tags = tags;
        }

        public String getLicence() {
            return licence;
        }

        public void setLicence(String licence) {
            this.licence = licence;
        }

        public String getExternalUrl() {
            return externalUrl;
        }

        public void setExternalUrl(String externalUrl) {
            this.externalUrl = externalUrl;
        }

        public Long getVersion() {
            return version;
        }

        public void setVersion(Long version) {
            this.version = version;
        }

        public boolean isPublish() {
            return publish;
        }

        public void setPublish(boolean publish) {
            this.publish = publish;
        }
    }

    @GetMapping("/ops/projects")
    String list(Model model) {
        Caller caller = caller();
        model.addAttribute("projects", catalog.all().stream().filter(p -> caller.canOperate(p.networkId().value()))
                .sorted(Comparator.comparing(Project::title, ProjectPages.TITLES)).toList());
        return "ops/projects";
    }

    @GetMapping("/ops/projects/new")
    String newProject(Model model) {
        DetailsForm form = new DetailsForm();
        Set<String> networks = networks();
        if (networks.size() == 1) {
            form.network = networks.iterator().next();
        }
        return page(form, null, model);
    }

    @PostMapping("/ops/projects/new")
    String create(@ModelAttribute("details") DetailsForm form, Model model, RedirectAttributes redirect) {
        ProjectController.CreateProject request = form.request();
        List<String> problems = problems(request);
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            return page(form, null, model);
        }
        requireOperator(request.network());
        Project project = catalog.create(NetworkId.of(request.network()), request.details(), form.publish);
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/projects/" + project.id();
    }

    @GetMapping("/ops/projects/{id}")
    String edit(@PathVariable String id, Model model) {
        Project project = operated(id);
        return page(DetailsForm.of(project), project, model);
    }

    @PostMapping("/ops/projects/{id}")
    String change(@PathVariable String id, @ModelAttribute("details") DetailsForm form, Model model, RedirectAttributes redirect) {
        Project project = operated(id);
        form.network = project.networkId().value(); // a project stays in its network
        ProjectController.CreateProject request = form.request();
        List<String> problems = problems(request);
        if (!problems.isEmpty()) {
            model.addAttribute("problems", problems);
            return page(form, project, model);
        }
        try {
            // The same description again (a form sent twice) is no conflict, whatever happened to the project meanwhile.
            catalog.update(id, request.details(), project.describedBy(request.details()) ? null : form.version);
        } catch (ProjectCatalog.ChangedMeanwhileException | org.springframework.dao.OptimisticLockingFailureException e) {
            // What was typed stays on the page, now against the project as it is: sending it again saves it.
            Project now = catalog.get(id);
            form.version = now.version();
            model.addAttribute("changedMeanwhile", true);
            return page(form, now, model);
        }
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/projects/" + id;
    }

    @PostMapping("/ops/projects/{id}/assets/{kind}")
    String upload(@PathVariable String id, @PathVariable String kind, @RequestParam("file") MultipartFile file, Model model,
                  RedirectAttributes redirect) throws IOException {
        AssetKind assetKind = FileKinds.parse(kind);
        Project project = operated(id);
        if (file.isEmpty()) {
            model.addAttribute("fileProblem", "empty");
            model.addAttribute("fileKind", assetKind.name());
            return page(DetailsForm.of(project), project, model);
        }
        Path upload = Files.createTempFile("stemreach-upload", ".part");
        try {
            file.transferTo(upload.toFile());
            catalog.attach(id, assetKind, file.getOriginalFilename(), upload);
        } catch (ProjectCatalog.InvalidAssetException refused) {
            // Checked before anything is stored: a refused file leaves nothing behind.
            model.addAttribute("fileProblem", refused instanceof ProjectCatalog.AssetTooLargeException ? "tooLarge" : "invalid");
            model.addAttribute("fileDetail", refused.getMessage());
            model.addAttribute("fileKind", assetKind.name());
            return page(DetailsForm.of(project), project, model);
        } finally {
            Files.deleteIfExists(upload);
        }
        redirect.addAttribute("uploaded", assetKind.name());
        return "redirect:/ops/projects/" + id;
    }

    @PostMapping("/ops/projects/{id}/publish")
    String publish(@PathVariable String id, RedirectAttributes redirect) {
        operated(id);
        catalog.publish(id);
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/projects/" + id;
    }

    @PostMapping("/ops/projects/{id}/withdraw")
    String withdraw(@PathVariable String id, RedirectAttributes redirect) {
        operated(id);
        catalog.withdraw(id);
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/projects/" + id;
    }

    /** The API's checks of a description, as the fields' names and what is wrong with them. */
    private List<String> problems(ProjectController.CreateProject request) {
        Set<String> fields = new TreeSet<>();
        for (ConstraintViolation<ProjectController.CreateProject> violation : validator.validate(request)) {
            fields.add(violation.getPropertyPath().toString().replaceAll("[.\\[].*", ""));
        }
        return new ArrayList<>(fields);
    }

    private String page(DetailsForm form, Project project, Model model) {
        model.addAttribute("details", form);
        model.addAttribute("project", project);
        java.util.Map<String, Asset> assets = new java.util.HashMap<>();
        if (project != null) {
            project.assets().forEach((kind, asset) -> assets.put(kind.name(), asset));
        }
        model.addAttribute("assets", assets);
        // Said before a file is chosen: an upload refused for its size only after minutes of sending wastes them.
        long max = catalog.maxAssetBytes();
        model.addAttribute("maxAssetSize", max >= 1024 * 1024 ? max / (1024 * 1024) + " MB" : Math.max(1, max / 1024) + " kB");
        model.addAttribute("networks", networks());
        // An administrator may start the catalogue of a network that has no project yet: any network's label.
        model.addAttribute("anyNetwork", caller().isAdmin());
        return "ops/project";
    }

    /** A project of the caller's networks; any other is not found (as the API answers, its id is not confirmed). */
    private Project operated(String id) {
        Project project = catalog.find(id).orElseThrow(() -> ApiException.notFound("project", id));
        if (!caller().canOperate(project.networkId().value())) {
            throw ApiException.notFound("project", id);
        }
        return project;
    }

    private static void requireOperator(String network) {
        if (!caller().canOperate(network)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Forbidden", "Only the operations team of " + network + " may change its projects.");
        }
    }

    private Set<String> networks() {
        Caller caller = caller();
        if (!caller.isAdmin()) {
            return new TreeSet<>(caller.operatedNetworks());
        }
        Set<String> networks = new TreeSet<>();
        catalog.all().forEach(p -> networks.add(p.networkId().value()));
        return networks;
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Sign-in required", "Sign in through the gateway."));
    }
}
