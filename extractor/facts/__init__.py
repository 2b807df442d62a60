"""Narrative facts: dated events, officials and titles, visit counts, metrics."""
