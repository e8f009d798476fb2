"""Generates text with the model (illustration only)."""
print("generate")
