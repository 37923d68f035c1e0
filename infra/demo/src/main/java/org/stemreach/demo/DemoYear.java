package org.stemreach.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** Loads the demo year: each contributor, unless its data is there already. */
public final class DemoYear {

    public static final List<DemoContributor> CONTRIBUTORS = List.of(new RegistrationsDemo(), new DownloadsDemo(), new AnalyticsDemo());
    private static final Logger log = LoggerFactory.getLogger("stemreach-demo");

    private DemoYear() {
    }

    public static void load(DemoContext demo) throws Exception {
        for (DemoContributor contributor : CONTRIBUTORS) {
            if (contributor.alreadyLoaded(demo)) {
                log.info("demo year: {} already loaded", contributor.name());
                continue;
            }
            if (demo.progress().get("anchor").isEmpty()) {
                // A load that stops halfway and resumes another day plans the same year.
                demo.progress().put("anchor", demo.today());
            }
            long start = System.nanoTime();
            contributor.load(demo);
            log.info("demo year: {} loaded in {} s", contributor.name(), (System.nanoTime() - start) / 1_000_000_000);
        }
    }
}
