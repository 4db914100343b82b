"""Verdicts: the append-only log of editorial decisions, its stores, scale, ClaimReview export."""
