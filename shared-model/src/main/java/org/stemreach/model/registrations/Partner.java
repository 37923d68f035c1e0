package org.stemreach.model.registrations;

/** An institution of a network that runs activities (a university, a college). Data, not an enum. */
public record Partner(String id, String name) {
}
