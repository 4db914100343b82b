"""Figures: numbers, percentages and dates in Arabic news text, and when two of them agree."""
