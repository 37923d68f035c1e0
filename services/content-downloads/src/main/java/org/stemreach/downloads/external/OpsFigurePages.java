package org.stemreach.downloads.external;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.stemreach.kit.security.Caller;
import org.stemreach.kit.web.ApiException;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The operations team's page of external channels' figures: those reported, and a CSV file to report more (all lines
 * checked first, every problem named by its line, nothing reported from a file with problems), as the API takes it.
 */
@Controller
public class OpsFigurePages {

    private final ExternalFigures figures;

    OpsFigurePages(ExternalFigures figures) {
        this.figures = figures;
    }

    @GetMapping("/ops/external-figures")
    String page(Model model) {
        Caller caller = caller();
        List<ExternalFigure> reported = figures.of(caller.isAdmin() ? null : caller.operatedNetworks()).stream()
                .sorted(Comparator.comparing(ExternalFigure::period).reversed().thenComparing(ExternalFigure::network)
                        .thenComparing(ExternalFigure::channel).thenComparing(ExternalFigure::metric))
                .toList();
        // Each value as it was reported, in the reader's way of writing numbers (12.345 / 12,5 in Dutch): no decimals added or lost.
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0.##########",
                java.text.DecimalFormatSymbols.getInstance(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        java.util.Map<ExternalFigure, String> shown = new java.util.IdentityHashMap<>();
        reported.forEach(figure -> shown.put(figure, format.format(figure.value())));
        model.addAttribute("figures", reported);
        model.addAttribute("shown", shown);
        return "ops/figures";
    }

    @PostMapping("/ops/external-figures")
    String upload(@RequestParam("file") MultipartFile file, Model model, RedirectAttributes redirect) throws IOException {
        Caller caller = caller();
        List<ExternalFigures.LineError> errors = figures.upload(new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8),
                caller::canOperate);
        if (!errors.isEmpty()) {
            model.addAttribute("errors", errors);
            return page(model);
        }
        redirect.addAttribute("saved", "true");
        return "redirect:/ops/external-figures";
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Sign-in required", "Sign in through the gateway."));
    }
}
