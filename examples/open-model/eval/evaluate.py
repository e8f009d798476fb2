"""Reproduces the evaluation table (illustration only)."""
print("evaluate")
