"""Builds the data shards: filter, deduplicate, tokenise (illustration only)."""
print("prepare")
