"""Regulation comparator."""
