"""The evidence engine: analysis, retrieval, stance, speakers, syndication, claims, evidence."""
