"""Trains example-open-1b (illustration only)."""
import yaml

print("train")
