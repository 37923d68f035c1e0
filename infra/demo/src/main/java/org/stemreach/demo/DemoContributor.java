package org.stemreach.demo;

/**
 * One service's part of the demo year. A new service adds a contributor to {@link DemoYear#CONTRIBUTORS} that
 * loads its data through its own public API (never straight into analytics).
 */
public interface DemoContributor {

    String name();

    /** True when this contributor's data is there already (loading again must add nothing). */
    boolean alreadyLoaded(DemoContext demo) throws Exception;

    void load(DemoContext demo) throws Exception;
}
