"""The clinical record's pure parts: note forms and signing hashes, objective progress,
the RCT formulation's summary and comparison, and the client timeline's order."""
