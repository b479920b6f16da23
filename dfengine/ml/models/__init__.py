"""Issue-17 models (probabilistic, linear, survival, isotonic) shared helpers."""
