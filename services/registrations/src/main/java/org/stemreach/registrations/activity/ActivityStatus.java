package org.stemreach.registrations.activity;

public enum ActivityStatus { DRAFT, PUBLISHED, CANCELLED }
