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

    /** @return how many contributors sent their part now (0: everything was there already) */
    public static int load(DemoContext demo) throws Exception {
        return load(demo, CONTRIBUTORS);
    }

    static int load(DemoContext demo, List<DemoContributor> contributors) throws Exception {
        int sent = 0;
        for (DemoContributor contributor : contributors) {
            if (loaded(contributor, demo)) {
                log.debug("demo year: {} already loaded", contributor.name());
                continue;
            }
            sent++;
            if (demo.progress().get("anchor").isEmpty()) {
                // A load that stops halfway and resumes another day plans the same year.
                demo.progress().put("anchor", demo.today());
            }
            long start = System.nanoTime();
            demo.progress().put(STATE + contributor.name(), LOADING);
            contributor.load(demo);
            demo.progress().put(STATE + contributor.name(), DONE);
            log.info("demo year: {} loaded in {} s", contributor.name(), (System.nanoTime() - start) / 1_000_000_000);
        }
        return sent;
    }

    static final String STATE = "loaded.";
    static final String LOADING = "loading";
    static final String DONE = "done";

    /**
     * Whether a contributor's part is there: as the progress kept says (a load that began and did not finish is resumed:
     * every contributor can load again without adding anything), or, where none was kept, as the contributor finds.
     */
    static boolean loaded(DemoContributor contributor, DemoContext demo) throws Exception {
        var state = demo.progress().get(STATE + contributor.name());
        return state.isPresent() ? state.get().equals(DONE) : contributor.alreadyLoaded(demo);
    }
}
