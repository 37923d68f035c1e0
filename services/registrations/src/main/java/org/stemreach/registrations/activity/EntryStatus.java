package org.stemreach.registrations.activity;

public enum EntryStatus { CONFIRMED, WAITLISTED, CANCELLED }
