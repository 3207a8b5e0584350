"""Transcript analysis outside `core`: the pipeline that files and the app call, the
optional sentence encoder, training, and the trained artifacts with their model cards."""
