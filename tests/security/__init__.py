"""Proof that nothing is lost and nothing hostile gets through: concurrency, crashes, fuzzing,
backup and restore, formula injection in every export."""
