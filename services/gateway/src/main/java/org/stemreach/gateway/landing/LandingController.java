package org.stemreach.gateway.landing;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.stemreach.gateway.GatewayProperties;
import org.stemreach.gateway.identity.Grants;
import org.stemreach.gateway.identity.TokenMinter;

import java.util.List;

/** The landing page: the public pages for teachers, and for signed-in users the tools their roles open. */
@Controller
class LandingController {

    private final TokenMinter minter;
    private final GatewayProperties properties;

    LandingController(TokenMinter minter, GatewayProperties properties) {
        this.minter = minter;
        this.properties = properties;
    }

    @GetMapping("/")
    String landing(Authentication authentication, Model model) {
        boolean signedIn = authentication != null && !(authentication instanceof AnonymousAuthenticationToken);
        List<String> grants = signedIn ? Grants.of(authentication) : List.of();
        model.addAttribute("signedIn", signedIn);
        model.addAttribute("displayName", signedIn ? minter.displayName(authentication) : null);
        model.addAttribute("grants", grants);
        model.addAttribute("operates", Grants.operatesAnything(grants));
        model.addAttribute("coaches", Grants.coachesAnything(grants));
        model.addAttribute("oidc", "oidc".equals(properties.login()));
        return "index";
    }

    @GetMapping("/login")
    String login(@org.springframework.web.bind.annotation.RequestParam(required = false) String throttled,
                 @org.springframework.web.bind.annotation.RequestParam(required = false) String error,
                 jakarta.servlet.http.HttpServletRequest request, Model model) {
        model.addAttribute("oidc", "oidc".equals(properties.login()));
        model.addAttribute("failed", error != null);
        // After too many wrong passwords: how long to wait (only a number is shown, whatever the address says).
        model.addAttribute("throttled", throttled != null && throttled.matches("\\d{1,5}") ? Integer.valueOf(throttled) : null);
        model.addAttribute("username", org.stemreach.gateway.signin.LastUserName.take(request));
        return "login";
    }
}
