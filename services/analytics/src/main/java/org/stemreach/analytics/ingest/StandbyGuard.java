package org.stemreach.analytics.ingest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.stemreach.analytics.projection.ProjectionLease;
import org.stemreach.kit.web.ApiException;

import java.util.Map;

/**
 * A standby instance (another one holds the {@link ProjectionLease}) does not keep its facts in memory up to date, so
 * it answers the KPI API and pages with 503 rather than old figures; its actuator endpoints answer as usual.
 */
@Configuration(proxyBeanMethods = false)
class StandbyGuard implements WebMvcConfigurer {

    private final ProjectionLease lease;

    StandbyGuard(ProjectionLease lease) {
        this.lease = lease;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (lease.isStandby()) {
                    response.setHeader("Retry-After", "30");
                    throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Standby",
                            "This analytics instance is a standby; the active one is " + lease.holder() + ".",
                            Map.of("activeInstance", String.valueOf(lease.holder())));
                }
                return true;
            }
        }).addPathPatterns("/api/**", "/ops/**");
    }
}
