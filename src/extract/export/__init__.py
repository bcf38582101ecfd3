"""Exports: JSON files now; JSONL, Parquet and SQL databases build on these."""
