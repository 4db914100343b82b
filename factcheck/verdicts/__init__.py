"""Verdicts: the append-only log of editorial decisions, its stores, scale and ClaimReview export."""
