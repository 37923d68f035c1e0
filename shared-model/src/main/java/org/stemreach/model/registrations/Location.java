package org.stemreach.model.registrations;

/** Where a partner runs activities: a campus in a city (region for filters and reports). */
public record Location(String id, String name, String city, String region) {
}
